"""Writes to the service-object registry (政务服务对象库) and audited reads of personal data.

Legal basis: 《个人信息保护法》 arts. 10, 51 (security measures, encryption, de-identification) and
《数据安全法》 art. 27; reading a clear identity number or phone needs a stated purpose and leaves an audit
entry (网络安全等级保护 2.0: 安全审计).
"""

from __future__ import annotations

import hmac
import unicodedata
from collections.abc import Callable

from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from zhengwu.audit import services as audit
from zhengwu.errors import InvalidInput

from . import crypto
from .masking import mask_id, mask_name, mask_phone
from .models import Party, PartyKind
from .validators import validate_citizen_id, validate_phone, validate_uscc

_ID_VALIDATORS: dict[str, Callable[[str], str]] = {
    PartyKind.PERSON: validate_citizen_id,
    PartyKind.ORGANISATION: validate_uscc,
}


def _clean_text(value: str, field: str, max_length: int, *, required: bool = False) -> str:
    text = (value or "").strip()
    if required and not text:
        raise InvalidInput(_("此项为必填项。"), field=field)
    if any(unicodedata.category(char) in ("Cc", "Cf") for char in text):  # line breaks, NUL, invisible marks
        raise InvalidInput(_("不能含有换行符或其他控制字符。"), field=field)
    if len(text) > max_length:
        raise InvalidInput(_("内容过长，最多 %(n)d 个字符。") % {"n": max_length}, field=field)
    return text


def _set_phone(party: Party, phone: str) -> None:
    party.phone_encrypted = crypto.encrypt(phone)
    party.phone_digest = crypto.lookup_digest(phone)
    party.phone_masked = mask_phone(phone)


def _locked_party(kind: str, digest: str) -> Party | None:
    return Party.objects.select_for_update().filter(kind=kind, id_number_digest=digest).first()


def _apply_changes(party: Party, *, name: str, phone: str, representative: str, address: str) -> list[str]:
    """Update an existing party with the values given (empty values leave the stored ones); return what changed."""
    changed = []
    for field, value in (("name", name), ("representative", representative), ("address", address)):
        if value and getattr(party, field) != value:
            setattr(party, field, value)
            changed.append(field)
    if phone and party.phone_digest != crypto.lookup_digest(phone):
        _set_phone(party, phone)
        changed.append("phone")
    return changed


def matches_record(party: Party, name: str, phone: str) -> bool:
    """Whether `name` and `phone` are those on record for `party` (a record without a phone matches none). Knowing
    an identity number alone must not let anyone claim, or file under, someone else's record."""
    return (
        bool(party.phone_digest)
        and party.phone_digest == crypto.lookup_digest(phone)
        and party.name == (name or "").strip()
    )


def _portal_account(party: Party):
    try:
        return party.portal_account
    except ObjectDoesNotExist:
        return None


def _suspend_disputed_account(party: Party, account, changed: list[str], actor) -> None:
    """The identity was checked in person with another name or phone than the portal account holding this party
    was opened with online: whoever opened it may not be this person, so it stops showing the party's cases (and
    its notices and personal data) until the holder proves who they are at a window and an administrator
    reactivates it. The account's sessions end with it (`accounts.sessions` reads `is_active`)."""
    account.is_active = False
    account.save(update_fields=["is_active"])
    audit.record(actor, "accounts.suspended_identity_conflict", account, party=party.pk, changed=changed)


