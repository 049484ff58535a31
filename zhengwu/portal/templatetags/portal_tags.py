"""Display helpers of the public pages: amounts in yuan from integer fen, time limits in working days, and the
punctuation that differs between Chinese and English (（…）/ (…), 、/ ,) around values that are not translated."""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from zhengwu.fees import money

register = template.Library()


@register.filter
def yuan(fen) -> str:
    """An amount in integer fen as yuan (`1250` → `12.50 元`); zero is `不收费`."""
    if fen in (None, ""):
        return ""
    fen = int(fen)
    if fen == 0:
        return _("不收费")
    return _("%(amount)s 元") % {"amount": money.yuan(fen)}


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


def _escaper(autoescape: bool):
    return conditional_escape if autoescape else str


@register.filter(needs_autoescape=True)
def parens(value, autoescape=True) -> str:
    """`value` in parentheses as the active language writes them: `（…）` in Chinese, ` (…)` in English."""
    if value in (None, ""):
        return ""
    text = _escaper(autoescape)(value)
    return mark_safe(pgettext("parenthetical", "（%(text)s）") % {"text": text})


@register.filter(needs_autoescape=True)
def series(items, autoescape=True) -> str:
    """Items joined with the active language's enumeration comma: `、` in Chinese, `, ` in English."""
    escape = _escaper(autoescape)
    separator = pgettext("list separator", "、")
    return mark_safe(separator.join(str(escape(item)) for item in items or ()))
