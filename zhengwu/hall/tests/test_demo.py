"""The demo appointments: periods for every department stationed in the demo hall and two bookings of the demo
citizen, through the booking act; idempotent."""

from io import StringIO

import pytest
from django.test import override_settings

from zhengwu.accounts import demo as accounts_demo
from zhengwu.calendar import services as calendar
from zhengwu.hall import demo
from zhengwu.hall.models import Appointment, AppointmentPeriod
from zhengwu.org import seeding
from zhengwu.org.models import Department, Hall

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_org(db, next_year_known):
    with override_settings(ZHENGWU_RENDER_NOTICES=False):
        seeding.seed_demo(cases=0, seed=1)
        accounts_demo.seed(stdout=StringIO())
    yield
    calendar.invalidate()


def test_demo_seed_opens_periods_and_books_for_the_demo_citizen(demo_org, client):
    hall = Hall.objects.order_by("pk").first()
    stationed = Department.objects.filter(windows__hall=hall).distinct().count()
    assert demo.seed(stdout=StringIO()) == stationed * len(demo.PERIODS)
    assert AppointmentPeriod.objects.filter(hall=hall).count() == stationed * len(demo.PERIODS)
    bookings = list(Appointment.objects.select_related("account"))
    assert len(bookings) == 2 and {b.account.phone_masked for b in bookings} == {"139****0001"}
    assert demo.seed(stdout=StringIO()) == 0  # idempotent
    assert Appointment.objects.count() == 2
    client.post("/my/login/", {"phone": accounts_demo.CITIZEN_PHONE, "password": accounts_demo.DEMO_PASSWORD})
    html = client.get("/my/").content.decode()
    assert all(b.number in html for b in bookings)
