"""Upload abuse, end to end through the live server: wrong type, oversize, path tricks in file names, another
user's file URL → refused, and nothing stored (no file record, no file on disk, no case)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import expect

from zhengwu.accounts.models import Application, ApplicationFile
from zhengwu.cases.models import Case
from zhengwu.org.tests.factories import DepartmentFactory, clerk

from . import data
from .files import pdf_bytes
from .portal import apply_url, click_and_wait, open_page, register, submit_button

pytestmark = pytest.mark.e2e

FIRST = "食品经营许可申请书"  # the first material of 食品经营许可（新办）


def stored_files() -> list[Path]:
    root = Path(django_settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def assert_nothing_stored() -> None:
    assert Application.objects.count() == 0
    assert ApplicationFile.objects.count() == 0
    assert Case.objects.count() == 0
    assert stored_files() == [], f"files were written: {stored_files()}"


@pytest.fixture
def applicant_page(page, world):
    person = data.citizen(21, name="郑海涛")
    register(page, person)
    open_page(page, apply_url(data.FOOD_CODE))
    return page


def choose(page, material: str, name: str, content: bytes, mime: str) -> None:
    page.get_by_label(re.compile(re.escape(material))).set_input_files(
        {"name": name, "mimeType": mime, "buffer": content}
    )


def save_draft(page) -> None:
    click_and_wait(page, submit_button(page, re.compile("保存草稿")))


def field_error(page, material: str):
    """The error message tied to the material's input (aria-describedby)."""
    field = page.get_by_label(re.compile(re.escape(material)))
    expect(field).to_have_attribute("aria-invalid", "true")
    return field


@pytest.mark.parametrize(
    ("name", "content", "mime", "message"),
    [
        ("virus.exe", b"MZ\x90\x00" + b"\x00" * 200, "application/octet-stream", "只接受"),
        ("page.html", b"<html><script>alert(1)</script></html>", "text/html", "只接受"),
        ("fake.pdf", b"<html><script>alert(1)</script></html>", "application/pdf", "不符"),
        ("fake.png", pdf_bytes(), "image/png", "不符"),
        ("empty.pdf", b"", "application/pdf", "空"),
    ],
    ids=["executable", "html", "html-named-pdf", "pdf-named-png", "empty"],
)
def test_a_file_of_the_wrong_type_is_refused(applicant_page, name, content, mime, message, screenshot):
    page = applicant_page
    choose(page, FIRST, name, content, mime)
    save_draft(page)
    field_error(page, FIRST)
    expect(page.get_by_role("main")).to_contain_text(message)
    screenshot(page)
    assert_nothing_stored()


def test_an_oversized_file_is_refused(applicant_page, settings, screenshot):
    settings.ZHENGWU_UPLOAD_MAX_BYTES = 200_000
    page = applicant_page
    body = pdf_bytes()
    big = body + b"%" + b"x" * (settings.ZHENGWU_UPLOAD_MAX_BYTES - len(body)) + b"\n"
    assert len(big) > settings.ZHENGWU_UPLOAD_MAX_BYTES
    choose(page, FIRST, "big.pdf", big, "application/pdf")
    save_draft(page)
    field_error(page, FIRST)
    expect(page.get_by_role("main")).to_contain_text("过大")
    screenshot(page)
    assert_nothing_stored()


