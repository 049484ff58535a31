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
