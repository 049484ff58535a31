from django import template

from zhengwu.disclosure.permissions import is_staff_member
from zhengwu.parties.masking import mask_name
from zhengwu.supervision import selectors as supervision_selectors

register = template.Library()


@register.filter
def masked_name(party) -> str:
    """A person's name masked for lists (张*); an organisation's name stays."""
    return mask_name(party.name, party.kind) if party is not None else ""


@register.simple_tag
def nav_access(user) -> dict[str, bool]:
    """Which navigation links lead somewhere for `user`: each is the very check its target view makes, so a link
    is offered exactly when its page would not answer 403."""
    return {
        # supervision.selectors.board_scope refuses a user without any department on the board.
        "supervision_board": bool(supervision_selectors.allowed_department_ids(user)),
        # The disclosure workbench's pages other than the request list refuse anyone else (`_staff`).
        "disclosure_staff": is_staff_member(user),
    }
