"""The standard post and review-step names are data in Chinese; an English page shows them in English."""

from __future__ import annotations

import pytest
from django.utils import translation

from zhengwu.cases import services
from zhengwu.cases.tests.conftest import D
from zhengwu.org.labels import post_label

pytestmark = pytest.mark.django_db


def test_standard_names_translate_and_any_other_name_shows_as_entered():
    with translation.override("en"):
        assert [post_label(name) for name in ("受理", "初审", "审核", "审批")] == [
            "Acceptance",
            "First review",
            "Review",
            "Approval",
        ]
        assert post_label("现场核查") == "现场核查"
    with translation.override("zh-hans"):
        assert post_label("初审") == "初审"


def test_todo_and_case_page_show_the_step_in_the_users_language(client, submit, staff):
    case = services.accept(submit(on="2025-09-26"), actor=staff.clerk, on=D("2025-09-29"))
    client.force_login(staff.first_reviewer)
    client.cookies["django_language"] = "en"
    todo = client.get("/workbench/").content.decode()
    assert case.number in todo and "First review" in todo and "初审" not in todo
    page = client.get(f"/workbench/cases/{case.number}/").content.decode()
    assert "First review" in page and "初审" not in page
    client.cookies["django_language"] = "zh-hans"
    assert "初审" in client.get(f"/workbench/cases/{case.number}/").content.decode()
