"""行政许可法 第七十八条: an applicant who concealed facts or gave false materials is refused (不予受理 or 不予行政许可)
and, when the matter bears directly on public safety, health, life or property (`MatterVersion.safety_critical`),
may not apply for that licence again within one year of the refusal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from .models import Case, CaseState, DenialGround, NotAcceptedGround


@dataclass(frozen=True)
class Bar:
    case_number: str
    refused_on: dt.date
    until: dt.date  # the first day the applicant may apply again

    def message(self) -> str:
        return _(
            "申请人因隐瞒有关情况或者提供虚假材料，于%(refused_on)s被不予受理或者不予行政许可（办件 %(number)s）。"
            "本事项直接关系公共安全、人身健康、生命财产安全，依照《中华人民共和国行政许可法》第七十八条，"
            "%(until)s前不得再次申请该行政许可。"
        ) % {"refused_on": self.refused_on.isoformat(), "number": self.case_number, "until": self.until.isoformat()}


def one_year_after(day: dt.date) -> dt.date:
    """The same calendar day a year later (29 February → 1 March): "一年内" ends the day before."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return dt.date(day.year + 1, 3, 1)


def reapplication_bar(applicant, matter_version, today: dt.date) -> Bar | None:
    """The refusal that bars `applicant` from applying for `matter_version`'s matter on `today`, if any (no query for a
    matter that is not safety-critical)."""
    if applicant is None or not matter_version.safety_critical:
        return None
    refused = (
        Case.objects.filter(applicant=applicant, matter_version__matter_id=matter_version.matter_id)
        .filter(
            Q(state=CaseState.NOT_ACCEPTED, not_accepted_ground=NotAcceptedGround.FALSE_MATERIALS)
            | Q(decision=CaseState.DENIED, denial_ground=DenialGround.FALSE_MATERIALS)
        )
        .values_list("number", "state", "closed_on", "decided_on")
    )
    bars = []
    for number, state, closed_on, decided_on in refused:
        on = closed_on if state == CaseState.NOT_ACCEPTED else decided_on
        if on is not None and today < one_year_after(on):
            bars.append(Bar(number, on, one_year_after(on)))
    return max(bars, key=lambda bar: bar.until, default=None)
