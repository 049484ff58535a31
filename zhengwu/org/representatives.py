"""首席代表制: who may approve at the window under a department's written authorisation (授权委托书), and in which
capacity (A角, or B角 while the principal is away).

The case acts consult this only for staff who do not approve by their own role, so the ordinary path reads nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhengwu.audit import services as audit
from zhengwu.errors import InvalidInput, NotPermitted, StateConflict

from .models import ChiefRepresentative, RepresentativeAbsence, Role

PRINCIPAL, DEPUTY = "A", "B"
CAPACITY_LABELS = {PRINCIPAL: gettext_lazy("首席代表（A角）"), DEPUTY: gettext_lazy("首席代表B角（代行）")}


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


def _letters_in_force(user, department_id: int, on: dt.date):
    """`user`'s letters of `department_id` in force on `on` (from `valid_from` to `valid_until`, not from the
    revocation day on), each annotated with whether its principal is recorded away that day."""
    away = RepresentativeAbsence.objects.filter(representative=OuterRef("pk"), starts_on__lte=on, ends_on__gte=on)
    return (
        ChiefRepresentative.objects.filter(
            Q(principal=user) | Q(deputy=user),
            department_id=department_id,
            valid_from__lte=on,
            valid_until__gte=on,
        )
        .filter(Q(revoked_on__isnull=True) | Q(revoked_on__gt=on))
        .annotate(away=Exists(away))
    )


def _capacity(user, principal_id: int, away: bool) -> str | None:
    """The principal acts on every day the letter is in force; the deputy only on a day the principal is away."""
    return PRINCIPAL if principal_id == user.pk else (DEPUTY if away else None)


def acting_authority(user, *, department_id: int, matter_id: int, on: dt.date) -> Authority | None:
    """The authority under which `user` approves `matter_id` of `department_id` at the window on `on`, or None
    (one query)."""
    if user is None or not getattr(user, "pk", None) or user.department_id != department_id:
        return None
    rows = (
        _letters_in_force(user, department_id, on)
        .filter(matters=matter_id)
        .order_by("-valid_from")
        .values_list("letter_number", "principal_id", "away")
    )
    for number, principal_id, away in rows:
        capacity = _capacity(user, principal_id, away)
        if capacity is not None:
            return Authority(number, capacity)
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


# -- the A角's absences, recorded by the department head ------------------------------------------------------------
def may_manage(user, letter: ChiefRepresentative) -> bool:
    """The department's head keeps its letters' absences up to date (a superuser too)."""
    if user is None or not user.is_authenticated:
        return False
    return user.is_superuser or (user.department_id == letter.department_id and user.has_role(Role.DEPARTMENT_HEAD))


def _require_manager(user, letter: ChiefRepresentative) -> None:
    if not may_manage(user, letter):
        raise NotPermitted(_("只有本部门负责人可以登记首席代表不在岗。"), code="department_head_only")


def record_absence(letter: ChiefRepresentative, *, actor, starts_on, ends_on, reason: str) -> RepresentativeAbsence:
    """Record days the A角 is away: the B角 approves in their place on those days. Within the letter's period and
    not overlapping another recorded absence of the same letter."""
    reason = (reason or "").strip()
    with transaction.atomic():
        letter = ChiefRepresentative.objects.select_for_update().get(pk=letter.pk)
        _require_manager(actor, letter)
        if letter.deputy_id is None:
            raise StateConflict(_("该授权未设B角，A角不在岗时无人代行。"), code="no_deputy")
        if not starts_on:
            raise InvalidInput(_("请填写起始日期。"), field="starts_on")
        if not ends_on or ends_on < starts_on:
            raise InvalidInput(_("截止日期不能早于起始日期。"), field="ends_on")
        if not reason:
            raise InvalidInput(_("请填写事由。"), field="reason")
        last = letter.last_day_in_force
        if last is None or starts_on > last or ends_on < letter.valid_from:
            raise InvalidInput(_("不在岗期间须在授权有效期内。"), field="starts_on")
        if letter.absences.filter(starts_on__lte=ends_on, ends_on__gte=starts_on).exists():
            raise InvalidInput(_("与已登记的不在岗期间重叠。"), field="starts_on")
        absence = RepresentativeAbsence.objects.create(
            representative=letter, starts_on=starts_on, ends_on=ends_on, reason=reason[:200]
        )
        audit.record(
            actor,
            "org.representative_absence",
            letter,
            letter=letter.letter_number,
            starts_on=starts_on.isoformat(),
            ends_on=ends_on.isoformat(),
            reason=absence.reason,
        )
    return absence


def end_absence(absence: RepresentativeAbsence, *, actor, returned_on: dt.date) -> RepresentativeAbsence | None:
    """The A角 is back on `returned_on`: the absence ends the day before (withdrawn if it had not begun). Days already
    past stay as they were: acts the B角 did on them keep their authority."""
    with transaction.atomic():
        letter = ChiefRepresentative.objects.select_for_update().get(pk=absence.representative_id)
        _require_manager(actor, letter)
        absence = RepresentativeAbsence.objects.get(pk=absence.pk)
        if returned_on > absence.ends_on:
            raise StateConflict(_("该不在岗期间已结束。"), code="absence_over")
        detail = {"letter": letter.letter_number, "starts_on": absence.starts_on.isoformat()}
        if returned_on <= absence.starts_on:
            absence.delete()
            audit.record(actor, "org.representative_absence_withdrawn", letter, **detail)
            return None
        absence.ends_on = returned_on - dt.timedelta(days=1)
        absence.save(update_fields=["ends_on"])
        audit.record(actor, "org.representative_absence_ended", letter, ends_on=absence.ends_on.isoformat(), **detail)
    return absence


def letters_of(department_id: int):
    return (
        ChiefRepresentative.objects.filter(department_id=department_id)
        .select_related("hall", "principal", "deputy")
        .prefetch_related("absences")
        .order_by("-valid_from")
    )


def acting_today(letter: ChiefRepresentative, on: dt.date) -> str | None:
    """Who approves under `letter` on `on`: PRINCIPAL, DEPUTY (the A角 away), or None (not in force)."""
    if not letter.in_force_on(on):
        return None
    away = any(a.starts_on <= on <= a.ends_on for a in letter.absences.all())
    return DEPUTY if away and letter.deputy_id else PRINCIPAL


def matters_approved_by(user, on: dt.date) -> list[int]:
    """The matters `user` approves at the window on `on` under a letter in force (as A角, or as B角 on a day the A角
    is away), in one query: their to-do list shows those cases' 审批 steps and decisions."""
    if user is None or not getattr(user, "pk", None) or not user.department_id:
        return []
    rows = _letters_in_force(user, user.department_id, on).values_list("matters", "principal_id", "away")
    return sorted({matter for matter, principal_id, away in rows if matter and _capacity(user, principal_id, away)})
