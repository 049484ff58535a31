"""The attempt counter shared by the login and the progress lookup: a window that expires between its creation
and the count starts a new window at one attempt, instead of failing the request."""

from __future__ import annotations

from django.core.cache import cache

from zhengwu import ratelimit


def test_attempts_are_counted_within_the_window():
    assert [ratelimit.hit("rl:test:count", 60) for _ in range(3)] == [1, 2, 3]
    assert ratelimit.counts(["rl:test:count", "rl:test:none"]) == {"rl:test:count": 3, "rl:test:none": 0}


def test_a_window_that_expires_before_the_count_starts_again_at_one(monkeypatch):
    # The key vanishes right after `add` (its window ended): `incr` finds nothing.
    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: True)
    assert ratelimit.hit("rl:test:expired", 60) == 1
    monkeypatch.undo()
    assert ratelimit.hit("rl:test:expired", 60) == 2  # the new window goes on counting
