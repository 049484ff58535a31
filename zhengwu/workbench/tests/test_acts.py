"""The acts through the web: each calls its service; a refusal changes nothing and says why."""

from __future__ import annotations

import pytest

from zhengwu.cases import services
from zhengwu.cases.models import CaseEvent, CaseState, CorrectionNotice, StepOutcome
from zhengwu.workbench.acts import allowed_acts

pytestmark = pytest.mark.django_db


def complete_next_step(case, actor, outcome="pass"):
    step = case.steps.get(state="open")
    return services.complete_step(case, actor=actor, step_id=step.pk, outcome=outcome, opinion="审查意见")


def test_accept_by_post_changes_the_state_and_redirects_to_the_case(client, submit_today, staff):
    case = submit_today()
    client.force_login(staff.clerk)
    response = client.post(f"/workbench/cases/{case.number}/accept/")
    assert response.status_code == 302
    assert response["Location"] == f"/workbench/cases/{case.number}/"
    case.refresh_from_db()
    assert case.state == CaseState.ACCEPTED
    assert case.events.filter(action="accept", actor=staff.clerk).exists()


def test_act_with_htmx_answers_with_hx_redirect(client, submit_today, staff):
    case = submit_today()
    client.force_login(staff.clerk)
    response = client.post(f"/workbench/cases/{case.number}/accept/", HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"] == f"/workbench/cases/{case.number}/"


def test_post_by_another_departments_clerk_is_404_and_changes_nothing(client, submit_today, other_staff):
    case = submit_today()
    events = CaseEvent.objects.count()
    client.force_login(other_staff.clerk)
    assert client.post(f"/workbench/cases/{case.number}/accept/").status_code == 404
    assert client.post(f"/workbench/cases/{case.number}/reject/", {"reason": "不符合"}).status_code == 404
    case.refresh_from_db()
    assert case.state == CaseState.SUBMITTED
    assert CaseEvent.objects.count() == events


def test_correction_form_lists_every_material_and_creates_the_notice_with_the_checked_items(
    client, submit_today, staff, version
):
    case = submit_today()
    materials = list(version.materials.all())
    client.force_login(staff.clerk)
    html = client.get(f"/workbench/cases/{case.number}/request-correction/").content.decode()
    for material in materials:
        assert material.name in html and f'name="material_{material.pk}"' in html
    response = client.post(
        f"/workbench/cases/{case.number}/request-correction/",
        {
            f"material_{materials[1].pk}": "on",
            f"reason_{materials[1].pk}": "营业执照已过期",
            f"reason_{materials[2].pk}": "未勾选的原因不计入",
            "other_name_0": "场所平面图",
            "other_reason_0": "未提交",
            "note": "请一次性补齐",
        },
    )
    assert response.status_code == 302
    notice = CorrectionNotice.objects.get(case=case)
    items = {(item.material_id, item.material_name, item.reason) for item in notice.items.all()}
    assert items == {(materials[1].pk, "营业执照", "营业执照已过期"), (None, "场所平面图", "未提交")}
    assert notice.note == "请一次性补齐"
    case.refresh_from_db()
    assert case.state == CaseState.CORRECTION_REQUESTED


def test_correction_form_without_a_reason_is_refused_and_issues_nothing(client, submit_today, staff, version):
    case = submit_today()
    material = version.materials.first()
    client.force_login(staff.clerk)
    response = client.post(f"/workbench/cases/{case.number}/request-correction/", {f"material_{material.pk}": "on"})
    assert response.status_code == 400
    assert "请填写该材料的补正原因" in response.content.decode()
    response = client.post(f"/workbench/cases/{case.number}/request-correction/", {"note": "无"})
    assert response.status_code == 400
    assert not CorrectionNotice.objects.filter(case=case).exists()


def test_a_second_correction_notice_is_refused_with_409(client, submit_today, staff, version):
    case = submit_today()
    services.request_correction(case, actor=staff.clerk, items=[{"material_name": "申请书", "reason": "未签字"}])
    services.resubmit(case, actor=staff.clerk)
    client.force_login(staff.clerk)
    response = client.post(
        f"/workbench/cases/{case.number}/request-correction/", {"other_name_0": "申请书", "other_reason_0": "未盖章"}
    )
    assert response.status_code == 409
    assert "一次性告知" in response.content.decode()
    assert CorrectionNotice.objects.filter(case=case).count() == 1


def test_decide_is_refused_with_409_while_review_is_not_finished(client, submit_today, staff):
    case = submit_today()
    services.accept(case, actor=staff.clerk)
    complete_next_step(case, staff.first_reviewer)
    events = CaseEvent.objects.count()
    client.force_login(staff.approver)
    response = client.post(f"/workbench/cases/{case.number}/decide/", {"approve": "1", "reason": ""})
    assert response.status_code == 409
    assert "尚有审查环节未办结，不能作出决定。" in response.content.decode()
    case.refresh_from_db()
    assert case.state == CaseState.IN_REVIEW
    assert CaseEvent.objects.count() == events


def test_denial_without_reason_shows_the_error_on_the_field(client, submit_today, staff):
    case = submit_today()
    services.accept(case, actor=staff.clerk)
    for actor in (staff.first_reviewer, staff.reviewer, staff.approver):
        complete_next_step(case, actor)
    client.force_login(staff.approver)
    response = client.post(f"/workbench/cases/{case.number}/decide/", {"approve": "0", "reason": ""})
    assert response.status_code == 400
    assert 'id="id_reason_error"' in response.content.decode()
    response = client.post(f"/workbench/cases/{case.number}/decide/", {"approve": "1"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.APPROVED


def test_complete_step_through_the_form(client, submit_today, staff):
    case = submit_today()
    services.accept(case, actor=staff.clerk)
    step = case.steps.get(state="open")
    client.force_login(staff.first_reviewer)
    html = client.get(f"/workbench/cases/{case.number}/").content.decode()
    assert f"complete-step/?step={step.pk}" in html
    response = client.post(
        f"/workbench/cases/{case.number}/complete-step/",
        {"step_id": step.pk, "outcome": "pass", "opinion": "材料齐全"},
    )
    assert response.status_code == 302
    step.refresh_from_db()
    assert (step.state, step.outcome, step.completed_by) == ("done", "pass", staff.first_reviewer)


def test_complete_step_of_another_post_is_403(client, submit_today, staff):
    case = submit_today()
    services.accept(case, actor=staff.clerk)
    step = case.steps.get(state="open")
    client.force_login(staff.approver)
    response = client.post(
        f"/workbench/cases/{case.number}/complete-step/", {"step_id": step.pk, "outcome": "pass", "opinion": "同意"}
    )
    assert response.status_code == 403
    step.refresh_from_db()
    assert step.state == "open"


def test_allowed_acts_follow_state_role_post_and_department(submit_today, staff, other_staff):
    case = submit_today()
    assert allowed_acts(staff.clerk, case).names == ["accept", "request-correction", "reject", "withdraw"]
    assert not allowed_acts(staff.reviewer, case)
    assert not allowed_acts(other_staff.clerk, case)
    services.accept(case, actor=staff.clerk)
    case.refresh_from_db()
    first = allowed_acts(staff.first_reviewer, case)
    assert "complete-step" in first and "suspend" in first
    assert [step.name for step in first.steps] == [case.steps.get(state="open").name]
    assert "complete-step" not in allowed_acts(staff.approver, case)
    complete_next_step(case, staff.first_reviewer)
    complete_next_step(case, staff.reviewer, outcome=StepOutcome.REJECT)  # a rejection ends the review
    case.refresh_from_db()
    assert not case.steps.filter(state="open").exists()
    decision = allowed_acts(staff.head, case)
    assert "decide" in decision and not decision.approve_allowed
    assert "decide" not in allowed_acts(staff.clerk, case)


def test_immediate_matter_offers_accept_and_decide(submit_today, staff, immediate_version):
    case = submit_today(matter_version=immediate_version)
    assert "accept-and-decide" in allowed_acts(staff.clerk, case)


def test_refusal_is_not_offered_once_the_acceptance_period_has_passed(submit, staff):
    # 第三十二条: the service refuses it (409) even before the nightly job flags the deemed acceptance.
    from zhengwu.cases.tests.conftest import D

    case = submit(on="2025-09-26")  # acceptance due 10 October
    assert "reject" in allowed_acts(staff.clerk, case, D("2025-10-10"))
    late = allowed_acts(staff.clerk, case, D("2025-10-13"))
    assert "reject" not in late and "accept" in late
    services.request_correction(
        case, actor=staff.clerk, items=[{"material_name": "申请书", "reason": "缺少"}], on=D("2025-09-29")
    )
    case.refresh_from_db()
    # While the applicant corrects no clock runs against the office: the refusal stays open.
    assert "reject" in allowed_acts(staff.clerk, case, D("2025-11-03"))


def test_a_partner_department_is_offered_the_special_procedure_of_its_open_branch_and_the_end_of_its_own(
    submit_today, staff
):
    from zhengwu.cases.tests.conftest import make_staff
    from zhengwu.catalog.models import MatterType
    from zhengwu.catalog.tests.factories import MatterVersionFactory
    from zhengwu.org.tests.factories import DepartmentFactory

    partner = DepartmentFactory(code="YJ-XF", name="永嘉县消防救援大队")
    version = MatterVersionFactory(
        matter__department=staff.clerk.department, name="营业前消防许可", matter_type=MatterType.JOINT
    )
    version.joint_departments.set([partner])
    partner_staff = make_staff(partner)
    case = services.accept(submit_today(matter_version=version), actor=staff.clerk)
    assert "suspend" in allowed_acts(partner_staff.first_reviewer, case)
    assert "decide" not in allowed_acts(partner_staff.approver, case)

    case = services.suspend(case, actor=staff.head, procedure="hearing", reason="听证")
    assert "resume" in allowed_acts(staff.head, case)
    assert "resume" not in allowed_acts(partner_staff.head, case)  # the implementing department's procedure
    case = services.resume(case, actor=staff.head)
    case = services.suspend(case, actor=partner_staff.head, procedure="inspection", reason="消防设施检测")
    assert "resume" in allowed_acts(partner_staff.head, case) and "resume" in allowed_acts(staff.head, case)
