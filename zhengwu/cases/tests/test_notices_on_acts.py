"""Each act that the law says must be notified in writing produces its notice after commit."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from zhengwu.cases import services
from zhengwu.cases.models import CaseDocument

from .conftest import D, complete_open_steps

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _render(settings):
    settings.ZHENGWU_RENDER_NOTICES = True


def text_of(document: CaseDocument) -> str:
    with document.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


def test_acceptance_correction_and_decision_notices(submit, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = submit(on="2025-09-26")
        services.request_correction(
            case, actor=staff.clerk, items=[{"material_name": "营业执照", "reason": "已过有效期"}], on=D("2025-09-29")
        )
        services.resubmit(case, actor=staff.clerk, on=D("2025-09-30"))
        services.accept(case, actor=staff.clerk, on=D("2025-09-30"))
    kinds = list(case.documents.values_list("kind", flat=True))
    assert kinds == ["correction_notice", "acceptance_notice"]
    correction = case.documents.get(kind="correction_notice")
    assert "营业执照" in text_of(correction) and "已过有效期" in text_of(correction)

    for day in ("2025-10-09", "2025-10-10", "2025-10-13"):
        complete_open_steps(case, {staff.clerk.department_id: staff}, on=day)
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(
            case, actor=staff.approver, approve=False, reason="经营场所与住宅未有效隔离", on=D("2025-10-14")
        )
    denial = case.documents.get(kind="denial_decision")
    text = text_of(denial)
    assert case.number in text and "经营场所与住宅未有效隔离" in text and "行政复议" in text and "行政诉讼" in text


def test_the_refusal_to_accept_bears_the_date_of_the_refusal(submit, staff, django_capture_on_commit_callbacks):
    case = submit(on="2025-09-26")
    with django_capture_on_commit_callbacks(execute=True):
        services.reject(case, actor=staff.clerk, reason="申请事项依法不需要取得行政许可", on=D("2025-09-29"))
    document = case.documents.get(kind="not_accepted_decision")
    assert "〔2025〕" in document.number
    assert "2025年9月29日" in text_of(document)


def test_a_deemed_acceptance_notice_bears_the_day_it_was_given(submit, staff, django_capture_on_commit_callbacks):
    case = submit(on="2025-09-26")  # acceptance due 10 October
    services.flag_deemed_acceptances(D("2025-10-11"))
    with django_capture_on_commit_callbacks(execute=True):
        services.accept(case, actor=staff.clerk, on=D("2025-10-14"))
    text = text_of(case.documents.get(kind="acceptance_notice"))
    assert "受理日期为2025年9月26日" in text  # the limits run from receipt …
    assert "2025年10月14日" in text  # … but the notice is dated the day it is issued


def test_after_a_correction_the_notice_keeps_the_day_of_the_application(
    submit, staff, django_capture_on_commit_callbacks
):
    case = submit(on="2025-09-26")
    services.request_correction(
        case, actor=staff.clerk, items=[{"material_name": "营业执照", "reason": "已过有效期"}], on=D("2025-09-29")
    )
    services.resubmit(case, actor=staff.clerk, on=D("2025-10-13"))  # restarts the acceptance clock only
    with django_capture_on_commit_callbacks(execute=True):
        services.accept(case, actor=staff.clerk, on=D("2025-10-14"))
    text = text_of(case.documents.get(kind="acceptance_notice"))
    assert "于2025年9月26日提出的" in text
    assert "受理日期为2025年10月14日" in text


def test_no_notice_when_the_act_rolls_back(submit, staff, monkeypatch, django_capture_on_commit_callbacks):
    case = submit(on="2025-09-29")

    def broken(*args, **kwargs):
        raise RuntimeError("crash")

    monkeypatch.setattr("zhengwu.cases.services.audit.record", broken)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        services.accept(case, actor=staff.clerk, on=D("2025-09-30"))
    assert callbacks == []
    assert not case.documents.exists()