@transaction.atomic
def register_party(
    kind: str,
    name: str,
    id_number: str,
    phone: str = "",
    *,
    representative: str = "",
    address: str = "",
    actor=None,
    in_person: bool = False,
    confirm_name_change: bool = False,
) -> Party:
    """Find the party by its identity number or create it; update name, phone, representative and address.

    The identity number and phone are stored SM4-encrypted with a keyed digest and a masked copy
    (《个人信息保护法》 art. 51). An audit entry is written only when something was created or changed.

    `in_person`: the identity document was checked at a window. A party that holds a portal account keeps its
    name and phone unless so (a caller on the hotline who knows an identity number changes nothing); when an
    in-person check gives another name, or another phone than the account's, the account is suspended.

    A name other than the one on record is never taken silently: it re-addresses every notice of the party's other
    cases. It is refused (400 naming `name`, with the name on record masked) unless the identity document was
    checked in person and the clerk confirms the change (`confirm_name_change`: 依法变更姓名/名称).
    """
    if kind not in _ID_VALIDATORS:
        raise InvalidInput(_("服务对象类别无效。"), field="kind")
    number = _ID_VALIDATORS[kind](id_number)
    phone = validate_phone(phone) if (phone or "").strip() else ""
    name = _clean_text(name, "name", 200, required=True)
    representative = _clean_text(representative, "representative", 50)
    address = _clean_text(address, "address", 200)
    digest = crypto.lookup_digest(number)

    party = _locked_party(kind, digest)
    if party is None:
        party = Party(
            kind=kind,
            name=name,
            id_number_encrypted=crypto.encrypt(number),
            id_number_digest=digest,
            id_number_masked=mask_id(number),
            representative=representative,
            address=address,
        )
        if phone:
            _set_phone(party, phone)
        try:
            with transaction.atomic():
                party.save()
        except IntegrityError:
            # Registered concurrently by another request: update that row instead.
            party = _locked_party(kind, digest)
            if party is None:
                raise
        else:
            audit.record(actor, "parties.register", party, created=True)
            return party
    account = _portal_account(party)
    if account is not None and not in_person:
        name = phone = ""  # left as registered
    elif name != party.name and not (in_person and confirm_name_change):
        raise InvalidInput(
            _(
                "该证件号码已登记的姓名/名称为“%(name)s”，与所填不一致。请核对身份证件；如已依法变更，请在窗口核验证件后确认更正。"
            )
            % {"name": mask_name(party.name, party.kind)},
            field="name",
            code="name_mismatch",
        )
    changed = _apply_changes(party, name=name, phone=phone, representative=representative, address=address)
    if changed:
        party.save()
        audit.record(actor, "parties.register", party, created=False, changed=changed)
    if account is not None and account.is_active:
        disputed = [f for f in changed if f == "name"]
        if phone and crypto.lookup_digest(phone) != account.phone_digest:
            disputed.append("phone")
        if disputed:
            _suspend_disputed_account(party, account, disputed, actor)
    return party


def _reveal(party: Party, encrypted: str, action: str, *, actor, purpose: str, context: dict | None) -> str:
    purpose = (purpose or "").strip()
    if not purpose:
        raise InvalidInput(_("查看完整信息须说明用途。"), field="purpose")
    if not encrypted:
        return ""
    clear = crypto.decrypt(encrypted)
    audit.record(actor, action, party, purpose=purpose, **(context or {}))
    return clear


def reveal_id_number(party: Party, *, actor, purpose: str, context: dict | None = None) -> str:
    """The clear identity number, for a stated purpose; the read is audited (《个人信息保护法》 art. 51) with
    `context` (say, the case it was read for)."""
    return _reveal(
        party, party.id_number_encrypted, "parties.reveal_id_number", actor=actor, purpose=purpose, context=context
    )


def reveal_phone(party: Party, *, actor, purpose: str, context: dict | None = None) -> str:
    """The clear phone number, for a stated purpose; the read is audited. Empty (and not audited) if none."""
    return _reveal(party, party.phone_encrypted, "parties.reveal_phone", actor=actor, purpose=purpose, context=context)


def find_by_id_number(kind: str, id_number: str) -> Party | None:
    """The party of that kind with that identity number, found through its keyed digest."""
    number = (id_number or "").strip().upper()
    if not number:
        return None
    return Party.objects.filter(kind=kind, id_number_digest=crypto.lookup_digest(number)).first()


def phone_last4_matches(party: Party, digits: str) -> bool:
    """Whether `digits` are the last four digits of the party's phone (a light identity check, not audited)."""
    digits = (digits or "").strip()
    if not party.phone_encrypted or len(digits) != 4 or not digits.isdigit():
        return False
    return hmac.compare_digest(crypto.decrypt(party.phone_encrypted)[-4:].encode(), digits.encode())
