"""Display helpers of the public pages: amounts in yuan from integer fen, time limits in working days."""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def yuan(fen) -> str:
    """An amount in integer fen as yuan (`1250` → `12.50 元`); zero is `不收费`."""
    if fen in (None, ""):
        return ""
    fen = int(fen)
    if fen == 0:
        return _("不收费")
    return _("%(amount)s 元") % {"amount": f"{fen // 100}.{fen % 100:02d}"}


@register.filter
def working_days(days) -> str:
    if days in (None, ""):
        return ""
    days = int(days)
    if days == 0:
        return _("即办（当场办结）")
    return ngettext("%(days)d 个工作日", "%(days)d 个工作日", days) % {"days": days}


@register.simple_tag(takes_context=True)
def current(context, prefix: str) -> str:
    """`aria-current="page"` when the request path is (or, for prefixes other than "/", starts with) `prefix`."""
    request = context.get("request")
    path = getattr(request, "path", "")
    matches = path == prefix if prefix == "/" else path.startswith(prefix)
    return mark_safe('aria-current="page"') if matches else ""
