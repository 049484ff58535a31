"""Reads of first-inquiry responsibility (首问责任制): who may record, see and act on a first inquiry, and its lists.

Who is who:
- hall staff (`hall_post`): a member of staff with a business role at a window of a hall, or in a department
  stationed at one; they record inquiries and are their first-asked person (首问责任人, the `owner`);
- the receiving department (`is_department_staff`): its staff see every inquiry ever referred to it and answer the
  one currently referred to it;
- supervisors (电子监察) read, without acting, the referred inquiries of the halls and departments of their area;
- the 三员 see none (they do not handle business); a superuser sees all.

Lists never fetch the encrypted phone: the masked copy is all they show.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from zhengwu.cases.permissions import ACTING_ROLES
from zhengwu.org.models import Department, Hall, Role, Window, holds_only_separated_roles
from zhengwu.pagination import keyset_page

from .models import FIRST_INQUIRY_OPEN_STATES, FirstInquiry, FirstInquiryOutcome, FirstInquiryState, InquiryReferral

LIST_RELATED = (
    "hall",
    "owner",
    "owner_window",
    "matter__current_version",
    "department",
    "referred_to",
    "referred_to_staff",
)


@dataclass(frozen=True)
class HallPost:
    """Where a member of staff serves: the hall, and their window there if they have one."""

    hall: Hall
    window: Window | None


def _business(user) -> bool:
    return user is not None and user.is_authenticated and not holds_only_separated_roles(user)


def _acting(user) -> bool:
    return bool(user.role_codes & ACTING_ROLES)


def hall_post(user) -> HallPost | None:
    """The hall where `user` records first inquiries (None: not hall staff). Their first window's hall; else the
    first hall where their department has a window; a superuser without either, the first hall."""
    if not _business(user) or not (_acting(user) or user.is_superuser):
        return None
    window = Window.objects.filter(clerks=user).select_related("hall").order_by("hall_id", "number").first()
    if window is not None:
        return HallPost(window.hall, window)
    halls = Hall.objects.order_by("pk")
    if user.department_id and _acting(user):
        halls = halls.filter(windows__departments=user.department_id)
    elif not user.is_superuser:
        return None
    hall = halls.first()
    return HallPost(hall, None) if hall is not None else None


def is_department_staff(user, department_id: int | None) -> bool:
    """A member of `department_id` with a business role (or a superuser): they answer referrals to it."""
    if not _business(user) or department_id is None:
        return False
    return user.is_superuser or (user.department_id == department_id and _acting(user))


def supervised_prefix(user) -> str | None:
    """The area code prefix a supervisor watches, if `user` is one with an area."""
    if not _business(user) or not user.supervised_area_id or not user.has_role(Role.SUPERVISOR):
        return None
    return user.supervised_area.subtree_prefix


def may_use(user) -> bool:
    """Whether the first-inquiry page has anything for `user` (the navigation and the page ask the same)."""
    if not _business(user):
        return False
    own_department = user.department_id is not None and _acting(user)
    return user.is_superuser or own_department or supervised_prefix(user) is not None or hall_post(user) is not None


def _in_area(prefix: str) -> Q:
    return Q(outcome=FirstInquiryOutcome.REFERRED) & (
        Q(hall__area__code__startswith=prefix) | Q(referred_to__area__code__startswith=prefix)
    )


def _scope(user) -> Q | None:
    """The inquiries `user` may read; None = all."""
    if not _business(user):
        return Q(pk__in=[])
    if user.is_superuser:
        return None
    scope = Q(owner=user)
    if user.department_id and _acting(user):
        referred = InquiryReferral.objects.filter(department_id=user.department_id).values("inquiry_id")
        scope |= Q(pk__in=referred)
    prefix = supervised_prefix(user)
    if prefix is not None:
        scope |= _in_area(prefix)
    return scope


def visible(user) -> QuerySet[FirstInquiry]:
    scope = _scope(user)
    queryset = FirstInquiry.objects.select_related(*LIST_RELATED).defer("phone_encrypted")
    return queryset if scope is None else queryset.filter(scope)


def can_see(user, inquiry: FirstInquiry) -> bool:
    scope = _scope(user)
    return scope is None or FirstInquiry.objects.filter(scope, pk=inquiry.pk).exists()


def open_of(user) -> QuerySet[FirstInquiry]:
    """The first-asked person's inquiries not closed yet, oldest first: theirs until the visitor has the answer."""
    return visible(user).filter(owner=user, state__in=FIRST_INQUIRY_OPEN_STATES).order_by("asked_at", "id")


