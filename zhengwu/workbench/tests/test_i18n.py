"""English through the language switch: the login page, an API error, and a complete English catalogue."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone, translation

from zhengwu.calendar import services as calendar_services

pytestmark = pytest.mark.django_db

PO_PATH = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}|</?[a-zA-Z][^>]*>")


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(text: str) -> str:
    """A quoted .po string without its quotes, with its escapes resolved."""
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), text.strip()[1:-1])


def _po_entries(path: Path) -> list[dict]:
    """A small .po reader: one dict per entry with msgctxt (if any), msgid, msgid_plural, msgstr (or msgstr[n]) and
    flags."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry: dict = {"flags": set()}
        key = None
        for line in block.splitlines():
            line = line.strip()
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#~"):
                key = None  # obsolete entry
            elif line.startswith("#") or not line:
                continue
            elif line.startswith('"'):
                if key:
                    entry[key] += _unquote(line)
            else:
                key, _, value = line.partition(" ")
                entry[key] = _unquote(value)
        if "msgid" in entry:
            entries.append(entry)
    return entries


def _translations(entry: dict) -> list[str]:
    return [value for key, value in entry.items() if key == "msgstr" or key.startswith("msgstr[")]


def test_locale_paths_point_at_the_catalogue():
    assert Path(settings.BASE_DIR) / "locale" in [Path(p) for p in settings.LOCALE_PATHS]
    assert "en" in dict(settings.LANGUAGES)
    assert PO_PATH.exists() and MO_PATH.exists()


def test_every_msgid_is_translated_in_the_po_file():
    entries = _po_entries(PO_PATH)
    header, messages = entries[0], entries[1:]
    assert header["msgid"] == "" and "fuzzy" not in header["flags"]
    assert len(messages) > 300
    problems = []
    for entry in messages:
        translations = _translations(entry)
        if entry.get("msgid_plural") is not None:
            assert {"msgstr[0]", "msgstr[1]"} <= set(entry), entry["msgid"]
        if not translations or not all(t.strip() for t in translations):
            problems.append(f"untranslated: {entry['msgid']}")
        if "fuzzy" in entry["flags"]:
            problems.append(f"fuzzy: {entry['msgid']}")
        for t in translations:
            if sorted(PLACEHOLDER.findall(entry["msgid"])) != sorted(PLACEHOLDER.findall(t)):
                problems.append(f"placeholders differ: {entry['msgid']} → {t}")
            if re.search(r"[\u4e00-\u9fff]", t):
                problems.append(f"Chinese left in translation: {entry['msgid']} → {t}")
    assert not problems, "\n".join(problems)


def test_compiled_catalogue_matches_the_po_file():
    """The .mo was compiled from the current .po: every msgid comes back in English."""
    with MO_PATH.open("rb") as fh:
        mo = gettext.GNUTranslations(fh)
    for entry in _po_entries(PO_PATH)[1:]:
        if entry.get("msgid_plural") is not None:
            assert mo.ngettext(entry["msgid"], entry["msgid_plural"], 1) == entry["msgstr[0]"]
            assert mo.ngettext(entry["msgid"], entry["msgid_plural"], 2) == entry["msgstr[1]"]
        elif "msgctxt" in entry:  # the same Chinese word in another sense (pgettext / translate … context …)
            assert mo.pgettext(entry["msgctxt"], entry["msgid"]) == entry["msgstr"], entry["msgid"]
        else:
            assert mo.gettext(entry["msgid"]) == entry["msgstr"], entry["msgid"]


# Looked up through variables, so that makemessages does not take this test file for a source of msgids.
SAMPLE = {"工作人员登录": "Staff login", "办件": "Case", "补正告知": "Correction notice", "联办件": "Joint matter"}
PLURAL = ("共 %(n)s 件", "%(n)s case", "%(n)s cases")


def test_django_translates_a_sample_into_english():
    with translation.override("en"):
        for msgid, english in SAMPLE.items():
            assert translation.gettext(msgid) == english
        singular, one, many = PLURAL
        assert translation.ngettext(singular, singular, 1) == one
        assert translation.ngettext(singular, singular, 2) == many
    with translation.override("zh-hans"):
        for msgid in SAMPLE:
            assert translation.gettext(msgid) == msgid


def test_login_page_in_english_from_accept_language(client):
    html = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Staff login" in html
    assert "工作人员登录" not in html
    assert 'lang="en"' in html or "Username" in html


def test_login_page_in_chinese_from_accept_language(client):
    html = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "工作人员登录" in html
    assert "Staff login" not in html


def test_language_switch_sets_english_then_back_to_chinese(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    html = client.get("/accounts/login/").content.decode()
    assert "Staff login" in html and "Password" in html

    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/accounts/login/"})
    html = client.get("/accounts/login/").content.decode()
    assert "工作人员登录" in html and "Staff login" not in html


@pytest.mark.django_db
def test_the_workbench_offers_the_language_switch_on_every_page(client):
    """Staff should not have to go to the portal to read the workbench in English."""
    html = client.get("/accounts/login/").content.decode()
    assert 'action="/i18n/setlang/"' in html and 'value="en"' in html
    client.cookies["django_language"] = "en"
    html = client.get("/accounts/login/").content.decode()
    assert 'value="zh-hans"' in html and "简体中文" in html


def _unknown_year() -> int:
    """A year neither the chinese-calendar package nor the test set-up (next year is declared known) covers."""
    return max(calendar_services._PACKAGE_LAST, timezone.localdate().year + 1) + 5


@pytest.mark.skipif(
    "django.middleware.locale.LocaleMiddleware" not in settings.MIDDLEWARE, reason="no LocaleMiddleware"
)
def test_api_error_for_unknown_calendar_year_follows_accept_language(client):
    year = _unknown_year()
    url = f"/api/v1/calendar/add-working-days?start={year}-01-04&days=1"

    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    message = response.json()["message"]
    assert message.startswith("The working-day calendar does not yet include")
    assert str(year) in message

    response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    assert response.json()["message"].startswith(f"工作日历尚未收录{year}年")
