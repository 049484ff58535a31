"""Scoped case lists: a partner department's 联办 cases, walked in chunks, filtered and paged."""

from __future__ import annotations

import pytest

from zhengwu.cases import selectors, services
from zhengwu.catalog.models import MatterType
from zhengwu.catalog.tests.factories import MatterVersionFactory
from zhengwu.org.models import Role
from zhengwu.org.tests.factories import DepartmentFactory, StaffFactory

from .conftest import D


@pytest.fixture
def joint_cases(dept, staff, applicant, version):
    partner = DepartmentFactory(code="YJ-XF", name="永嘉县消防救援大队", short_name="县消防大队")
    joint = MatterVersionFactory(
        matter__department=dept, name="公众聚集场所投入使用营业前许可", matter_type=MatterType.JOINT
    )
    joint.joint_departments.set([partner])
    cases = []
    for day in ("2025-09-01", "2025-09-02", "2025-09-03", "2025-09-04", "2025-09-05"):
        case = services.submit_application(
            actor=staff.clerk, matter_version=joint, applicant=applicant, channel="window", on=D(day)
        )
        cases.append(services.accept(case, actor=staff.clerk, on=D(day)))
    # Cases of the implementing department's own (non-joint) matter: the partner must never see them.
    own = services.submit_application(
        actor=staff.clerk, matter_version=version, applicant=applicant, channel="window", on=D("2025-09-05")
    )
    head = StaffFactory(department=partner, roles=[Role.DEPARTMENT_HEAD])
    return partner, head, cases, own


@pytest.mark.parametrize("chunk", [1, 2, 2000])
def test_partner_department_lists_its_joint_cases_newest_first_in_pages(joint_cases, monkeypatch, chunk):
    monkeypatch.setattr(selectors, "PARTNER_CHUNK", chunk)
    _partner, head, cases, own = joint_cases
    expected = [c.number for c in reversed(cases)]
    page, cursor = selectors.list_cases(head, selectors.CaseFilter(), limit=2, today=D("2025-09-08"))
    seen = [c.number for c in page]
    while cursor:
        page, cursor = selectors.list_cases(head, selectors.CaseFilter(), after=cursor, limit=2, today=D("2025-09-08"))
        seen += [c.number for c in page]
    assert seen == expected
    assert own.number not in seen


@pytest.mark.parametrize("chunk", [1, 3])
def test_partner_list_filters_apply_to_every_chunk(joint_cases, monkeypatch, chunk):
    monkeypatch.setattr(selectors, "PARTNER_CHUNK", chunk)
    _partner, head, cases, _own = joint_cases
    oldest = cases[0]
    page, _ = selectors.list_cases(
        head, selectors.CaseFilter(received_to=D("2025-09-01")), limit=10, today=D("2025-09-08")
    )
    assert [c.number for c in page] == [oldest.number]
    # Filtering by the joint matter (another department's) still finds the partner's branches in every chunk.
    page, _ = selectors.list_cases(head, selectors.CaseFilter(matter=cases[0].matter_version.matter.code), limit=10)
    assert [c.number for c in page] == [c.number for c in reversed(cases)]


def test_the_timeliness_filter_finds_exactly_the_cases_of_that_timeliness(submit, staff):
    """The list filter (API and workbench) and the `timeliness` each case shows follow the same rules."""
    from zhengwu.cases.deadlines import case_timeliness
    from zhengwu.cases.tests.conftest import complete_open_steps

    by_dept = {staff.clerk.department_id: staff}

    def reviewed(on):
        case = services.accept(submit(on=on), actor=staff.clerk, on=D(on))
        for day in ("2025-10-09", "2025-10-10", "2025-10-13"):
            complete_open_steps(case, by_dept, on=day)
        return case

    late = reviewed("2025-09-26")
    services.decide(late, actor=staff.approver, approve=True, on=D("2025-11-03"))  # after the promised date
    services.close(late, actor=staff.clerk, delivery_method="in_person", result_number="L1", on=D("2025-11-04"))
    in_time = reviewed("2025-09-26")
    services.decide(in_time, actor=staff.approver, approve=True, on=D("2025-10-14"))
    services.close(in_time, actor=staff.clerk, delivery_method="in_person", result_number="T1", on=D("2025-10-15"))
    suspended = services.accept(submit(on="2025-10-20"), actor=staff.clerk, on=D("2025-10-20"))
    services.suspend(suspended, actor=staff.reviewer, procedure="hearing", reason="听证", on=D("2025-10-21"))
    waiting = submit(on="2025-10-27")
    services.request_correction(
        waiting, actor=staff.clerk, items=[{"material_name": "申请书", "reason": "缺少"}], on=D("2025-10-28")
    )
    refused = services.reject(waiting, actor=staff.clerk, reason="逾期未补正", on=D("2025-11-24"))
    running = [submit(on=day) for day in ("2025-11-03", "2025-11-17", "2025-11-20")]
    withdrawn = services.withdraw(submit(on="2025-11-03"), actor=staff.clerk, reason="撤回", on=D("2025-11-04"))

    today = D("2025-11-24")
    cases = [late, in_time, suspended, refused, withdrawn, *running]
    for case in cases:
        case.refresh_from_db()
    shown = {case.number: case_timeliness(case, today) for case in cases}
    assert set(shown.values()) == {"normal", "warning", "overdue"}  # the set covers every value
    assert shown[late.number] == "overdue" and shown[suspended.number] == "normal"
    for timeliness in ("normal", "warning", "overdue"):
        page, _next = selectors.list_cases(
            staff.head, selectors.CaseFilter(timeliness=timeliness), limit=200, today=today
        )
        assert {c.number for c in page} == {n for n, t in shown.items() if t == timeliness}, timeliness
