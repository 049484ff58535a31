"""Bars on applying again for a licence.

行政许可法 第七十八条: an applicant who concealed facts or gave false materials is refused (不予受理 or 不予行政许可)
and, when the matter bears directly on public safety, health, life or property (`MatterVersion.safety_critical`),
may not apply for that licence again within one year of the refusal.

第七十九条: a licensee who obtained the licence by deception, bribery or other improper means has it revoked
(第六十九条第二款) and, for such a matter, may not apply for it again within three years of the revocation.

Where several bars run, the one that ends last is given.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from .models import Case, CaseState, DenialGround, LicenceRevocation, NotAcceptedGround, RevocationGround

# 第七十八条 and 第七十九条: how long each bar runs, in years.
REFUSAL_BAR_YEARS = 1
REVOCATION_BAR_YEARS = 3


@dataclass(frozen=True)
class Bar:
    case_number: str
    refused_on: dt.date  # the day of the refusal, or of the revocation
    until: dt.date  # the first day the applicant may apply again
    revoked: bool = False  # a revocation under 第六十九条第二款 (第七十九条), not a refusal (第七十八条)

    def message(self) -> str:
        values = {
            "refused_on": self.refused_on.isoformat(),
            "number": self.case_number,
            "until": self.until.isoformat(),
        }
        if self.revoked:
            return (
                _(
                    "申请人以欺骗、贿赂等不正当手段取得的行政许可已于%(refused_on)s被撤销（办件 %(number)s）。"
                    "本事项直接关系公共安全、人身健康、生命财产安全，依照《中华人民共和国行政许可法》第七十九条，"
                    "%(until)s前不得再次申请该行政许可。"
                )
                % values
            )
        return (
            _(
                "申请人因隐瞒有关情况或者提供虚假材料，于%(refused_on)s被不予受理或者不予行政许可（办件 %(number)s）。"
                "本事项直接关系公共安全、人身健康、生命财产安全，依照《中华人民共和国行政许可法》第七十八条，"
                "%(until)s前不得再次申请该行政许可。"
            )
            % values
        )


def years_after(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later (29 February → 1 March): "N年内" ends the day before."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 3, 1)


def one_year_after(day: dt.date) -> dt.date:
    return years_after(day, REFUSAL_BAR_YEARS)


def three_years_after(day: dt.date) -> dt.date:
    return years_after(day, REVOCATION_BAR_YEARS)


def reapplication_bar(applicant, matter_version, today: dt.date) -> Bar | None:
    """The refusal or revocation that bars `applicant` from applying for `matter_version`'s matter on `today`, if
    any (no query for a matter that is not safety-critical)."""
    if applicant is None or not matter_version.safety_critical:
        return None
    same_licence = {"applicant": applicant, "matter_version__matter_id": matter_version.matter_id}
    refused = (
        Case.objects.filter(**same_licence)
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
    revoked = LicenceRevocation.objects.filter(
        ground=RevocationGround.IMPROPER_MEANS, **{f"case__{key}": value for key, value in same_licence.items()}
    ).values_list("case__number", "revoked_on")
    for number, on in revoked:
        if today < three_years_after(on):
            bars.append(Bar(number, on, three_years_after(on), revoked=True))
    return max(bars, key=lambda bar: bar.until, default=None)
