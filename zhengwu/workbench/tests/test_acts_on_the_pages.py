"""The acts not covered elsewhere, each through its page: refusal, withdrawal, resubmission, the special
procedure, the immediate decision and delivery; the choices the decision form offers; the rows of the correction
form; the step offered first; unknown acts and missing documents."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from zhengwu.cases import services
from zhengwu.cases.models import CaseDocument, CaseState, DocumentKind
from zhengwu.errors import InvalidInput
from zhengwu.workbench.acts import allowed_acts
from zhengwu.workbench.forms import CorrectionForm

pytestmark = pytest.mark.django_db


def act_url(case, act: str) -> str:
    return f"/workbench/cases/{case.number}/{act}/"


def review_to_the_end(case, staff, outcome="pass"):
    services.accept(case, actor=staff.clerk)
    for actor in (staff.first_reviewer, staff.reviewer, staff.approver):
        step = case.steps.get(state="open")
        services.complete_step(case, actor=actor, step_id=step.pk, outcome=outcome, opinion="审查意见")
        if outcome == "reject":
            break
    case.refresh_from_db()
    return case


def test_the_window_refuses_an_application_with_its_reason(client, submit_today, staff):
    case = submit_today()
    client.force_login(staff.clerk)
    assert client.post(act_url(case, "reject"), {"reason": "", "ground": "other"}).status_code == 400
    # Not this office's: the office to apply to is required, and only then accepted.
    page = client.post(act_url(case, "reject"), {"reason": "属于省级权限", "ground": "not_competent"})
    assert page.status_code == 400 and "应向其申请的机关" in page.content.decode()
    page = client.post(act_url(case, "reject"), {"reason": "属于省级权限", "ground": "other", "referred_to": "省厅"})
    assert page.status_code == 400
    case.refresh_from_db()
    assert case.state == CaseState.SUBMITTED
    response = client.post(
        act_url(case, "reject"),
        {"reason": "该事项由省交通运输厅实施", "ground": "not_competent", "referred_to": "浙江省交通运输厅"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.state, case.events.get(action="reject").actor) == (CaseState.NOT_ACCEPTED, staff.clerk)
    assert (case.not_accepted_ground, case.referred_to) == ("not_competent", "浙江省交通运输厅")
    assert case.events.get(action="reject").data["referred_to"] == "浙江省交通运输厅"
    page = client.get(f"/workbench/cases/{case.number}/").content.decode()
    assert "申请事项依法不属于本机关职权范围" in page and "浙江省交通运输厅" in page


def test_the_window_records_the_applicants_withdrawal(client, submit_today, staff):
    case = submit_today()
    client.force_login(staff.clerk)
    assert client.post(act_url(case, "withdraw"), {"reason": "申请人不再经营"}).status_code == 302
    case.refresh_from_db()
    assert (case.state, case.withdrawn_reason) == (CaseState.WITHDRAWN, "申请人不再经营")


def test_the_window_records_the_corrected_materials(client, submit_today, staff):
    case = submit_today()
    services.request_correction(case, actor=staff.clerk, items=[{"material_name": "申请书", "reason": "未签字"}])
    client.force_login(staff.clerk)
    assert client.post(act_url(case, "resubmit")).status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.SUBMITTED
    assert case.correction_notices.get().resubmitted_on is not None


def test_a_reviewer_suspends_for_a_hearing_and_resumes(client, submit_today, staff):
    case = submit_today()
    case = services.accept(case, actor=staff.clerk)
    before = case.state
    client.force_login(staff.first_reviewer)
    response = client.post(act_url(case, "suspend"), {"procedure": "hearing", "reason": "利害关系人申请听证"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.SUSPENDED
    assert case.suspensions.get().procedure == "hearing"
    assert client.post(act_url(case, "resume")).status_code == 302
    case.refresh_from_db()
    assert case.state == before and case.suspensions.get().ended_by == staff.first_reviewer


def test_an_immediate_matter_is_decided_at_the_window_and_delivered(client, submit_today, staff, immediate_version):
    case = submit_today(matter_version=immediate_version)
    client.force_login(staff.clerk)
    assert client.post(act_url(case, "accept-and-decide"), {"approve": "1"}).status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.APPROVED
    form = {"delivery_method": "in_person", "result_number": "JY33032400001"}
    assert client.post(act_url(case, "close"), form).status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED


def test_after_a_rejecting_step_the_decision_form_offers_denial_only(client, submit_today, staff):
    case = review_to_the_end(submit_today(), staff, outcome="reject")
    assert not allowed_acts(staff.approver, case).approve_allowed
    client.force_login(staff.approver)
    form = client.get(act_url(case, "decide")).context["form"]
    assert [value for value, _label in form.fields["approve"].choices] == ["0"]
    response = client.post(act_url(case, "decide"), {"approve": "1"})
    assert response.status_code == 400 and "approve" in response.context["form"].errors
    case.refresh_from_db()
    assert case.state == CaseState.IN_REVIEW


def test_an_other_material_needs_both_its_name_and_its_reason(client, submit_today, staff):
    case = submit_today()
    client.force_login(staff.clerk)
    response = client.post(
        act_url(case, "request-correction"), {"other_name_0": "场所平面图", "other_reason_1": "未盖章"}
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["other_reason_0"] == ["请填写该材料的补正原因。"]
    assert errors["other_name_1"] == ["请填写材料名称。"]
    assert not case.correction_notices.exists()


def test_a_service_error_on_an_item_lands_on_the_field_of_that_item(submit_today, version):
    """The service names items by their position in the list it got ("items[1].reason"): the form maps that back to
    the row the clerk filled in, ticked materials first, then the other rows."""
    case = submit_today()
    material = version.materials.first()
    form = CorrectionForm(
        {
            f"material_{material.pk}": "on",
            f"reason_{material.pk}": "过期",
            "other_name_0": "图",
            "other_reason_0": "缺",
        },
        case=case,
    )
    assert form.is_valid()
    form.attach(InvalidInput("原因过长", field="items[1].reason"))
    form.attach(InvalidInput("名称有误", field="items[0].material_name"))
    form.attach(InvalidInput("越界", field="items[7].reason"))
    assert form.errors["other_reason_0"] == ["原因过长"]
    assert form.errors[f"material_{material.pk}"] == ["名称有误"]
    assert form.non_field_errors() == ["越界"]


def test_the_step_form_preselects_the_step_asked_for_or_else_the_users_first_open_step(client, submit_today, staff):
    case = submit_today()
    services.accept(case, actor=staff.clerk)
    step = case.steps.get(state="open")
    client.force_login(staff.first_reviewer)
    assert client.get(act_url(case, "complete-step")).context["form"].initial == {"step_id": step.pk}
    asked = client.get(act_url(case, "complete-step") + "?step=12345").context["form"]
    assert asked.initial == {"step_id": 12345}
    assert client.get(act_url(case, "complete-step") + "?step=x").context["form"].initial == {"step_id": step.pk}


def test_an_unknown_act_is_not_found(client, submit_today, staff):
    case = submit_today()
    client.force_login(staff.clerk)
    assert client.post(act_url(case, "approve-everything")).status_code == 404
    case.refresh_from_db()
    assert case.state == CaseState.SUBMITTED


def test_a_document_that_does_not_exist_or_lost_its_file_is_not_found(client, submit_today, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    case = submit_today()
    document = CaseDocument.objects.create(
        case=case,
        kind=DocumentKind.ACCEPTANCE_NOTICE,
        number="受字〔2026〕2号",
        file=ContentFile(b"%PDF-1.7\n", name="notice.pdf"),
        sm3="0" * 64,
    )
    client.force_login(staff.clerk)
    assert client.get(f"/workbench/cases/{case.number}/documents/999999/").status_code == 404
    document.file.storage.delete(document.file.name)
    response = client.get(f"/workbench/cases/{case.number}/documents/{document.pk}/")
    assert response.status_code == 404


def test_revealing_the_agent_of_a_case_without_one_is_refused_and_not_audited(client, submit_today, staff):
    from zhengwu.audit.models import AuditEntry

    case = submit_today()
    client.force_login(staff.clerk)
    response = client.post(f"/workbench/cases/{case.number}/personal-data/", {"party": "agent", "purpose": "contact"})
    assert response.status_code == 400
    assert response.context["form"].errors["party"] == ["本件没有代办人。"]
    assert not AuditEntry.objects.filter(action__startswith="parties.reveal").exists()


def test_an_act_no_longer_allowed_offers_no_confirm_button(client, submit_today, staff):
    """Two tabs: one refused the application, the other then tries to accept it."""
    case = submit_today()
    client.force_login(staff.clerk)
    services.reject(case, actor=staff.clerk, reason="不属于本部门职权范围")
    response = client.post(act_url(case, "accept"), {})
    html = response.content.decode()
    assert response.status_code == 409
    assert "不能受理" in html
    assert "确认办理" not in html and 'class="act-form"' not in html
    client.force_login(staff.first_reviewer)
    html = client.get(act_url(submit_today(), "accept")).content.decode()
    assert "这项操作现在不能办理" in html and "确认办理" not in html


def test_a_correction_note_over_the_limit_is_named_with_the_other_errors(client, submit_today, staff):
    case = submit_today()
    client.force_login(staff.clerk)
    response = client.post(act_url(case, "request-correction"), {"note": "说" * 2001})
    assert response.status_code == 400
    assert "不超过 2000 字符" in response.content.decode()
    case.refresh_from_db()
    assert case.state == CaseState.SUBMITTED
