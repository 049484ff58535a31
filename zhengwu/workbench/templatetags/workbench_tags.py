from django import template

from zhengwu.parties.masking import mask_name

register = template.Library()


@register.filter
def masked_name(party) -> str:
    """A person's name masked for lists (张*); an organisation's name stays."""
    return mask_name(party.name, party.kind) if party is not None else ""
