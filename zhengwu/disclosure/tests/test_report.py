"""The annual report (条例第五十条): numbers equal a hand-counted year, carry-over included; sums are checked."""

from __future__ import annotations

import pytest

from zhengwu.disclosure import handling, publishing, reporting
from zhengwu.disclosure.constants import ApplicantType
from zhengwu.disclosure.models import Request
from zhengwu.errors import NotPermitted, StateConflict
from zhengwu.org.tests.factories import StaffFactory
from zhengwu.parties.tests.factories import OrganisationFactory

from .conftest import D

T = ApplicantType


@pytest.fixture
def year_2025(file_request, staff, person, publish):
    """The hand-counted year (see the expectations in the tests below)."""
    clerk = staff.clerk
    commercial = OrganisationFactory(name="恒达商贸有限公司")
    lawyers = OrganisationFactory(name="浙江某律师事务所")
    institute = OrganisationFactory(name="某研究院")

    a = file_request("2024-12-20")  # carried over, answered in 2025
    handling.answer(a, actor=clerk, outcome="disclosed", text="予以公开", on=D("2025-01-10"))
    b = file_request("2024-12-25", applicant=commercial, applicant_type=T.COMMERCIAL)  # carried over
    handling.answer(
        b,
        actor=clerk,
        outcome="withheld",
        reason="third_party",
        legal_basis="条例第十五条",
        text="涉及商业秘密",
        on=D("2025-01-20"),
    )
    c = file_request("2024-11-01")  # closed in 2024: not in the 2025 report
    handling.answer(c, actor=clerk, outcome="disclosed", text="予以公开", on=D("2024-11-20"))

    d = file_request("2025-03-03")
    handling.answer(d, actor=clerk, outcome="disclosed", text="予以公开", on=D("2025-03-20"))
    e = file_request("2025-04-01")
    handling.answer(
        e, actor=clerk, outcome="partial", legal_basis="条例第三十七条", text="部分公开", on=D("2025-04-15")
    )
    f = file_request("2025-05-06", applicant=lawyers, applicant_type=T.LEGAL_SERVICE)
    handling.answer(
        f,
        actor=clerk,
        outcome="unavailable",
        reason="not_held",
        legal_basis="条例第三十六条第（四）项",
        text="本机关不掌握",
        on=D("2025-05-20"),
    )
    g = file_request("2025-06-02")
    handling.request_correction(g, actor=clerk, items="请说明所需信息", period_days=5, on=D("2025-06-03"))
    handling.close_uncorrected(g, actor=clerk, on=D("2025-06-16"))
    file_request("2025-12-22", applicant=institute, applicant_type=T.RESEARCH)  # open at the year's end
    i = file_request("2025-12-29")
    handling.answer(i, actor=clerk, outcome="disclosed", text="予以公开", on=D("2026-01-05"))

    handling.record_remedy(
        b, actor=clerk, kind="reconsideration", filed_on=D("2025-02-10"), result="upheld", concluded_on=D("2025-04-01")
    )
    handling.record_remedy(f, actor=clerk, kind="litigation_direct", filed_on=D("2025-06-01"))
    publish("规范性文件一", code="GFXWJ", document_type="normative", formed="2025-03-01", on="2025-03-05")


def row(tables, key):
    return next(r for r in tables["table3"] if r["key"] == key)["values"]


#          自然人 商业企业 科研机构 社会公益 法律服务 其他 总计
def test_table3_equals_the_hand_count(dept, year_2025):
    tables = reporting.compute(dept.pk, 2025)
    assert row(tables, "new") == [4, 0, 1, 0, 1, 0, 6]
    assert row(tables, "carried") == [1, 1, 0, 0, 0, 0, 2]
    assert row(tables, "disclosed") == [2, 0, 0, 0, 0, 0, 2]
    assert row(tables, "partial") == [1, 0, 0, 0, 0, 0, 1]
    assert row(tables, "withheld.third_party") == [0, 1, 0, 0, 0, 0, 1]
    assert row(tables, "withheld.state_secret") == [0, 0, 0, 0, 0, 0, 0]
    assert row(tables, "unavailable.not_held") == [0, 0, 0, 0, 1, 0, 1]
    assert row(tables, "other.no_correction") == [1, 0, 0, 0, 0, 0, 1]
    assert row(tables, "total") == [4, 1, 0, 0, 1, 0, 6]
    assert row(tables, "carry_next") == [1, 0, 1, 0, 0, 0, 2]
    # every sub-reason of the national template has its row: 2 + 8 + 3 + 5 + 3 outcome rows
    assert len([r for r in tables["table3"] if r["key"] not in ("new", "carried", "total", "carry_next")]) == 21


