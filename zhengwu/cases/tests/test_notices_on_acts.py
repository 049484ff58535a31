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


def test_no_notice_when_the_act_rolls_back(submit, staff, monkeypatch, django_capture_on_commit_callbacks):
    case = submit(on="2025-09-29")

    def broken(*args, **kwargs):
        raise RuntimeError("crash")

    monkeypatch.setattr("zhengwu.cases.services.audit.record", broken)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        services.accept(case, actor=staff.clerk, on=D("2025-09-30"))
    assert callbacks == []
    assert not case.documents.exists()
