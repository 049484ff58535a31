"""Masked copies of personal data for lists, notices and screens that do not need the clear value."""

from __future__ import annotations

from .models import PartyKind


def _mask_middle(value: str, keep_start: int, keep_end: int) -> str:
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]


def mask_id(value: str) -> str:
    """Citizen ID or unified social credit code: the first 4 and last 4 characters stay ("3303**********1234")."""
    return _mask_middle((value or "").strip().upper(), 4, 4)


def mask_phone(value: str) -> str:
    """Phone number: the first 3 and last 4 digits stay ("138****5678")."""
    return _mask_middle((value or "").strip().replace(" ", ""), 3, 4)


def mask_name(name: str, kind: str = PartyKind.PERSON) -> str:
    """A person's name keeps its first character (张三 → 张*); an organisation's name is public and stays."""
    name = (name or "").strip()
    if kind == PartyKind.ORGANISATION or not name:
        return name
    if len(name) == 1:
        return "*"
    return name[0] + "*" * (len(name) - 1)
