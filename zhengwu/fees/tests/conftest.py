"""Fixtures for unified charging: the case fixtures plus a hall with a department window and a finance window, its
cashier, a matter version with a fee standard, and `approved` that drives a case to the approval decision."""

from __future__ import annotations

import pytest

from zhengwu.cases import services as case_services
from zhengwu.cases.tests.conftest import *  # noqa: F403
from zhengwu.cases.tests.conftest import D, complete_open_steps
from zhengwu.catalog.tests.factories import MatterVersionFactory
from zhengwu.org.models import Role
from zhengwu.org.tests.factories import HallFactory, StaffFactory, WindowFactory

FEE_BASIS = "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》：每件80元，每增加一本证书加收10元"


@pytest.fixture
def hall(db):
    return HallFactory(name="永嘉县政务服务中心")


@pytest.fixture
def window(hall, dept):
    window = WindowFactory(hall=hall, number="A04", name="市场监管窗口")
    window.departments.add(dept)
    return window


@pytest.fixture
def finance_window(hall):
    """It serves the whole hall: no department is stationed at it."""
    return WindowFactory(hall=hall, number="A13", name="统一收费窗口", is_finance=True)


def cashier_at(*windows):
    user = StaffFactory(department=None, roles=[Role.WINDOW_CLERK], full_name="收费员")
    user.windows.set(windows)
    return user


@pytest.fixture
def cashier(finance_window):
    return cashier_at(finance_window)


@pytest.fixture
def far_cashier(db):
    """A cashier at the finance window of another hall."""
    far_window = WindowFactory(hall=HallFactory(name="瓯北分中心"), number="B01", name="统一收费窗口", is_finance=True)
    return cashier_at(far_window)


@pytest.fixture
def fee_version(dept):
    return MatterVersionFactory(
        matter__department=dept, name="不动产转移登记", fee_fen=8000, fee_basis=FEE_BASIS, promised_limit_days=10
    )


@pytest.fixture
def approved(submit, staff, dept, fee_version, window):
    """A case of `fee_version` (by default) received at `window`, accepted, reviewed and approved on 2025-10-14."""

    def _approved(matter_version=None, *, at_window=True, approve=True):
        kwargs = {"window": window} if at_window else {}
        case = submit(on="2025-09-29", matter_version=matter_version or fee_version, **kwargs)
        case_services.accept(case, actor=staff.clerk, on=D("2025-09-30"))
        for day in ("2025-10-09", "2025-10-10", "2025-10-13"):
            complete_open_steps(case, {dept.pk: staff}, on=day)
        reason = "" if approve else "条件不符"
        case_services.decide(case, actor=staff.approver, approve=approve, reason=reason, on=D("2025-10-14"))
        case.refresh_from_db()
        return case

    return _approved
