"""An application made with the keyboard only (Tab, Shift+Tab, Enter, Space): no mouse, no clicks."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from zhengwu.accounts.models import Application, ApplicationState
from zhengwu.cases.models import Case

from . import data
from .files import pdf_bytes, write
from .portal import LOGIN, MY_SPACE, guide_url, open_page, register

pytestmark = pytest.mark.e2e

MAX_TABS = 80


def is_focused(locator) -> bool:
    return locator.count() == 1 and locator.evaluate("el => el === document.activeElement")


def tab_to(page, locator, *, what: str) -> None:
    """Press Tab until `locator` has the focus; every stop on the way must show where the focus is."""
    for _press in range(MAX_TABS):
        page.keyboard.press("Tab")
        if is_focused(locator):
            assert_focus_visible(page, what)
            return
    pytest.fail(f"{what} is not reachable with Tab within {MAX_TABS} presses ({page.url})")


def assert_focus_visible(page, what: str) -> None:
    """WCAG 2.4.7: the focused control has a visible focus indicator (outline or shadow)."""
    style = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
                   return {outline: s.outlineStyle, width: s.outlineWidth, shadow: s.boxShadow}; }"""
    )
    visible = (style["outline"] != "none" and style["width"] not in ("0px", "")) or style["shadow"] != "none"
    assert visible, f"no visible focus indicator on {what}: {style}"


def key_and_wait(page, key: str) -> None:
    """Press `key` where the focus is and wait for the page it submits or follows to load."""
    with page.expect_navigation():
        page.keyboard.press(key)


def type_into(page, locator, text: str, *, what: str) -> None:
    tab_to(page, locator, what=what)
    page.keyboard.type(text)


def test_a_citizen_applies_with_the_keyboard_only(page, world, tmp_path, screenshot):
    person = data.citizen(7, name="李建国")
    register(page, person)

    # Log in with the keyboard.
    open_page(page, LOGIN)
    type_into(page, page.get_by_label(re.compile("^手机号码")), person.phone, what="the phone field")
    type_into(page, page.get_by_label(re.compile("^密码")), person.password, what="the password field")
    key_and_wait(page, "Enter")
    assert page.url.endswith(MY_SPACE)

    # The skip link comes first and takes the focus to the main content.
    open_page(page, guide_url(data.FOOD_CODE))
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name=re.compile("跳到主要内容"))
    assert is_focused(skip), "the first Tab stop is the skip link"
    assert_focus_visible(page, "the skip link")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main", "the skip link moves the focus to the content"

    # From the guide to the form: Tab to the online-application link, Enter.
    tab_to(
        page,
        page.get_by_role("main").get_by_role("link", name="在线办理"),
        what="the online application link",
    )
    key_and_wait(page, "Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("食品经营许可")

    # Each required material: Tab to its file input, Space opens the file chooser. (A standing listener turns
    # Playwright's chooser interception on now: turned on only by `expect_file_chooser`, it can lag the key press.)
    page.on("filechooser", lambda _chooser: None)
    page.wait_for_timeout(200)
    for index, material in enumerate(world.food.materials.filter(required=True).order_by("position")):
        file_input = page.get_by_label(re.compile(re.escape(material.name)))
        tab_to(page, file_input, what=f"the file input of {material.name}")
        with page.expect_file_chooser() as chooser:
            page.keyboard.press("Space")
        chooser.value.set_files(str(write(tmp_path, f"k{index}.pdf", pdf_bytes(f"keyboard {index}"))))
    screenshot(page, "form-filled")

    submit = page.get_by_role("button", name=re.compile("^提交申请"))
    tab_to(page, submit, what="the submit button")
    key_and_wait(page, "Enter")

    case = Case.objects.get()
    assert Application.objects.get(case=case).state == ApplicationState.SUBMITTED
    expect(page.get_by_role("main")).to_contain_text(case.number)
    screenshot(page, "submitted")
