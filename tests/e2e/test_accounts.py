"""Registration and login in the browser: invalid identity numbers and weak passwords are refused at their field;
repeated wrong passwords lock the account; logging out ends the session."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from zhengwu.accounts.models import Account

from . import data
from .portal import MY_SPACE, REGISTER, click_and_wait, login, logout, open_page, register, submit_button

pytestmark = pytest.mark.e2e


def fill_registration(page, person, *, id_number=None, password=None) -> None:
    open_page(page, REGISTER)
    page.get_by_role("radio", name="个人").check()
    page.get_by_label(re.compile("^姓名")).fill(person.name)
    page.get_by_label(re.compile("^身份证号")).fill(id_number or person.id_number)
    page.get_by_label(re.compile("^手机号码")).fill(person.phone)
    page.get_by_label(re.compile("^密码")).fill(password or person.password)
    page.get_by_label(re.compile("^确认密码")).fill(password or person.password)
    click_and_wait(page, submit_button(page, "注册"))


def test_an_invalid_id_number_is_refused_at_its_field(page, world, screenshot):
    person = data.citizen(51, name="林晓峰")
    wrong_check_digit = person.id_number[:17] + ("0" if person.id_number[17] != "0" else "1")
    fill_registration(page, person, id_number=wrong_check_digit)
    field = page.get_by_label(re.compile("^身份证号"))
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("alert")).to_be_visible()
    screenshot(page)
    assert Account.objects.count() == 0


def test_a_weak_password_is_refused(page, world):
    person = data.citizen(52, name="林晓峰")
    fill_registration(page, person, password="12345678")
    expect(page.get_by_label(re.compile("^密码"))).to_have_attribute("aria-invalid", "true")
    assert Account.objects.count() == 0


def test_repeated_wrong_passwords_lock_the_account(page, new_context, world, screenshot):
    person = data.citizen(53, name="叶子豪")
    register(page, person)
    logout(page)
    for _attempt in range(5):
        login(page, person, password="Wrong-password-1")
        assert page.url.endswith("/my/login/"), "a wrong password does not log in"
    # Locked now: even the right password is refused.
    login(page, person)
    expect(page.get_by_role("alert")).to_contain_text(re.compile("锁定"))
    screenshot(page)
    assert page.url.endswith("/my/login/")
    account = Account.objects.get()
    assert account.locked_until is not None


def test_logging_out_ends_the_session(page, world):
    person = data.citizen(54, name="金一鸣")
    register(page, person)
    logout(page)
    response = page.goto(MY_SPACE)
    assert response.ok
    assert "/my/login/" in page.url, "the personal space asks for a login again"
