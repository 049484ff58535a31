"""首席代表制: who may approve at the window under a department's written authorisation (授权委托书), and in which
capacity (A角, or B角 while the principal is away).

The case acts consult this only for staff who do not approve by their own role, so the ordinary path reads nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import ChiefRepresentative, RepresentativeAbsence

PRINCIPAL, DEPUTY = "A", "B"
CAPACITY_LABELS = {PRINCIPAL: _("首席代表（A角）"), DEPUTY: _("首席代表B角（代行）")}


@dataclass(frozen=True)
class Authority:
    """The letter under which a member of staff approves, and in which capacity."""

    letter_number: str
    capacity: str  # PRINCIPAL | DEPUTY

    @property
    def label(self) -> str:
        return str(CAPACITY_LABELS[self.capacity])

    def as_event_data(self) -> dict[str, str]:
        """What the case history and the audit log keep of it."""
        return {"chief_representative": self.capacity, "authorisation": self.letter_number}


def acting_authority(user, *, department_id: int, matter_id: int, on: dt.date) -> Authority | None:
    """The authority under which `user` approves `matter_id` of `department_id` at the window on `on`, or None.

    The principal acts on every day the letter is in force; the deputy only on a day an absence of the principal
    covers. A letter is in force from `valid_from` to `valid_until`, and not from its revocation day on.
    """
    if user is None or not getattr(user, "pk", None) or user.department_id != department_id:
        return None
    letters = (
        ChiefRepresentative.objects.filter(
            Q(principal=user) | Q(deputy=user),
            department_id=department_id,
            matters=matter_id,
            valid_from__lte=on,
            valid_until__gte=on,
        )
        .filter(Q(revoked_on__isnull=True) | Q(revoked_on__gt=on))
        .order_by("-valid_from")
    )
    for letter in letters:
        if letter.principal_id == user.pk:
            return Authority(letter.letter_number, PRINCIPAL)
        away = RepresentativeAbsence.objects.filter(representative=letter, starts_on__lte=on, ends_on__gte=on)
        if away.exists():
            return Authority(letter.letter_number, DEPUTY)
    return None


def authority_label(data: dict) -> str:
    """How the case history names an act done under a letter ("" for one done by role)."""
    capacity = data.get("chief_representative") if data else None
    if capacity not in CAPACITY_LABELS:
        return ""
    return _("%(capacity)s，授权委托书 %(number)s") % {
        "capacity": CAPACITY_LABELS[capacity],
        "number": data.get("authorisation", ""),
    }
