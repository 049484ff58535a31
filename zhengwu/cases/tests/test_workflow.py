"""The BPMN review processes: the generated default and joint processes, a per-matter override, validation and
the serialised state kept with the case."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError

from zhengwu.cases import services
from zhengwu.cases.workflow import ReviewProcess, build_review_bpmn, validate_process_xml
from zhengwu.catalog.models import MatterVersion
from zhengwu.catalog.tests.factories import MatterVersionFactory
from zhengwu.errors import InvalidInput

from .conftest import D, complete_open_steps

pytestmark = pytest.mark.django_db

TWO_STEPS = build_review_bpmn(1, steps=(("review", "审核"), ("approval", "审批")))


def test_generated_processes_have_three_steps_per_branch():
    assert validate_process_xml(build_review_bpmn(1)) == {0: 3}
    assert validate_process_xml(build_review_bpmn(3)) == {0: 3, 1: 3, 2: 3}


def test_a_per_matter_process_overrides_the_default(dept, staff, applicant):
    version = MatterVersionFactory(matter__department=dept, process_bpmn=TWO_STEPS)
    case = services.submit_application(
        actor=staff.clerk, matter_version=version, applicant=applicant, channel="window", on=D("2025-09-29")
    )
    case = services.accept(case, actor=staff.clerk, on=D("2025-09-30"))
    assert list(case.steps.values_list("name", "post__code")) == [("审核", "review")]
    assert case.workflow_state["source"] == {"kind": "matter", "version_id": version.pk}
    complete_open_steps(case, {dept.pk: staff}, on="2025-10-09")
    complete_open_steps(case, {dept.pk: staff}, on="2025-10-10")
    case = services.decide(case, actor=staff.approver, approve=True, on=D("2025-10-13"))
    assert case.state == "approved"
    assert case.steps.count() == 2


def test_invalid_processes_are_refused_before_publication(dept):
    for xml in (
        "<not-bpmn",
        TWO_STEPS.replace('name="post"', 'name="role"'),
        TWO_STEPS.replace('<bpmn:process id="review"', '<bpmn:process id="another"'),  # the parser's own error
        TWO_STEPS.replace('name="branch" value="0"', 'name="branch" value="first"'),
    ):
        with pytest.raises(InvalidInput) as error:
            validate_process_xml(xml)
        assert error.value.field == "process_bpmn"
        version = MatterVersion(legal_limit_days=20, promised_limit_days=10, process_bpmn=xml)
        with pytest.raises(ValidationError) as invalid:
            version.clean()
        assert "process_bpmn" in invalid.value.message_dict


def test_the_workflow_survives_serialisation_between_acts(submit, staff):
    case = services.accept(submit(on="2025-09-29"), actor=staff.clerk, on=D("2025-09-30"))
    stored = json.loads(json.dumps(case.workflow_state))  # exactly what the JSON column holds
    assert "spec" not in stored["workflow"]  # the spec is rebuilt from its source, not stored per case
    process = ReviewProcess.restore(stored, case.matter_version)
    assert [t.label for t in process.open_tasks()] == ["初审"]
    assert not process.finished


def test_the_stored_state_says_when_the_review_has_ended(submit, staff, dept):
    case = services.accept(submit(on="2025-09-29"), actor=staff.clerk, on=D("2025-09-30"))
    assert not ReviewProcess.finished_in(case.workflow_state, case.matter_version)
    for day in ("2025-10-09", "2025-10-10", "2025-10-13"):
        complete_open_steps(case, {dept.pk: staff}, on=day)
    case.refresh_from_db()
    assert case.workflow_state["workflow"]["completed"] is True  # decide reads the flag, no restore
    assert ReviewProcess.finished_in(case.workflow_state, case.matter_version)
    # A state written without the flag (as older versions could) is restored and asked.
    stale = json.loads(json.dumps(case.workflow_state))
    stale["workflow"]["completed"] = False
    assert ReviewProcess.finished_in(stale, case.matter_version)
