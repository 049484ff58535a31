from django import template

from zhengwu.org.labels import post_label as _post_label

register = template.Library()


@register.filter
def post_label(name) -> str:
    """`{{ step.name|post_label }}`: a post's or review step's name in the active language (`org.labels`)."""
    return _post_label(str(name)) if name else ""
