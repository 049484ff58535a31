import datetime as dt

import pytest

from zhengwu.calendar.services import is_working_day
from zhengwu.cases.bench import seeding


@pytest.mark.django_db
def test_the_seeder_declares_every_year_its_deadlines_reach():
    today = dt.date(2026, 11, 27)  # 400 days on is 1 January 2028, a Saturday, two years past the package's end
    seeding._declare_years(today)
    assert (today + seeding.CALENDAR_AHEAD).year == 2028
    assert is_working_day(today + seeding.CALENDAR_AHEAD) is False
    assert is_working_day(dt.date(2028, 1, 3)) is True
