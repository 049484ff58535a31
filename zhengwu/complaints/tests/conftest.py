"""Fixtures for efficiency complaints: the case fixtures plus supervisors, a window and a complainant."""

from __future__ import annotations

import pytest

from zhengwu.cases.tests.conftest import *  # noqa: F403
from zhengwu.org.models import Role
from zhengwu.org.tests.factories import AreaFactory, DepartmentFactory, StaffFactory, WindowFactory
from zhengwu.parties.tests.factories import PersonFactory


@pytest.fixture
def window(dept):
    window = WindowFactory(number="08", name="市场监管窗口")
    window.departments.add(dept)
    return window


@pytest.fixture
def supervisor(dept):
    return StaffFactory(department=None, supervised_area=dept.area, roles=[Role.SUPERVISOR], full_name="监察甲")


@pytest.fixture
def handler(dept):
    return StaffFactory(department=None, supervised_area=dept.area, roles=[Role.SUPERVISOR], full_name="监察乙")


@pytest.fixture
def far_supervisor(db):
    area = AreaFactory(code="330302000000", name="鹿城区")
    DepartmentFactory(code="LC-SCJG", name="鹿城区市场监督管理局", area=area)
    return StaffFactory(department=None, supervised_area=area, roles=[Role.SUPERVISOR])


@pytest.fixture
def complainant(db):
    return PersonFactory(name="欧阳振华", phone="13912345678")
