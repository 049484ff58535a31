"""What a citizen does on the portal, step by step, by role and label (so the steps also prove accessibility).

The addresses and labels are the portal's and the accounts app's (read from their urls.py and templates); they
are kept here, once, for every test.
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from .data import Citizen

HOME = "/"
SEARCH = "/search/"
PROGRESS = "/progress/"
REGISTER = "/my/register/"
LOGIN = "/my/login/"
MY_SPACE = "/my/"


def guide_url(code: str) -> str:
    return f"/matters/{code}/"


def apply_url(code: str) -> str:
    return f"/my/apply/{code}/"


def open_page(page: Page, path: str, *, expect_status: int = 200):
    """Go to `path` and fail clearly when the page does not exist (yet)."""
    response = page.goto(path)
    assert response is not None, f"no response for {path}"
    assert response.status == expect_status, f"{path} answered HTTP {response.status} (expected {expect_status})"
    return response


def click_and_wait(page: Page, locator) -> None:
    """Click a link or a submit button and wait until the page it leads to has loaded."""
    with page.expect_navigation():
        locator.click()


def press_and_wait(page: Page, locator, key: str = "Enter") -> None:
    with page.expect_navigation():
        locator.press(key)


def submit_button(page: Page, name: str | re.Pattern):
    return page.get_by_role("button", name=name)


def register(page: Page, person: Citizen) -> None:
    """Register a citizen account (个人) with a valid 身份证号, a phone and a password: ends logged in at 我的办件."""
    open_page(page, REGISTER)
    page.get_by_role("radio", name="个人").check()
    page.get_by_label(re.compile("^姓名")).fill(person.name)
    page.get_by_label(re.compile("^身份证号")).fill(person.id_number)
    page.get_by_label(re.compile("^手机号码")).fill(person.phone)
    page.get_by_label(re.compile("^密码")).fill(person.password)
    page.get_by_label(re.compile("^确认密码")).fill(person.password)
    click_and_wait(page, submit_button(page, "注册"))
    page.wait_for_url(re.compile(re.escape(MY_SPACE) + "$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(person.name)


def login(page: Page, person: Citizen, *, password: str | None = None) -> None:
    open_page(page, LOGIN)
    page.get_by_label(re.compile("^手机号码")).fill(person.phone)
    page.get_by_label(re.compile("^密码")).fill(password or person.password)
    click_and_wait(page, submit_button(page, "登录"))


def logout(page: Page) -> None:
    click_and_wait(page, page.get_by_role("banner").get_by_role("button", name="退出"))
    page.wait_for_url(re.compile(re.escape(LOGIN)))


def upload_for(page: Page, material_name: str, path: Path) -> None:
    """Choose `path` in the file input labelled with the material's name."""
    page.get_by_label(re.compile(re.escape(material_name))).set_input_files(str(path))
