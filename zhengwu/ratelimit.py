"""Counting attempts in a time window in the shared cache (login, progress lookup).

The window starts with the first attempt and is not extended by later ones. With Redis the increment is atomic;
the embedded file cache may let a few racing attempts through, which is acceptable for a limit.
"""

from __future__ import annotations

from django.core.cache import cache


def hit(key: str, window_seconds: int) -> int:
    """Count one attempt under `key`; return how many the current window holds."""
    cache.add(key, 0, window_seconds)
    try:
        return cache.incr(key)
    except ValueError:  # the window expired between add and incr
        cache.set(key, 1, window_seconds)
        return 1


def counts(keys: list[str]) -> dict[str, int]:
    """The attempts each key's window holds now (0 for none)."""
    found = cache.get_many(keys)
    return {key: found.get(key) or 0 for key in keys}
