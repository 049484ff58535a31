"""Display names of the standard posts and review steps in the user's language.

Post names (`Post.name`) and review-step names (the BPMN task labels, `ReviewStep.name`) are data, entered in
Chinese. The standard ones that the demo and the default review processes use are marked here for translation, so
that an English page shows them in English; any other name shows as entered."""

from __future__ import annotations

from django.utils.translation import pgettext, pgettext_lazy

CONTEXT = "post"

# The standard posts (`org.seeding.STANDARD_POSTS`) and the default review steps (`cases.workflow.DEFAULT_STEPS`);
# never read, only marked for `makemessages`.
STANDARD_NAMES = (
    pgettext_lazy("post", "受理"),
    pgettext_lazy("post", "初审"),
    pgettext_lazy("post", "审核"),
    pgettext_lazy("post", "审批"),
)


def post_label(name: str) -> str:
    """`name` of a post or review step in the active language (as entered when it has no translation)."""
    return pgettext(CONTEXT, name) if name else name