def referred_to_department(user) -> QuerySet[FirstInquiry]:
    """The inquiries referred to the user's department and waiting for its answer, the earliest due first."""
    if not (user.department_id and _acting(user)):
        return FirstInquiry.objects.none()
    return (
        visible(user)
        .filter(referred_to_id=user.department_id, state=FirstInquiryState.REFERRED)
        .order_by("due_on", "id")
    )


def overdue(user, today: dt.date) -> QuerySet[FirstInquiry]:
    """Referrals not answered after their due date that concern `user`: their own, their department's, or — for a
    supervisor — any of their area's (all, for a superuser)."""
    late = visible(user).filter(state=FirstInquiryState.REFERRED, due_on__lt=today)
    if not user.is_superuser:
        concerns = Q(owner=user)
        if user.department_id and _acting(user):
            concerns |= Q(referred_to_id=user.department_id)
        prefix = supervised_prefix(user)
        if prefix is not None:
            concerns |= _in_area(prefix)
        late = late.filter(concerns)
    return late.order_by("due_on", "id")


def inquiry_page(
    user,
    *,
    today: dt.date,
    state: str | None = None,
    is_overdue: bool | None = None,
    department: Department | None = None,
    mine: bool = False,
    phone_digest: str | None = None,
    after: str | None = None,
    limit: int = 100,
) -> tuple[list[FirstInquiry], str | None]:
    """A page of the inquiries `user` may read, newest first, with the filters of the API list."""
    queryset = visible(user)
    if state:
        queryset = queryset.filter(state=state)
    if is_overdue is True:
        queryset = queryset.filter(state=FirstInquiryState.REFERRED, due_on__lt=today)
    elif is_overdue is False:
        queryset = queryset.exclude(state=FirstInquiryState.REFERRED, due_on__lt=today)
    if department is not None:
        queryset = queryset.filter(referred_to=department)
    if mine:
        queryset = queryset.filter(owner=user)
    if phone_digest is not None:
        queryset = queryset.filter(phone_digest=phone_digest)
    return keyset_page(queryset, "first_inquiries", "asked_on", descending=True, after=after, limit=limit)


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime
    who: str
    what: str
    detail: str


def history(inquiry: FirstInquiry) -> list[HistoryEntry]:
    """What happened to the inquiry, in order: recorded, each referral of the chain, answered, closed."""

    def name(user) -> str:
        return (user.full_name or user.username) if user is not None else ""

    entries = [HistoryEntry(inquiry.asked_at, name(inquiry.owner), str(_("登记")), inquiry.question)]
    for referral in inquiry.referrals.select_related("department", "staff", "referred_by"):
        target = referral.department.name
        if referral.staff is not None:
            target = _("%(department)s（承办人：%(staff)s）") % {"department": target, "staff": name(referral.staff)}
        what = _("转办至%(target)s") if referral.sequence == 1 else _("再次转办至%(target)s")
        what %= {"target": target}
        entries.append(HistoryEntry(referral.referred_at, name(referral.referred_by), what, referral.note))
    if inquiry.answered_at is not None:
        on_the_spot = inquiry.outcome == FirstInquiryOutcome.ON_THE_SPOT
        what = str(_("当场答复") if on_the_spot else _("登记答复"))
        entries.append(HistoryEntry(inquiry.answered_at, name(inquiry.answered_by), what, inquiry.answer))
    if inquiry.closed_at is not None and inquiry.outcome == FirstInquiryOutcome.REFERRED:
        what = _("确认已告知来访人（%(channel)s），办结") % {"channel": inquiry.get_reply_channel_display()}
        entries.append(HistoryEntry(inquiry.closed_at, name(inquiry.owner), what, inquiry.reply_note))
    return entries


def allowed_acts(user, inquiry: FirstInquiry) -> frozenset[str]:
    """The acts `user` may do on `inquiry` now (the services check the same; supervisors only read)."""
    owner = inquiry.owner_id == user.pk or user.is_superuser
    receiver = is_department_staff(user, inquiry.referred_to_id)
    acts: set[str] = set()
    if inquiry.state == FirstInquiryState.OPEN and owner:
        acts |= {"answer_on_the_spot", "refer"}
    if inquiry.state == FirstInquiryState.REFERRED and (owner or receiver):
        acts |= {"re_refer", "answer"}
    if inquiry.state == FirstInquiryState.ANSWERED and owner:
        acts.add("confirm")
    if inquiry.phone_masked and (owner or receiver):
        acts.add("reveal")
    return frozenset(acts)
