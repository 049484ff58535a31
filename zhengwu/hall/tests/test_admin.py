"""Appointment periods are configured in the admin: audited, and only for a department stationed in the hall."""

import pytest

from zhengwu.audit.models import AuditEntry
from zhengwu.hall.models import AppointmentPeriod
from zhengwu.org.tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(StaffFactory(is_staff=True, is_superuser=True))
    return client


def _data(hall, department, **overrides):
    return {
        "hall": hall.pk,
        "department": department.pk,
        "starts_at": "09:00",
        "ends_at": "10:00",
        "capacity": 4,
        "is_active": "on",
        **overrides,
    }


def test_the_administrator_adds_a_period_and_it_is_audited(admin_client, hall, dept, window):
    response = admin_client.post("/admin/hall/appointmentperiod/add/", _data(hall, dept))
    assert response.status_code == 302
    period = AppointmentPeriod.objects.get()
    assert (period.capacity, period.department) == (4, dept)
    assert AuditEntry.objects.filter(action="admin.add", object_id=str(period.pk)).exists()
    assert admin_client.get("/admin/hall/appointmentperiod/").status_code == 200
    assert admin_client.get("/admin/hall/appointment/").status_code == 200


def test_a_department_without_a_window_in_the_hall_or_a_period_ending_first_is_refused(
    admin_client, hall, dept, other_dept, window
):
    response = admin_client.post("/admin/hall/appointmentperiod/add/", _data(hall, other_dept))
    assert response.status_code == 200 and "该部门在本大厅没有进驻窗口。" in response.content.decode()
    response = admin_client.post("/admin/hall/appointmentperiod/add/", _data(hall, dept, ends_at="08:00"))
    assert response.status_code == 200 and "结束时间应晚于开始时间。" in response.content.decode()
    assert not AppointmentPeriod.objects.exists()