def test_previous_year_carries_into_the_next(dept, year_2025):
    assert row(reporting.compute(dept.pk, 2024), "carry_next") == [1, 1, 0, 0, 0, 0, 2]
    assert row(reporting.compute(dept.pk, 2026), "carried") == [1, 0, 1, 0, 0, 0, 2]


def test_tables_2_and_4(dept, year_2025):
    tables = reporting.compute(dept.pk, 2025, {"penalty": 12, "enforcement": 3, "fees_fen": 1_234_500})
    assert tables["table2"]["normative"] == {"made": 1, "repealed": 0, "in_force": 1}
    assert tables["table2"]["regulation"] == {"made": 0, "repealed": 0, "in_force": 0}
    assert (tables["table2"]["penalty"], tables["table2"]["fees_wan_yuan"]) == (12, "1.2345")
    groups = {g["kind"]: g["values"] for g in tables["table4"]}
    assert groups["reconsideration"] == [1, 0, 0, 0, 1]
    assert groups["litigation_direct"] == [0, 0, 0, 1, 1]
    assert groups["litigation_after"] == [0, 0, 0, 0, 0]


def test_in_force_counts_the_documents_in_force_on_31_december_whatever_changed_since(publish, staff, dept):
    repealed = publish("规范性文件甲", code="GFXWJ", document_type="normative", formed="2025-03-03", on="2025-03-05")
    revised = publish("规范性文件乙", code="GFXWJ", document_type="normative", formed="2025-04-01", on="2025-04-02")
    publish("规范性文件丙", code="GFXWJ", document_type="normative", formed="2025-05-06", on="2025-05-07")
    # In January, before the 2025 report is made: one is repealed, one superseded by a new version.
    publishing.set_validity(repealed, actor=staff.approver, validity="repealed", reason="已废止", on=D("2026-01-08"))
    new = publishing.revise(revised, actor=staff.clerk, reason="修订", on=D("2026-01-09"))
    publishing.submit_for_check(new, actor=staff.clerk, on=D("2026-01-09"))
    publishing.check_secrecy(new, actor=staff.reviewer, result="passed", opinion="不涉密", on=D("2026-01-09"))
    publishing.review(new, actor=staff.approver, approve=True, opinion="同意", on=D("2026-01-12"))
    assert reporting.compute(dept.pk, 2025)["table2"]["normative"] == {"made": 3, "repealed": 0, "in_force": 3}
    assert reporting.compute(dept.pk, 2026)["table2"]["normative"] == {"made": 1, "repealed": 1, "in_force": 2}


def test_whole_government_adds_every_department(dept, year_2025, other_dept, other_staff, person):
    other = handling.file_request(
        department=other_dept,
        applicant=person,
        applicant_type=T.NATURAL_PERSON,
        description="公交线路调整",
        channel="in_person",
        actor=other_staff.clerk,
        on=D("2025-07-01"),
    )
    assert other.received_on == D("2025-07-01")
    assert row(reporting.compute(None, 2025), "new") == [5, 0, 1, 0, 1, 0, 7]


def test_generator_refuses_sums_that_disagree(dept, year_2025):
    # A record answered in 2025 but received in 2026 breaks 新收 + 结转 = 总计 + 结转下年度.
    Request.objects.filter(received_on=D("2025-03-03")).update(received_on=D("2026-01-02"))
    with pytest.raises(reporting.ReportInconsistent):
        reporting.compute(dept.pk, 2025)


def test_report_text_and_publication(dept, staff, year_2025):
    report = reporting.open_report(actor=staff.clerk, department=dept, year=2025)
    reporting.save_report(
        report.pk,
        actor=staff.clerk,
        overview="本年度本局认真贯彻条例。",
        problems="",
        other_matters="",
        manual={"penalty": 5, "enforcement": 0, "fees_fen": 0},
    )
    with pytest.raises(StateConflict):
        reporting.publish_report(report.pk, actor=staff.approver, on=D("2025-12-31"))
    with pytest.raises(NotPermitted):
        reporting.publish_report(report.pk, actor=staff.clerk, on=D("2026-01-20"))
    report = reporting.publish_report(report.pk, actor=staff.approver, on=D("2026-01-20"))
    assert report.tables["table2"]["penalty"] == 5
    assert report.tables["table3"][0]["values"] == [4, 0, 1, 0, 1, 0, 6]
    with pytest.raises(StateConflict):
        reporting.save_report(report.pk, actor=staff.clerk, overview="改", problems="", other_matters="", manual={})


def test_whole_government_report_needs_an_administrator(staff):
    with pytest.raises(NotPermitted):
        reporting.open_report(actor=staff.head, department=None, year=2025)
    admin = StaffFactory(department=None, is_superuser=True)
    assert reporting.open_report(actor=admin, department=None, year=2025).department_id is None
