"""首席代表制: a department's chief representative approves at the window under its written authorisation (授权委托书);
the B角 only on the days the A角 is recorded away; nobody else, and nothing outside the letter."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from zhengwu.audit.models import AuditEntry
from zhengwu.cases import services
from zhengwu.cases.models import CaseState, StepState
from zhengwu.catalog.tests.factories import MatterVersionFactory
from zhengwu.errors import NotPermitted
from zhengwu.org.models import ChiefRepresentative, RepresentativeAbsence, Role
from zhengwu.org.tests.factories import HallFactory, StaffFactory, clerk
from zhengwu.workbench.acts import allowed_acts

from .conftest import D, complete_open_steps


@pytest.fixture
def principal(dept):
    """A window clerk of the department, without a review role or the approval post."""
    return clerk(dept, full_name="陈首代")


@pytest.fixture
def deputy(dept):
    return clerk(dept, full_name="林B角")


@pytest.fixture
def letter(dept, principal, deputy, version):
    appointment = ChiefRepresentative.objects.create(
        department=dept,
        hall=HallFactory(),
        principal=principal,
        deputy=deputy,
        letter_number="永市监授〔2025〕3号",
        signed_by="张局长",
        signed_on=D("2025-08-28"),
        valid_from=D("2025-09-01"),
        valid_until=D("2026-08-31"),
    )
    appointment.matters.add(version.matter)
    return appointment


@pytest.fixture
def at_approval(submit, staff, dept):
    """A case accepted and reviewed up to its open 审批 step."""
    case = submit(on="2025-09-26")
    services.accept(case, actor=staff.clerk, on=D("2025-09-26"))
    case.refresh_from_db()
    for code, person in (("first_review", staff.first_reviewer), ("review", staff.reviewer)):
        step = case.steps.get(state=StepState.OPEN, post__code=code)
        services.complete_step(case, actor=person, step_id=step.pk, outcome="pass", opinion="同意", on=D("2025-09-29"))
    case.refresh_from_db()
    return case


def approval_step(case):
    return case.steps.get(state=StepState.OPEN, post__code="approval")


def test_the_principal_approves_at_the_window_and_the_history_names_the_letter(at_approval, letter, principal):
    case = at_approval
    services.complete_step(
        case, actor=principal, step_id=approval_step(case).pk, outcome="pass", opinion="准予", on=D("2025-09-30")
    )
    services.decide(case, actor=principal, approve=True, on=D("2025-09-30"))
    case.refresh_from_db()
    assert case.state == CaseState.APPROVED
    step_event, decision = case.events.filter(action__in=["complete_step", "decide"]).order_by("-at", "-id")[:2][::-1]
    assert step_event.data["chief_representative"] == "A"
    assert decision.data == {"approve": True, "chief_representative": "A", "authorisation": "永市监授〔2025〕3号"}
    assert AuditEntry.objects.filter(action="case.decide", detail__authorisation="永市监授〔2025〕3号").exists()


def test_the_deputy_acts_only_on_the_days_the_principal_is_away(at_approval, letter, deputy):
    case = at_approval
    step = approval_step(case)
    with pytest.raises(NotPermitted) as refused:
        services.complete_step(case, actor=deputy, step_id=step.pk, outcome="pass", opinion="准予", on=D("2025-09-30"))
    assert refused.value.code == "role_required"
    RepresentativeAbsence.objects.create(
        representative=letter, starts_on=D("2025-09-30"), ends_on=D("2025-10-09"), reason="外出培训"
    )
    services.complete_step(case, actor=deputy, step_id=step.pk, outcome="pass", opinion="准予", on=D("2025-09-30"))
    services.decide(case, actor=deputy, approve=True, on=D("2025-09-30"))
    case.refresh_from_db()
    assert case.state == CaseState.APPROVED
    assert case.events.get(action="decide").data["chief_representative"] == "B"


def test_a_deputy_is_refused_again_once_the_principal_is_back(at_approval, letter, deputy):
    RepresentativeAbsence.objects.create(
        representative=letter, starts_on=D("2025-09-22"), ends_on=D("2025-09-29"), reason="病假"
    )
    case = at_approval
    with pytest.raises(NotPermitted):
        services.complete_step(
            case, actor=deputy, step_id=approval_step(case).pk, outcome="pass", opinion="准予", on=D("2025-09-30")
        )
    assert approval_step(case).state == StepState.OPEN


@pytest.mark.parametrize(
    "day, change",
    [
        ("2025-08-31", {}),  # before the letter's first day
        ("2026-09-01", {}),  # after its last day
        ("2025-10-10", {"revoked_on": D("2025-10-10"), "revoke_reason": "人员调整"}),  # revoked that day
    ],
)
def test_no_authority_outside_the_letter_in_force(submit, staff, letter, principal, day, change):
    for field, value in change.items():
        setattr(letter, field, value)
    letter.save()
    case = submit(on="2025-08-25")
    services.accept(case, actor=staff.clerk, on=D("2025-08-25"))
    complete_open_steps(case, {case.department_id: staff}, on="2025-08-26")  # 审批 done by the approver
    case.refresh_from_db()
    before = case.events.count()
    with pytest.raises(NotPermitted) as refused:
        services.decide(case, actor=principal, approve=True, on=D(day))
    assert refused.value.code == "role_required"
    case.refresh_from_db()
    assert case.state == CaseState.IN_REVIEW and case.events.count() == before


def test_the_day_before_revocation_still_counts(at_approval, letter, principal):
    letter.revoked_on, letter.revoke_reason = D("2025-10-01"), "人员调整"
    letter.save()
    services.complete_step(
        at_approval,
        actor=principal,
        step_id=approval_step(at_approval).pk,
        outcome="pass",
        opinion="准予",
        on=D("2025-09-30"),
    )
    assert approval_step_done(at_approval)


def approval_step_done(case) -> bool:
    return case.steps.get(post__code="approval").state == StepState.DONE


def test_a_matter_outside_the_letter_is_refused(submit, staff, dept, letter, principal):
    other = MatterVersionFactory(
        matter__department=dept, name="特种设备使用登记", legal_limit_days=20, promised_limit_days=10
    )
    case = submit(on="2025-09-26", matter_version=other)
    services.accept(case, actor=staff.clerk, on=D("2025-09-26"))
    complete_open_steps(case, {case.department_id: staff}, on="2025-09-29")
    with pytest.raises(NotPermitted):
        services.decide(case, actor=principal, approve=True, on=D("2025-09-30"))


def test_the_letter_stands_for_the_approval_step_only(at_approval, letter, principal, submit, staff):
    case = submit(on="2025-09-26")
    services.accept(case, actor=staff.clerk, on=D("2025-09-26"))
    case.refresh_from_db()
    first = case.steps.get(state=StepState.OPEN, post__code="first_review")
    with pytest.raises(NotPermitted) as refused:
        services.complete_step(
            case, actor=principal, step_id=first.pk, outcome="pass", opinion="同意", on=D("2025-09-29")
        )
    assert refused.value.code == "wrong_post"
    assert case.steps.get(pk=first.pk).state == StepState.OPEN


def test_an_ordinary_clerk_of_the_department_gains_nothing(at_approval, letter, staff):
    with pytest.raises(NotPermitted):
        services.complete_step(
            at_approval,
            actor=staff.clerk,
            step_id=approval_step(at_approval).pk,
            outcome="pass",
            opinion="准予",
            on=D("2025-09-30"),
        )


def test_the_case_page_offers_the_approval_and_then_the_decision(at_approval, letter, principal, staff):
    acts = allowed_acts(principal, at_approval, today=D("2025-09-30"))
    assert [s.post.code for s in acts.steps] == ["approval"] and "decide" not in acts
    assert not allowed_acts(staff.clerk, at_approval, today=D("2025-09-30")).steps
    services.complete_step(
        at_approval,
        actor=principal,
        step_id=approval_step(at_approval).pk,
        outcome="pass",
        opinion="准予",
        on=D("2025-09-30"),
    )
    at_approval.refresh_from_db()
    assert "decide" in allowed_acts(principal, at_approval, today=D("2025-09-30"))
    assert "decide" not in allowed_acts(principal, at_approval, today=D("2026-09-01"))  # the letter has expired


# -- the letter itself --------------------------------------------------------------------------------------------
def test_a_second_letter_overlapping_in_time_is_refused(letter, dept, principal):
    second = ChiefRepresentative(
        department=dept,
        hall=letter.hall,
        principal=principal,
        letter_number="永市监授〔2026〕1号",
        signed_by="张局长",
        signed_on=D("2026-08-01"),
        valid_from=D("2026-08-01"),
        valid_until=D("2027-07-31"),
    )
    with pytest.raises(ValidationError) as refused:
        second.full_clean()
    assert "valid_from" in refused.value.message_dict
    letter.revoked_on, letter.revoke_reason = D("2026-08-01"), "换发授权委托书"
    letter.save()
    second.full_clean()  # the old letter ends the day before the new one starts


def test_the_letter_names_staff_of_its_department_who_handle_cases(letter, other_dept, dept):
    letter.principal = clerk(other_dept)
    with pytest.raises(ValidationError) as refused:
        letter.full_clean()
    assert "principal" in refused.value.message_dict
    letter.principal = StaffFactory(department=dept, roles=[Role.SUPERVISOR])
    with pytest.raises(ValidationError) as refused:
        letter.full_clean()
    assert "principal" in refused.value.message_dict


def test_the_letter_dates_and_revocation_are_checked(letter):
    letter.valid_until = D("2025-08-01")
    letter.signed_on = D("2025-09-02")
    letter.revoked_on = D("2025-10-01")
    with pytest.raises(ValidationError) as refused:
        letter.full_clean()
    assert {"valid_until", "signed_on", "revoke_reason"} <= set(refused.value.message_dict)
