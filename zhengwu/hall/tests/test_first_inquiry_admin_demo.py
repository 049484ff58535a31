"""First inquiries in the admin (read-only, the phone masked only) and in the demo data (a few in each state)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.test import override_settings
from django.utils import timezone

from zhengwu.accounts import demo as accounts_demo
from zhengwu.calendar import services as calendar
from zhengwu.hall import demo
from zhengwu.hall import first_inquiry_services as services
from zhengwu.hall.models import FirstInquiry, FirstInquiryState
from zhengwu.org import seeding
from zhengwu.org.tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

PHONE = "13812345678"


def test_the_admin_shows_first_inquiries_read_only_without_the_clear_phone(client, window_clerk, other_dept):
    inquiry = services.record(actor=window_clerk, question="问题", phone=PHONE)
    services.refer(inquiry.number, actor=window_clerk, department=other_dept, note="请核实")
    client.force_login(StaffFactory(is_staff=True, is_superuser=True))
    assert inquiry.number in client.get("/admin/hall/firstinquiry/").content.decode()
    html = client.get(f"/admin/hall/firstinquiry/{inquiry.pk}/change/").content.decode()
    assert "138****5678" in html and "请核实" in html
    assert PHONE not in html and "sm4g1:" not in html
    assert client.get("/admin/hall/firstinquiry/add/").status_code == 403


@pytest.fixture
def demo_org(db, next_year_known):
    with override_settings(ZHENGWU_RENDER_NOTICES=False):
        seeding.seed_demo(cases=0, seed=1)
        accounts_demo.seed(stdout=StringIO())
    yield
    calendar.invalidate()


def test_the_demo_has_first_inquiries_in_each_state_and_one_overdue(demo_org):
    demo.seed(stdout=StringIO())
    states = set(FirstInquiry.objects.values_list("state", flat=True))
    assert states == set(FirstInquiryState.values)
    today = timezone.localdate()
    assert any(i.is_overdue(today) for i in FirstInquiry.objects.all())
    assert FirstInquiry.objects.filter(referrals__sequence=2).exists()  # one referred on
    count = FirstInquiry.objects.count()
    demo.seed(stdout=StringIO())  # idempotent
    assert FirstInquiry.objects.count() == count == 7
