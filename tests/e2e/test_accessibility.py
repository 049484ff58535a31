"""axe-core (vendored from npm, see tests/e2e/vendor/) finds no serious or critical WCAG 2.1 AA violation on the
home page, a guide, the application form and the progress page (before and after a lookup)."""

from __future__ import annotations

import re

import pytest

from zhengwu.cases import services as acts
from zhengwu.cases.models import Channel
from zhengwu.parties.tests.factories import PersonFactory

from . import data
from .portal import HOME, PROGRESS, apply_url, click_and_wait, guide_url, open_page, register, submit_button

pytestmark = pytest.mark.e2e


def test_home_page(axe_page, world, assert_accessible):
    open_page(axe_page, HOME)
    assert_accessible(axe_page, "home")


def test_guide_page(axe_page, world, assert_accessible):
    open_page(axe_page, guide_url(data.FOOD_CODE))
    assert_accessible(axe_page, "guide")


def test_application_form(axe_page, world, assert_accessible):
    person = data.citizen(11, name="徐静")
    register(axe_page, person)
    open_page(axe_page, apply_url(data.FOOD_CODE))
    assert_accessible(axe_page, "apply")
    # With its error messages shown (submitting without the required files).
    click_and_wait(axe_page, submit_button(axe_page, re.compile("^提交申请")))
    assert_accessible(axe_page, "apply-errors")


def test_progress_page(axe_page, world, assert_accessible):
    open_page(axe_page, PROGRESS)
    assert_accessible(axe_page, "progress")
    applicant = PersonFactory(phone="13957700001")
    case = acts.submit_application(actor=None, matter_version=world.food, applicant=applicant, channel=Channel.ONLINE)
    axe_page.get_by_label(re.compile("办件编号|受理编号|申请编号")).fill(case.number)
    axe_page.get_by_label(re.compile("后四位|后4位")).fill("0001")
    click_and_wait(axe_page, submit_button(axe_page, re.compile("查询")))
    assert_accessible(axe_page, "progress-result")


def test_elder_mode_home_page(axe_page, world, assert_accessible):
    """The "长者/无障碍" mode (larger text) keeps the page accessible."""
    open_page(axe_page, HOME)
    click_and_wait(axe_page, axe_page.get_by_role("button", name=re.compile("长者|无障碍")).first)
    assert axe_page.locator("html.mode-elder").count() == 1
    assert_accessible(axe_page, "home-elder")
