"""Fixtures for supervision: the case fixtures, a supervisor of the county, a recording alert channel."""

from __future__ import annotations

import pytest

from zhengwu.calendar.models import KnownYear
from zhengwu.cases.tests.conftest import *  # noqa: F403
from zhengwu.org.models import Role
from zhengwu.org.tests.factories import StaffFactory
from zhengwu.supervision.channels import SENT, Channel


class RecordingChannel(Channel):
    """Remembers every alert it was asked to send (class-level: channels are built per run)."""

    name = "recording"
    sent: list[int] = []
    fail = False

    def send(self, alert) -> str:
        if RecordingChannel.fail:
            raise OSError("gateway down")
        RecordingChannel.sent.append(alert.pk)
        return SENT


@pytest.fixture(autouse=True)
def _calendar_2027(db):
    # Deadlines counted from today reach into next year.
    KnownYear.objects.get_or_create(year=2027, defaults={"source": "测试"})


@pytest.fixture
def recording(settings):
    settings.ZHENGWU_ALERT_CHANNELS = ["zhengwu.supervision.tests.conftest.RecordingChannel"]
    RecordingChannel.sent = []
    RecordingChannel.fail = False
    yield RecordingChannel
    RecordingChannel.sent = []
    RecordingChannel.fail = False


@pytest.fixture
def supervisor(dept, area):
    dept.area = area
    dept.save()
    return StaffFactory(username="jiancha", department=None, supervised_area=area, roles=[Role.SUPERVISOR])
