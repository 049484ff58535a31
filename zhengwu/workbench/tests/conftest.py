"""The case fixtures (department, staff, matter, applicant, `submit`) plus what the web acts need."""

import pytest
from django.utils import timezone

from zhengwu.calendar.models import KnownYear
from zhengwu.cases.tests.conftest import *  # noqa: F403


@pytest.fixture(autouse=True)
def _next_year_known(db):
    """The web acts act today: a deadline late in the year may run into the next one."""
    year = timezone.localdate().year + 1
    KnownYear.objects.get_or_create(year=year, defaults={"source": "测试：假定已公布"})


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def submit_today(submit, today):
    """A case received today, so that acts done through the web (which act today) are in time."""

    def _submit(**kwargs):
        return submit(on=today.isoformat(), **kwargs)

    return _submit
