"""The demo: 永嘉县's four stage rules and three projects made through the acts — one done, one in 施工许可 with its
cases in review, one with an overdue stage; the system administrator keeps the rules; idempotent."""

from __future__ import annotations

from io import StringIO

import pytest
from django.test import override_settings
from django.utils import timezone

from zhengwu.calendar import services as calendar
from zhengwu.org import seeding
from zhengwu.org.models import User
from zhengwu.projects import demo, selectors
from zhengwu.projects.models import Project, StageApplication, StageRule

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_org(db, next_year_known):
    with override_settings(ZHENGWU_RENDER_NOTICES=False):
        seeding.seed_demo(cases=0, seed=1)
    yield
    calendar.invalidate()


def test_demo_rules_and_projects(demo_org, client):
    out = StringIO()
    assert demo.seed(stdout=out) == 3
    assert StageRule.objects.filter(area__code="330324000000").count() == 4
    today = timezone.localdate()
    views = {
        v.project.code: v for v in selectors.project_views(list(selectors.with_stages(Project.objects.all())), today)
    }
    done, building, late = (views[data.code] for data in demo.PROJECTS)

    assert [s.stage for s in done.stages] == [
        "land_use_planning",
        "construction_planning",
        "construction_permit",
        "completion_acceptance",
    ]
    assert all(s.passed and s.on_time for s in done.stages)
    assert 0 < done.total_days <= 120 and not done.over_total
    assert {c.state for s in done.stages for c in s.cases} == {"closed"}
    # each case decided within its own matter's promised limit too
    assert {t for s in done.stages for t in s.case_timeliness.values()} == {"normal"}

    permit = building.stages[-1]
    assert (permit.stage, permit.state, permit.timeliness) == ("construction_permit", "in_progress", "normal")
    assert {c.state for c in permit.cases} == {"in_review"} and len(permit.cases) == 2

    planning = late.stages[-1]
    assert (planning.stage, planning.state, planning.timeliness) == ("construction_planning", "in_progress", "overdue")
    assert late.timeliness == "overdue"

    sysadmin = User.objects.get(username="sysadmin")
    assert sysadmin.has_perm("projects.change_stagerule") and not sysadmin.has_perm("projects.change_project")

    client.force_login(User.objects.get(username="zj_clerk"))
    listed = client.get("/workbench/projects/", {"timeliness": "overdue"}).content.decode()
    assert late.project.code in listed and done.project.code not in listed
    assert client.get(f"/workbench/projects/{done.project.code}/").status_code == 200

    applications = StageApplication.objects.count()
    assert demo.seed(stdout=StringIO()) == 0  # idempotent
    assert StageApplication.objects.count() == applications