def post_form_raw(page, path: str, files: dict[str, dict], fields: dict[str, str] | None = None):
    """POST the form at `path` as the browser's session would, with file names the browser would not send."""
    open_page(page, path)
    token = page.locator("main form input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    multipart = {"csrfmiddlewaretoken": token, **(fields or {}), **files}
    return page.request.post(path, multipart=multipart, headers={"Referer": page.url}, max_redirects=0)


@pytest.mark.parametrize(
    "name",
    ["../../../zhengwu/settings.py", "..\\..\\evil.html", "/etc/passwd", "ok.pdf\x00.html", "...."],
    ids=["dotdot-py", "backslash-html", "absolute", "nul-byte", "dots"],
)
def test_path_tricks_in_file_names_are_refused(applicant_page, world, name):
    page = applicant_page
    field = page.get_by_label(re.compile(re.escape(FIRST))).get_attribute("name")
    response = post_form_raw(
        page,
        apply_url(data.FOOD_CODE),
        {field: {"name": name, "mimeType": "application/pdf", "buffer": pdf_bytes()}},
        {"action": "draft"},
    )
    assert response.status in (200, 400), f"{name!r}: HTTP {response.status}"
    assert_nothing_stored()


def test_a_path_in_a_pdf_name_never_escapes_the_upload_folder(applicant_page, world):
    """A real PDF sent as `../../x.pdf`: either refused, or kept under uploads/ with a random name only."""
    page = applicant_page
    field = page.get_by_label(re.compile(re.escape(FIRST))).get_attribute("name")
    post_form_raw(
        page,
        apply_url(data.FOOD_CODE),
        {field: {"name": "../../x.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}},
        {"action": "draft"},
    )
    root = Path(django_settings.MEDIA_ROOT).resolve()
    for path in stored_files():
        assert path.resolve().is_relative_to(root / "uploads"), path
        assert "x" != path.stem
    for record in ApplicationFile.objects.all():
        assert "/" not in record.original_name and ".." not in record.original_name
        assert record.file.name.startswith("uploads/")


def test_another_users_file_is_not_served(page, new_context, world, tmp_path, screenshot):
    owner = data.citizen(31, name="黄秀英")
    register(page, owner)
    open_page(page, apply_url(data.FOOD_CODE))
    for index, material in enumerate(world.food.materials.filter(required=True).order_by("position")):
        choose(page, material.name, f"owner-{index}.pdf", pdf_bytes(f"owner file {index}"), "application/pdf")
    click_and_wait(page, submit_button(page, "提交申请"))
    record = ApplicationFile.objects.get(original_name="owner-0.pdf")
    link = page.get_by_role("main").get_by_role("link", name="owner-0.pdf")
    expect(link).to_be_visible()
    file_url = link.get_attribute("href")
    own = page.request.get(file_url)
    assert own.status == 200 and own.body() == pdf_bytes("owner file 0")
    assert own.headers.get("x-content-type-options") == "nosniff"
    assert own.headers.get("content-disposition", "").startswith("attachment")
    screenshot(page)

    # Another applicant, with the owner's URL (and neighbouring ids): not found.
    other_page = new_context().new_page()
    register(other_page, data.citizen(32, name="吴志强"))
    for url in (file_url, file_url.replace(f"/{record.pk}/", f"/{record.pk + 1}/")):
        response = other_page.request.get(url)
        assert response.status == 404, f"{url}: HTTP {response.status} for another applicant"
        assert b"owner file" not in response.body()
    # The owner's case page is not found for the other applicant either.
    case_number = record.application.case.number
    assert other_page.request.get(f"/my/cases/{case_number}/").status == 404
    # Nobody logged in: sent to the login page.
    anonymous = new_context().new_page()
    response = anonymous.request.get(file_url, max_redirects=0)
    assert response.status == 302 and "/my/login/" in response.headers["location"]
    # The media folder is no web root. (Django's live test server adds a MEDIA_URL handler of its own, so ask the
    # site's URLs and middleware through the test client: they have no route to the stored file.)
    response = Client().get(f"/media/{record.file.name}")
    assert response.status_code == 404


def staff_login(page, username: str) -> None:
    open_page(page, "/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(data.STAFF_PASSWORD)
    click_and_wait(page, submit_button(page, "登录"))
    assert "/accounts/login/" not in page.url, f"{username} could not log in"


def test_uploaded_materials_are_served_to_the_handling_department_only(page, new_context, world):
    owner = data.citizen(33, name="徐建平")
    register(page, owner)
    open_page(page, apply_url(data.FOOD_CODE))
    for index, material in enumerate(world.food.materials.filter(required=True).order_by("position")):
        choose(page, material.name, f"m-{index}.pdf", pdf_bytes(f"material {index}"), "application/pdf")
    click_and_wait(page, submit_button(page, "提交申请"))
    record = ApplicationFile.objects.get(original_name="m-0.pdf")
    url = f"/my/staff/files/{record.pk}/"

    clerk_page = new_context().new_page()
    staff_login(clerk_page, world.staff.clerk.username)
    response = clerk_page.request.get(url)
    assert response.status == 200 and response.body() == pdf_bytes("material 0")

    other_dept = DepartmentFactory(code="YJ-JT", name="永嘉县交通运输局")
    outsider = clerk(other_dept, username="jt_clerk")
    outsider_page = new_context().new_page()
    staff_login(outsider_page, outsider.username)
    assert outsider_page.request.get(url).status == 404

    # The applicant is no member of staff: the staff route sends them to the staff login.
    response = page.request.get(url, max_redirects=0)
    assert response.status == 302 and response.headers["location"].startswith("/accounts/login/")
