"""API bearer tokens: shown once when issued, stored only as their SM3 digest."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.utils import timezone

from .models import ApiToken, User

_TOUCH_INTERVAL = dt.timedelta(minutes=10)  # last_used_at is refreshed at most this often (no write per request)


def digest(token: str) -> str:
    return hashlib.new("sm3", token.encode()).hexdigest()


def issue_token(user: User, name: str) -> str:
    """Create a token for `user` and return it in clear (the only time it is known)."""
    token = "zw_" + secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, name=name, digest=digest(token))
    return token


def user_for_token(token: str) -> User | None:
    if not token or len(token) > 200:
        return None
    row = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest(token), revoked=False, user__is_active=True)
        .only("id", "last_used_at", "user")
        .first()
    )
    if row is None:
        return None
    now = timezone.now()
    if row.last_used_at is None or now - row.last_used_at > _TOUCH_INTERVAL:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.user
