"""Fixtures for 好差评: the case fixtures plus closed cases, a window and a supervisor."""

from __future__ import annotations

import pytest

from zhengwu.cases import services as case_services
from zhengwu.cases.tests.conftest import *  # noqa: F403
from zhengwu.cases.tests.conftest import D
from zhengwu.org.models import Role
from zhengwu.org.tests.factories import AreaFactory, DepartmentFactory, StaffFactory, WindowFactory


@pytest.fixture
def window(dept):
    window = WindowFactory(number="08", name="市场监管窗口")
    window.departments.add(dept)
    return window


@pytest.fixture
def closed_case(submit, staff, immediate_version, window):
    """A 即办件 accepted, decided and closed at window 08 on 2025-09-26 (a Friday before National Day)."""

    def _closed(on="2025-09-26", **kwargs):
        case = submit(on=on, matter_version=immediate_version, window=window, **kwargs)
        case_services.accept_and_decide(case, actor=staff.clerk, approve=True, on=D(on))
        return case_services.close(case, actor=staff.clerk, delivery_method="in_person", on=D(on))

    return _closed


@pytest.fixture
def supervisor(dept):
    return StaffFactory(department=None, supervised_area=dept.area, roles=[Role.SUPERVISOR])


@pytest.fixture
def far_dept(db):
    """A department in another county, outside the supervisor's area."""
    return DepartmentFactory(
        code="LC-SCJG", name="鹿城区市场监督管理局", area=AreaFactory(code="330302000000", name="鹿城区")
    )
