"""The annual report (条例第五十条): records the tables cannot place are caught, bad input and acts out of turn are
refused without change, reports of other departments do not exist for the actor, and the public gets the PDF of a
published report only."""

from __future__ import annotations

import pytest

from zhengwu.audit.models import AuditEntry
from zhengwu.disclosure import handling, reporting
from zhengwu.disclosure.models import AnnualReport, Request
from zhengwu.errors import InvalidInput, NotFound, StateConflict

from .conftest import D


@pytest.fixture
def answered_2025(file_request, staff):
    request = file_request("2025-03-03")
    handling.answer(request, actor=staff.clerk, outcome="disclosed", text="予以公开", on=D("2025-03-10"))
    return request


@pytest.fixture
def report(dept, staff, answered_2025):
    report = reporting.open_report(actor=staff.clerk, department=dept, year=2025)
    reporting.save_report(
        report.pk,
        actor=staff.clerk,
        overview="本年度本局认真贯彻条例。",
        problems="",
        other_matters="",
        manual={"penalty": 5, "enforcement": 0, "fees_fen": 0},
    )
    return report


def report_state(report: AnnualReport) -> dict:
    report.refresh_from_db()
    return {
        "overview": report.overview,
        "manual": report.manual_figures,
        "published_on": report.published_on,
        "tables": report.tables,
        "audit": AuditEntry.objects.count(),
    }


# -- the tables' sums ------------------------------------------------------------------------------------------------
def test_a_request_of_an_applicant_type_outside_the_columns_breaks_its_row_total(dept, answered_2025):
    Request.objects.filter(pk=answered_2025.pk).update(applicant_type="unknown")
    with pytest.raises(reporting.ReportInconsistent) as error:
        reporting.compute(dept.pk, 2025)
    assert any("本年新收" in problem for problem in error.value.details["problems"])


def test_an_answer_with_a_reason_outside_its_outcome_breaks_the_column_sums(dept, answered_2025):
    Request.objects.filter(pk=answered_2025.pk).update(reason="third_party")  # 予以公开 has no sub-reasons
    with pytest.raises(reporting.ReportInconsistent) as error:
        reporting.compute(dept.pk, 2025)
    assert "第1列：各办理结果之和不等于总计。" in error.value.details["problems"]


# -- the report record -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("year", [2007, 2101, "2025", True])
def test_a_report_is_opened_only_for_a_year_from_2008_to_2100(dept, staff, year):
    with pytest.raises(InvalidInput) as error:
        reporting.open_report(actor=staff.clerk, department=dept, year=year)
    assert error.value.field == "year"
    assert not AnnualReport.objects.exists()


def test_a_report_of_another_department_does_not_exist_for_its_staff(report, other_staff):
    before = report_state(report)
    with pytest.raises(NotFound) as error:
        reporting.save_report(
            report.pk, actor=other_staff.clerk, overview="改写", problems="", other_matters="", manual={}
        )
    assert error.value.code == "report_not_found"
    with pytest.raises(NotFound):
        reporting.publish_report(report.pk, actor=other_staff.approver, on=D("2026-01-20"))
    assert report_state(report) == before


def test_a_missing_report_is_not_found(staff, db):
    with pytest.raises(NotFound) as error:
        reporting.publish_report(10**9, actor=staff.approver, on=D("2026-01-20"))
    assert error.value.code == "report_not_found"


@pytest.mark.parametrize("value", [-1, "5", 2.5, True])
def test_a_manual_figure_must_be_a_non_negative_whole_number(report, staff, value):
    before = report_state(report)
    with pytest.raises(InvalidInput) as error:
        reporting.save_report(
            report.pk,
            actor=staff.clerk,
            overview="改写的总体情况",
            problems="",
            other_matters="",
            manual={"penalty": value},
        )
    assert error.value.field == "penalty"
    assert report_state(report) == before


def test_a_report_without_its_overview_is_not_published(dept, staff, answered_2025):
    report = reporting.open_report(actor=staff.clerk, department=dept, year=2025)
    with pytest.raises(InvalidInput) as error:
        reporting.publish_report(report.pk, actor=staff.approver, on=D("2026-01-20"))
    assert error.value.field == "overview"
    report.refresh_from_db()
    assert report.published_on is None and report.tables == {}


def test_a_report_is_published_once(report, staff):
    reporting.publish_report(report.pk, actor=staff.approver, on=D("2026-01-20"))
    before = report_state(report)
    with pytest.raises(StateConflict) as error:
        reporting.publish_report(report.pk, actor=staff.approver, on=D("2026-01-25"))
    assert error.value.code == "report_published"
    assert report_state(report) == before


# -- the public PDF --------------------------------------------------------------------------------------------------
def test_the_public_downloads_the_pdf_of_a_published_report_only(client, report, staff):
    url = f"/disclosure/reports/{report.pk}/pdf/"
    assert client.get(url).status_code == 404  # not yet published
    reporting.publish_report(report.pk, actor=staff.approver, on=D("2026-01-20"))
    response = client.get(url)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
