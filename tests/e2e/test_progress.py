"""Progress lookup without login (办件进度查询): case number + last 4 digits of the applicant's phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from zhengwu.cases import services as acts
from zhengwu.cases.models import Channel
from zhengwu.parties.tests.factories import PersonFactory

from .portal import PROGRESS, open_page, submit_button

pytestmark = pytest.mark.e2e

PHONE = "13957712345"


@pytest.fixture
def accepted_case(world):
    applicant = PersonFactory(name="陈秀英", phone=PHONE)
    case = acts.submit_application(actor=None, matter_version=world.food, applicant=applicant, channel=Channel.ONLINE)
    return acts.accept(case, actor=world.staff.clerk)


def look_up(page, number: str, last4: str) -> int:
    """Look the case up on the public progress page; returns the HTTP status of the answer."""
    open_page(page, PROGRESS)
    page.get_by_label(re.compile("^办件编号")).fill(number)
    page.get_by_label(re.compile("手机号码后四位")).fill(last4)
    with page.expect_navigation() as answer:
        submit_button(page, re.compile("查询")).click()
    return answer.value.status


def test_the_right_pair_shows_state_dates_step_and_due_dates_but_no_staff(page, world, accepted_case, screenshot):
    assert look_up(page, accepted_case.number, PHONE[-4:]) == 200
    main = page.get_by_role("main")
    expect(main).to_contain_text(accepted_case.number)
    expect(main).to_contain_text("食品经营许可（新办）")
    expect(main).to_contain_text(accepted_case.get_state_display())
    step = accepted_case.steps.get(state="open")
    expect(main).to_contain_text(step.name)  # the current step, by name
    for day in (accepted_case.accepted_on, accepted_case.promised_due, accepted_case.legal_due):
        expect(main).to_contain_text(re.compile(f"{day:%Y-%m-%d}|{day.year}年{day.month}月{day.day}日"))
    screenshot(page)
    html = page.content()
    for person in vars(world.staff).values():
        assert person.full_name not in html and person.username not in html, "staff names are not shown"
    assert PHONE not in html and accepted_case.applicant.name not in html, "no personal data of the applicant"


def test_a_wrong_pair_reveals_nothing(page, world, accepted_case, screenshot):
    wrong_status = look_up(page, accepted_case.number, "0000")
    expect(page.get_by_role("alert")).to_contain_text("未查到")
    screenshot(page)
    wrong_digits = page.get_by_role("main").inner_text()
    unknown_status = look_up(page, "YJ-SCJG-20260101-99999", PHONE[-4:])
    unknown_number = page.get_by_role("main").inner_text()
    assert wrong_status == unknown_status
    for text in (wrong_digits, unknown_number):
        assert "食品经营许可" not in text and accepted_case.get_state_display() not in text
    # A wrong phone and an unknown number get the same answer (no oracle for valid case numbers).
    assert wrong_digits.replace(accepted_case.number, "#") == unknown_number.replace("YJ-SCJG-20260101-99999", "#")


def test_repeated_wrong_pairs_are_rate_limited(page, world, accepted_case, screenshot):
    statuses = [look_up(page, accepted_case.number, f"{digits:04d}") for digits in range(10)]
    assert 429 in statuses, f"10 wrong lookups in a row were never refused: {statuses}"
    first_refusal = statuses.index(429)
    assert all(status == 429 for status in statuses[first_refusal:])
    screenshot(page)
    # Once limited, even the right pair is refused for a while (the limit is no oracle either).
    assert look_up(page, accepted_case.number, PHONE[-4:]) == 429
    assert "食品经营许可（新办）" not in page.get_by_role("main").inner_text()
