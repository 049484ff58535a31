"""Acts of applicant accounts: registration, login (rate-limited, locked after repeated failures), logout.

Legal basis: 《网络安全法》 art. 24 (real-name registration: the 身份证号 or 统一社会信用代码 is validated and
kept in the service-object registry), 网络安全等级保护 2.0 (身份鉴别: password complexity, login failure handling
— lockout after repeated failures, session timeout; 安全审计: every login, failure and lockout is audited).
"""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengwu import ratelimit
from zhengwu.audit import services as audit
from zhengwu.errors import DomainError, InvalidInput, StateConflict
from zhengwu.parties import crypto
from zhengwu.parties.masking import mask_phone
from zhengwu.parties.models import PartyKind
from zhengwu.parties.services import find_by_id_number, matches_record, register_party

from .models import Account, AccountKind

# 等保 2.0 身份鉴别: lock the account after 5 consecutive failures, for 15 minutes.
MAX_FAILED_LOGINS = 5
LOCKOUT_MINUTES = 15
# Failed login attempts allowed per window (seconds), per client address and per phone number.
DEFAULT_IP_LIMIT = 30
DEFAULT_PHONE_LIMIT = 10
RATE_WINDOW_SECONDS = 300
# Registration attempts allowed per window, per client address: "already registered" must not serve to find out
# in bulk which phones have accounts (login does not tell).
DEFAULT_REGISTER_IP_LIMIT = 10

_MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
_PARTY_KINDS: dict[str, PartyKind] = {
    AccountKind.PERSON: PartyKind.PERSON,
    AccountKind.ENTERPRISE: PartyKind.ORGANISATION,
}


class RateLimited(DomainError):
    """Too many login or registration attempts from one address (or logins for one phone) in a short time."""

    status = 429
    code = "rate_limited"


def _locked_message() -> str:
    return _("连续登录失败次数过多，账户已被锁定%(n)s分钟，请稍后再试。") % {"n": LOCKOUT_MINUTES}


def clean_mobile(value: str, field: str = "phone") -> str:
    phone = (value or "").strip().replace(" ", "")
    if not _MOBILE_RE.match(phone):
        raise InvalidInput(_("请填写11位手机号码。"), field=field)
    return phone


def _validator_message(error: ValidationError) -> str:
    # Django's Chinese catalogue lacks the plural form of this one message.
    if error.code == "password_too_short":
        assert error.params is not None  # Django's MinimumLengthValidator always passes min_length
        return _("密码太短，至少需要%(n)s个字符。") % {"n": error.params["min_length"]}
    return " ".join(error.messages)


def check_password_rules(password: str, password2: str) -> None:
    """Django's validators (length ≥ 8, not common, not all digits) plus letters and digits both present."""
    if password != password2:
        raise InvalidInput(_("两次输入的密码不一致。"), field="password2")
    try:
        validate_password(password)
    except ValidationError as error:
        raise InvalidInput(" ".join(_validator_message(e) for e in error.error_list), field="password") from None
    if not (re.search(r"[A-Za-z]", password) and re.search(r"\d", password)):
        raise InvalidInput(_("密码须同时包含字母和数字。"), field="password")


def register(
    *,
    kind: str,
    name: str,
    id_number: str,
    phone: str,
    password: str,
    password2: str,
    representative: str = "",
    ip: str | None = None,
) -> Account:
    """Open an account for a citizen (身份证号) or an enterprise (统一社会信用代码); one account per phone and party.

    `ip`: the client address of a registration from the web, whose attempts are rate-limited per address.
    """
    if ip is not None:
        _check_register_rate(ip)
    return _open_account(kind, name, id_number, phone, password, password2, representative)


@transaction.atomic
def _open_account(
    kind: str, name: str, id_number: str, phone: str, password: str, password2: str, representative: str
) -> Account:
    if kind not in _PARTY_KINDS:
        raise InvalidInput(_("账户类型无效。"), field="kind")
    phone = clean_mobile(phone)
    if kind == AccountKind.ENTERPRISE and not (representative or "").strip():
        raise InvalidInput(_("请填写法定代表人。"), field="representative")
    check_password_rules(password, password2)
    digest = crypto.lookup_digest(phone)
    if Account.objects.filter(phone_digest=digest).exists():
        raise InvalidInput(_("该手机号码已注册，请直接登录。"), field="phone")
    party_kind = _PARTY_KINDS[kind]
    existing = find_by_id_number(party_kind, id_number)
    if existing is not None:
        if Account.objects.filter(party=existing).exists():
            raise InvalidInput(_("该证件号码已注册账户，请使用原手机号码登录。"), field="id_number")
        # A party known from a window case is linked only when it is the one on record, and is not changed.
        if not matches_record(existing, name, phone):
            raise InvalidInput(
                _("姓名（名称）或手机号码与已登记的信息不一致，请核对，或携带证件到办事窗口更新登记信息。"),
                field="id_number",
            )
        party = existing
    else:
        party = register_party(party_kind, name, id_number, phone, representative=representative)
    try:
        with transaction.atomic():
            account = Account.objects.create(
                kind=kind,
                party=party,
                phone_digest=digest,
                phone_masked=mask_phone(phone),
                password=make_password(password),
            )
    except IntegrityError:
        raise InvalidInput(_("该手机号码或证件号码已注册。"), field="phone") from None
    audit.record(
        account.audit_actor, "accounts.register", account, kind=kind, party=party.pk, phone=account.phone_masked
    )
    return account


