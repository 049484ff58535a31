"""The applicant's login session: its own session keys, separate from staff login (`request.user`).

The session holds the account id and a keyed hash of the password hash, so that a password change ends every
other session of the account (as Django does for staff).
"""

from __future__ import annotations

from django.utils.crypto import constant_time_compare, salted_hmac

from .models import Account

SESSION_KEY = "_applicant_account_id"
HASH_SESSION_KEY = "_applicant_account_hash"
_CACHE_ATTR = "_applicant_cache"


def _password_hash(account: Account) -> str:
    return salted_hmac("zhengwu.accounts.session", account.password, algorithm="sha256").hexdigest()


def current_applicant(request) -> Account | None:
    """The logged-in applicant account of this request, or None."""
    if hasattr(request, _CACHE_ATTR):
        return getattr(request, _CACHE_ATTR)
    account = None
    session = getattr(request, "session", None)
    account_id = session.get(SESSION_KEY) if session is not None else None
    if account_id is not None:
        candidate = Account.objects.select_related("party").filter(pk=account_id, is_active=True).first()
        if candidate is not None and constant_time_compare(
            session.get(HASH_SESSION_KEY, ""), _password_hash(candidate)
        ):
            account = candidate
        else:
            _forget(request)
    setattr(request, _CACHE_ATTR, account)
    return account


def start_session(request, account: Account) -> None:
    """Log the applicant in: a new session key (no fixation), the account id and its password hash."""
    request.session.cycle_key()
    request.session[SESSION_KEY] = account.pk
    request.session[HASH_SESSION_KEY] = _password_hash(account)
    setattr(request, _CACHE_ATTR, account)


def _forget(request) -> None:
    request.session.pop(SESSION_KEY, None)
    request.session.pop(HASH_SESSION_KEY, None)


def end_session(request) -> None:
    """Log the applicant out: the session is flushed; a staff login in the same browser (Django's own session
    keys) is left as it was (only the applicant keys go, and the session key changes).
    """
    from django.contrib.auth import SESSION_KEY as STAFF_SESSION_KEY

    if STAFF_SESSION_KEY in request.session:
        _forget(request)
        request.session.cycle_key()
    else:
        request.session.flush()
    setattr(request, _CACHE_ATTR, None)
