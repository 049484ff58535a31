"""Identity numbers: the citizen ID number (GB 11643-1999) and the unified social credit code (GB 32100-2015)."""

from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext as _

from zhengwu.errors import InvalidInput

# GB 11643: weights 2^(17-i) mod 11, check character from the sum mod 11.
_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_ID_CHECK = "10X98765432"
_ID_RE = re.compile(r"^\d{17}[\dX]$")

# GB 32100: 31 characters (no I, O, Z, S, V), weights 3^(i) mod 31.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
_USCC_RE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")


def citizen_id_check_char(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def validate_citizen_id(value: str, field: str = "id_number") -> str:
    """Return the normalised 18-digit ID number or raise InvalidInput (bad format, date or check digit)."""
    number = (value or "").strip().upper()
    if not _ID_RE.match(number):
        raise InvalidInput(_("身份证号码应为18位，前17位为数字，最后一位为数字或X。"), field=field)
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise InvalidInput(_("身份证号码中的出生日期无效。"), field=field) from None
    if birth < dt.date(1900, 1, 1) or birth > dt.date.today():
        raise InvalidInput(_("身份证号码中的出生日期无效。"), field=field)
    if citizen_id_check_char(number[:17]) != number[17]:
        raise InvalidInput(_("身份证号码校验位错误，请核对。"), field=field)
    return number


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def validate_uscc(value: str, field: str = "id_number") -> str:
    """Return the normalised unified social credit code or raise InvalidInput."""
    code = (value or "").strip().upper()
    if len(code) != 18 or not _USCC_RE.match(code):
        raise InvalidInput(_("统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）。"), field=field)
    if uscc_check_char(code[:17]) != code[17]:
        raise InvalidInput(_("统一社会信用代码校验位错误，请核对。"), field=field)
    return code


_PHONE_RE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")


def validate_phone(value: str, field: str = "phone") -> str:
    """A mainland mobile number (11 digits) or a landline with area code."""
    phone = (value or "").strip().replace(" ", "")
    if not _PHONE_RE.match(phone):
        raise InvalidInput(_("联系电话格式不正确。"), field=field)
    return phone
