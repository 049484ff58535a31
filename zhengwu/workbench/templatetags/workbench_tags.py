from functools import cached_property

from django import template

from zhengwu.cases.permissions import scopes_for
from zhengwu.disclosure.permissions import is_staff_member
from zhengwu.fees.permissions import can_collect
from zhengwu.hall.first_inquiry_selectors import may_use as may_use_first_inquiries
from zhengwu.hall.selectors import is_appointment_clerk
from zhengwu.org.models import Role, holds_only_separated_roles
from zhengwu.parties.masking import mask_name
from zhengwu.projects.selectors import may_use as may_use_projects
from zhengwu.supervision import selectors as supervision_selectors
from zhengwu.workbench.intake import can_receive

register = template.Library()


@register.filter
def masked_name(party) -> str:
    """A person's name masked for lists (张*); an organisation's name stays."""
    return mask_name(party.name, party.kind) if party is not None else ""


class NavAccess:
    """Which navigation links lead somewhere for `user`: each is the very check its target view makes, so a link
    is offered exactly when its page would not answer 403. Each is worked out when a template first asks for it."""

    def __init__(self, user) -> None:
        self.user = user

    @cached_property
    def business(self) -> bool:
        # Consultations, disclosure, ratings, complaints and indicators refuse the 三员 (`business_staff_required`).
        return not holds_only_separated_roles(self.user)

    @cached_property
    def supervision_board(self) -> bool:
        # supervision.selectors.board_scope refuses a user without any department on the board.
        return bool(supervision_selectors.allowed_department_ids(self.user))

    @cached_property
    def disclosure_staff(self) -> bool:
        # The disclosure workbench's pages other than the request list refuse anyone else (`_staff`).
        return is_staff_member(self.user)

    @cached_property
    def disclosure_catalogue(self) -> bool:
        # The catalogue is a department's own (`_own_department`): a superuser without one has none to keep.
        return self.disclosure_staff and self.user.department_id is not None

    @cached_property
    def case_search(self) -> bool:
        # Without a case scope every search would come back empty (and the 三员 are refused the page).
        return bool(scopes_for(self.user))

    @cached_property
    def intake(self) -> bool:
        return can_receive(self.user)

    @cached_property
    def fee_queue(self) -> bool:
        # The finance queue refuses anyone not at a finance window (`fees.views.queue`).
        return can_collect(self.user)

    @cached_property
    def hall_appointments(self) -> bool:
        return is_appointment_clerk(self.user)

    @cached_property
    def representatives(self) -> bool:
        # 首席代表: department heads keep the A角's absences; the page is theirs to find (`representatives.may_view`).
        return self.business and self.user.has_role(Role.DEPARTMENT_HEAD) and bool(self.user.department_id)

    @cached_property
    def first_inquiries(self) -> bool:
        # Hall staff, receiving departments' staff and supervisors; never the 三员 (`business_staff_required`).
        return may_use_first_inquiries(self.user)

    @cached_property
    def projects(self) -> bool:
        # 工程建设项目: lead departments, shared-window clerks, departments with a case in one, supervisors.
        return may_use_projects(self.user)


@register.simple_tag
def nav_access(user) -> NavAccess:
    """The user's `NavAccess`, one per request (the layout and a section's own navigation share it)."""
    access = getattr(user, "_nav_access", None)
    if access is None:
        access = user._nav_access = NavAccess(user)
    return access
