"""行政许可法 第七十八条: concealment or false materials → 不予受理 or 不予行政许可 on that ground, citing the article;
for a matter bearing directly on public safety, health, life or property, no new application for that licence by the
same applicant within a year of the refusal."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.cases import services
from zhengwu.cases.bars import one_year_after, reapplication_bar
from zhengwu.cases.models import Case, CaseState, DenialGround, DocumentKind
from zhengwu.cases.notices import issue_notice
from zhengwu.catalog.models import MatterVersion
from zhengwu.catalog.tests.factories import MatterVersionFactory
from zhengwu.errors import InvalidInput, StateConflict
from zhengwu.parties.tests.factories import PersonFactory, make_citizen_id

from .api_client import bearer, post
from .conftest import D, complete_open_steps
from .test_notices import pdf_text


@pytest.fixture
def critical(version):
    version.safety_critical = True  # 食品经营许可: 人身健康
    version.save()
    return version


def refuse_for_false_materials(submit, staff, on="2025-09-30"):
    case = submit(on=on)
    return services.reject(case, actor=staff.clerk, reason="营业执照系伪造", ground="false_materials", on=D(on))


def test_within_the_year_the_same_applicant_is_refused_and_nothing_is_written(submit, staff, critical):
    refused = refuse_for_false_materials(submit, staff)
    count = Case.objects.count()
    with pytest.raises(StateConflict) as barred:
        submit(on="2026-09-29")
    assert barred.value.code == "reapplication_barred"
    assert barred.value.details == {"until": "2026-09-30"}
    assert refused.number in barred.value.message and "第七十八条" in barred.value.message
    assert Case.objects.count() == count
    assert submit(on="2026-09-30").state == CaseState.SUBMITTED  # the year has run


def test_a_matter_not_safety_critical_bars_nothing(submit, staff, version):
    refuse_for_false_materials(submit, staff)
    assert submit(on="2025-10-09").state == CaseState.SUBMITTED


@pytest.mark.parametrize("ground", ["not_licensable", "other"])
def test_other_grounds_bar_nothing(submit, staff, critical, ground):
    case = submit(on="2025-09-30")
    services.reject(case, actor=staff.clerk, reason="经审查", ground=ground, on=D("2025-09-30"))
    assert submit(on="2025-10-09").state == CaseState.SUBMITTED


def test_the_bar_is_the_applicants_and_the_matters_only(submit, staff, critical, dept):
    refuse_for_false_materials(submit, staff)
    other_person = services.submit_application(
        actor=staff.clerk, matter_version=critical, applicant=PersonFactory(), channel="window", on=D("2025-10-09")
    )
    assert other_person.state == CaseState.SUBMITTED
    other_matter = MatterVersionFactory(matter__department=dept, safety_critical=True)
    assert submit(on="2025-10-09", matter_version=other_matter).state == CaseState.SUBMITTED


def test_a_new_version_of_the_matter_is_still_the_same_licence(submit, staff, critical, applicant):
    refuse_for_false_materials(submit, staff)
    newer = MatterVersion(matter=critical.matter, number=critical.number + 1, safety_critical=True)  # its next version
    assert reapplication_bar(applicant, newer, D("2025-10-09")).until == D("2026-09-30")


def review_to_the_end(case, staff):
    while case.steps.filter(state="open").exists():
        complete_open_steps(case, {case.department_id: staff}, on="2025-09-29")


def decided_denial(submit, staff, ground, on="2025-10-20"):
    case = submit(on="2025-09-26")
    services.accept(case, actor=staff.clerk, on=D("2025-09-26"))
    review_to_the_end(case, staff)
    return services.decide(case, actor=staff.approver, approve=False, reason="经核查材料虚假", ground=ground, on=D(on))


def test_a_denial_for_false_materials_bars_from_its_decision_date(submit, staff, critical):
    case = decided_denial(submit, staff, DenialGround.FALSE_MATERIALS)
    assert case.denial_ground == "false_materials"
    assert case.events.get(action="decide").data["ground"] == "false_materials"
    with pytest.raises(StateConflict) as barred:
        submit(on="2026-10-19")
    assert barred.value.details == {"until": "2026-10-20"}


def test_a_denial_defaults_to_conditions_not_met_and_bars_nothing(submit, staff, critical):
    case = decided_denial(submit, staff, None)
    assert case.denial_ground == DenialGround.CONDITIONS_NOT_MET
    assert submit(on="2025-10-21").state == CaseState.SUBMITTED


def test_a_ground_is_for_a_refusal_only_and_must_be_known(submit, staff, critical):
    case = submit(on="2025-09-26")
    services.accept(case, actor=staff.clerk, on=D("2025-09-26"))
    review_to_the_end(case, staff)
    for approve, ground in ((True, "false_materials"), (False, "forged")):
        with pytest.raises(InvalidInput) as refused:
            services.decide(
                case, actor=staff.approver, approve=approve, reason="理由", ground=ground, on=D("2025-10-20")
            )
        assert refused.value.field == "ground"
    case.refresh_from_db()
    assert case.state == CaseState.IN_REVIEW and case.denial_ground == ""


def test_one_year_after_a_leap_day():
    assert one_year_after(dt.date(2024, 2, 29)) == dt.date(2025, 3, 1)
    assert one_year_after(dt.date(2025, 12, 31)) == dt.date(2026, 12, 31)


def test_the_denial_letter_cites_article_78_and_states_the_bar(submit, staff, critical, settings):
    case = decided_denial(submit, staff, DenialGround.FALSE_MATERIALS)
    text = pdf_text(issue_notice(case, DocumentKind.DENIAL_DECISION))
    assert "依照《中华人民共和国行政许可法》第七十八条的规定" in text
    assert "隐瞒有关情况或者提供虚假材料申请行政许可" in text
    assert "一年内不得再次申请该行政许可" in text


def test_the_ordinary_denial_letter_does_not(submit, staff, critical):
    case = decided_denial(submit, staff, None)
    text = pdf_text(issue_notice(case, DocumentKind.DENIAL_DECISION))
    assert "第三十八条第二款" in text and "第七十八条" not in text and "一年内不得" not in text


def test_the_not_accepted_letter_states_the_bar_only_for_a_critical_matter(submit, staff, critical, version):
    text = pdf_text(issue_notice(refuse_for_false_materials(submit, staff), DocumentKind.NOT_ACCEPTED_DECISION))
    assert "第七十八条" in text and "一年内不得再次申请该行政许可" in text
    critical.safety_critical = False
    critical.save()
    case = services.reject(
        submit(on="2025-10-09"), actor=staff.clerk, reason="材料虚假", ground="false_materials", on=D("2025-10-09")
    )
    text = pdf_text(issue_notice(case, DocumentKind.NOT_ACCEPTED_DECISION))
    assert "第七十八条" in text and "一年内不得" not in text


def test_through_the_api_the_denial_names_its_ground_and_the_barred_application_is_a_409(
    client, staff, critical, next_year_known
):
    body = {
        "matter": critical.matter.code,
        "applicant": {"kind": "person", "name": "赵敏", "id_number": make_citizen_id(), "phone": "13812345678"},
    }
    submitted = post(client, "/api/v1/cases", body, **bearer(staff.clerk))
    assert submitted.status_code == 201, submitted.content
    case = Case.objects.get(number=submitted.json()["number"])
    services.accept(case, actor=staff.clerk)
    people = {"first_review": staff.first_reviewer, "review": staff.reviewer, "approval": staff.approver}
    while case.steps.filter(state="open").exists():
        step = case.steps.select_related("post").get(state="open")
        services.complete_step(case, actor=people[step.post.code], step_id=step.pk, outcome="pass", opinion="同意")
    url, auth = f"/api/v1/cases/{case.number}/decide", bearer(staff.approver)
    refused = post(client, url, {"approve": True, "ground": "false_materials"}, **auth)
    assert refused.status_code == 400 and refused.json()["field"] == "ground"
    response = post(client, url, {"approve": False, "reason": "许可证明伪造", "ground": "false_materials"}, **auth)
    assert response.status_code == 200 and response.json()["denial_ground"] == "false_materials"
    barred = post(client, "/api/v1/cases", body, **bearer(staff.clerk))
    assert barred.status_code == 409 and barred.json()["code"] == "reapplication_barred"
    assert Case.objects.count() == 1
