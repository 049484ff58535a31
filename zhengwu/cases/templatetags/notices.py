"""Filters of the notices (文书) and of the letters laid out like them."""

from __future__ import annotations

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def paragraphs(text) -> SafeString:
    """Text written by staff as the paragraphs of an official document: each line one paragraph (`<p>`, which the
    notice indents by two characters), whether the writer parted them with a blank line or a single newline.
    Blanks typed to indent a line (full-width ones too) are dropped: the indent is the layout's."""
    lines = (line.strip() for line in str(text or "").splitlines())
    return format_html_join("", "<p>{}</p>", ((line,) for line in lines if line))