# -- login ---------------------------------------------------------------------------------------------------------
def _limit(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def _hit(key: str) -> int:
    """Count one attempt in the current window; return the count."""
    return ratelimit.hit(key, RATE_WINDOW_SECONDS)


def _login_rate_keys(ip: str, digest: str) -> tuple[str, str]:
    return f"accounts:login:ip:{ip}", f"accounts:login:phone:{digest}"


def _check_rate(ip: str, digest: str, phone_masked: str) -> None:
    """Refuse the attempt once the address or the phone has used up its failed logins in the window.

    Only failures are counted (`_count_failed_login`): a citizen who logs in correctly is never refused for it.
    A success does not reset the counters either: logging into one's own account must not unlock guessing others.
    """
    ip_key, phone_key = _login_rate_keys(ip, digest)
    failures = ratelimit.counts([ip_key, phone_key])
    over_ip = failures[ip_key] >= _limit("ZHENGWU_LOGIN_IP_LIMIT", DEFAULT_IP_LIMIT)
    over_phone = failures[phone_key] >= _limit("ZHENGWU_LOGIN_PHONE_LIMIT", DEFAULT_PHONE_LIMIT)
    if over_ip or over_phone:
        audit.record(
            None,
            "accounts.login_rate_limited",
            object_type="accounts.account",
            object_id="",
            ip=ip,
            phone=phone_masked,
            by="ip" if over_ip else "phone",
        )
        raise RateLimited(_("登录尝试过于频繁，请%(n)s分钟后再试。") % {"n": RATE_WINDOW_SECONDS // 60})


def _count_failed_login(ip: str, digest: str) -> None:
    for key in _login_rate_keys(ip, digest):
        _hit(key)


def _check_register_rate(ip: str) -> None:
    if _hit(f"accounts:register:ip:{ip}") > _limit("ZHENGWU_REGISTER_IP_LIMIT", DEFAULT_REGISTER_IP_LIMIT):
        audit.record(None, "accounts.register_rate_limited", object_type="accounts.account", object_id="", ip=ip)
        raise RateLimited(_("注册尝试过于频繁，请%(n)s分钟后再试。") % {"n": RATE_WINDOW_SECONDS // 60})


def _unknown_phone_failure(digest: str, phone_masked: str, ip: str) -> bool:
    """A failure for a phone without an account is counted like one with (no difference shows); True = locked."""
    key = f"accounts:login:fail:{digest}"
    failures = ratelimit.hit(key, LOCKOUT_MINUTES * 60)
    locked = failures >= MAX_FAILED_LOGINS
    if locked:
        cache.set(f"accounts:login:lock:{digest}", True, LOCKOUT_MINUTES * 60)
        cache.delete(key)
    audit.record(
        None,
        "accounts.lockout" if locked else "accounts.login_failed",
        object_type="accounts.account",
        object_id="",
        ip=ip,
        phone=phone_masked,
        known=False,
    )
    return locked


def _attempt(digest: str, phone_masked: str, password: str, ip: str, now: dt.datetime) -> tuple[str, Account | None]:
    """One login attempt in its own transaction; the outcome is committed before any error is raised."""
    with transaction.atomic():
        account = Account.objects.select_for_update().filter(phone_digest=digest).first()
        if account is None or not account.is_active:
            make_password(password)  # the same hashing time whether or not the phone is known
            if cache.get(f"accounts:login:lock:{digest}"):
                return "locked", None
            return ("locked" if _unknown_phone_failure(digest, phone_masked, ip) else "failed"), None
        if account.is_locked(now):
            make_password(password)  # as for an unknown phone: the answer's timing does not tell them apart
            audit.record(account.audit_actor, "accounts.login_refused_locked", account, ip=ip)
            return "locked", account

        def upgrade(raw):
            account.password = make_password(raw)

        if check_password(password, account.password, upgrade):
            account.failed_logins = 0
            account.locked_until = None
            account.last_login = now
            account.save(update_fields=["password", "failed_logins", "locked_until", "last_login"])
            audit.record(account.audit_actor, "accounts.login", account, ip=ip)
            return "ok", account
        account.failed_logins += 1
        if account.failed_logins >= MAX_FAILED_LOGINS:
            account.failed_logins = 0
            account.locked_until = now + dt.timedelta(minutes=LOCKOUT_MINUTES)
            account.save(update_fields=["failed_logins", "locked_until"])
            audit.record(account.audit_actor, "accounts.lockout", account, ip=ip, until=account.locked_until)
            return "locked", account
        account.save(update_fields=["failed_logins"])
        audit.record(account.audit_actor, "accounts.login_failed", account, ip=ip, failures=account.failed_logins)
        return "failed", account


def authenticate(*, phone: str, password: str, ip: str) -> Account:
    """Check phone and password. Wrong pairs say nothing about whether the phone has an account; after 5 consecutive
    failures the account is locked for 15 minutes; failed attempts are rate-limited per address and per phone."""
    phone = (phone or "").strip().replace(" ", "")
    if not phone:
        raise InvalidInput(_("请填写手机号码。"), field="phone")
    if not password:
        raise InvalidInput(_("请填写密码。"), field="password")
    digest = crypto.lookup_digest(phone)
    phone_masked = mask_phone(phone)
    _check_rate(ip, digest, phone_masked)
    outcome, account = _attempt(digest, phone_masked, password, ip, timezone.now())
    if outcome != "ok":
        _count_failed_login(ip, digest)
    if outcome == "locked":
        raise StateConflict(_locked_message(), code="account_locked")
    if outcome == "failed":
        raise InvalidInput(_("手机号码或密码错误。"), field="password")
    assert account is not None  # _attempt returns "ok" only with the account
    return account


def record_logout(account: Account, *, ip: str) -> None:
    audit.record(account.audit_actor, "accounts.logout", account, ip=ip)
