"""Windows in the admin (a hall's inline): a finance window (统一收费窗口) serves the whole hall and needs no
department; every other window still needs the departments stationed at it."""

import pytest

from zhengwu.org.admin import WindowForm
from zhengwu.org.models import Window
from zhengwu.org.tests.factories import DepartmentFactory, HallFactory, StaffFactory

pytestmark = pytest.mark.django_db

NO_DEPARTMENT = "请选择进驻部门（只有统一收费窗口可以不选）。"


def _hall_change_data(hall, **window):
    """The hall's change form with one new window in its inline."""
    data = {
        "name": hall.name,
        "area": hall.area_id,
        "address": "",
        "opening_hours": "",
        "phone": "",
        "windows-TOTAL_FORMS": "1",
        "windows-INITIAL_FORMS": "0",
        "windows-MIN_NUM_FORMS": "0",
        "windows-MAX_NUM_FORMS": "1000",
        "windows-0-hall": hall.pk,
    }
    data.update({f"windows-0-{key}": value for key, value in window.items()})
    return data


@pytest.fixture
def admin_client(client):
    client.force_login(StaffFactory(is_staff=True, is_superuser=True))
    return client


def test_the_admin_saves_a_finance_window_without_departments(admin_client):
    hall = HallFactory()
    data = _hall_change_data(hall, number="A13", name="统一收费窗口", is_finance="on")
    response = admin_client.post(f"/admin/org/hall/{hall.pk}/change/", data)
    assert response.status_code == 302
    window = Window.objects.get(hall=hall, number="A13")
    assert window.is_finance and not window.departments.exists()


def test_the_admin_still_requires_departments_of_any_other_window(admin_client):
    hall = HallFactory()
    data = _hall_change_data(hall, number="A04", name="市场监管窗口")
    response = admin_client.post(f"/admin/org/hall/{hall.pk}/change/", data)
    assert response.status_code == 200
    assert NO_DEPARTMENT in response.content.decode()
    assert not Window.objects.filter(hall=hall).exists()


def test_the_window_form_requires_departments_unless_the_window_is_a_finance_window():
    hall, department = HallFactory(), DepartmentFactory()
    base = {"number": "A04", "name": "市场监管窗口"}
    form = WindowForm(data=base, instance=Window(hall=hall))
    assert not form.is_valid() and form.errors["departments"] == [NO_DEPARTMENT]
    assert WindowForm(data={**base, "departments": [department.pk]}, instance=Window(hall=hall)).is_valid()
    assert WindowForm(data={**base, "is_finance": "on"}, instance=Window(hall=hall)).is_valid()
