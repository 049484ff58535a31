"""The portal on a 375-px phone screen (375×667, iPhone SE/8 size): nothing scrolls sideways."""

from __future__ import annotations

import pytest

from . import data
from .portal import (
    HOME,
    LOGIN,
    MY_SPACE,
    PROGRESS,
    REGISTER,
    SEARCH,
    apply_url,
    click_and_wait,
    guide_url,
    open_page,
    register,
)

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 375, "height": 667}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def assert_no_horizontal_scroll(page, screenshot, name: str) -> None:
    widths = page.evaluate(
        "() => ({doc: document.documentElement.scrollWidth, body: document.body.scrollWidth, view: innerWidth})"
    )
    screenshot(page, name)
    assert widths["doc"] <= 375, f"{page.url} scrolls sideways at 375 px: {widths}"
    assert widths["body"] <= 375, f"{page.url} body is wider than 375 px: {widths}"


def test_public_pages_fit_a_phone_screen(new_context, world, screenshot):
    page = new_context(**PHONE).new_page()
    for name, path in [
        ("home", HOME),
        ("search", f"{SEARCH}?q=食品经营"),
        ("guide", guide_url(data.FOOD_CODE)),
        ("progress", PROGRESS),
        ("register", REGISTER),
        ("login", LOGIN),
    ]:
        open_page(page, path)
        assert_no_horizontal_scroll(page, screenshot, name)


def test_the_personal_space_and_the_application_form_fit_a_phone_screen(new_context, world, screenshot):
    page = new_context(**PHONE).new_page()
    person = data.citizen(3, name="周丽娟")
    register(page, person)
    for name, path in [("my-space", MY_SPACE), ("apply", apply_url(data.FOOD_CODE))]:
        open_page(page, path)
        assert_no_horizontal_scroll(page, screenshot, name)


def test_the_elder_mode_still_fits_a_phone_screen(new_context, world, screenshot):
    """Larger text must wrap, not push the page sideways."""
    page = new_context(**PHONE).new_page()
    open_page(page, HOME)
    click_and_wait(page, page.get_by_role("button", name="长者/无障碍模式"))
    assert page.locator("html.mode-elder").count() == 1
    for name, path in [("home", HOME), ("guide", guide_url(data.FOOD_CODE)), ("progress", PROGRESS)]:
        open_page(page, path)
        assert_no_horizontal_scroll(page, screenshot, f"elder-{name}")
