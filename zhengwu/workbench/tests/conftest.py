"""The case fixtures (department, staff, matter, applicant, `submit`) plus what the web acts need."""

import pytest

from zhengwu.cases.tests.conftest import *  # noqa: F403


@pytest.fixture(autouse=True)
def _next_year_known(next_year_known):
    """The web acts act today: a deadline late in the year may run into the next one."""
