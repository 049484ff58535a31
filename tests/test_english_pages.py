"""Pages rendered in English (language cookie): sentences with dates and names inside are whole translations, and
no Chinese punctuation or ambiguous short label leaks around values that are not translated."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.template import Context, Template
from django.test import Client, override_settings
from django.utils import translation

from zhengwu.accounts import demo as accounts_demo
from zhengwu.accounts.models import Account, ApplicationFile
from zhengwu.calendar import services as calendar
from zhengwu.cases.models import CorrectionNotice
from zhengwu.catalog.models import Matter
from zhengwu.disclosure import demo as disclosure_demo
from zhengwu.disclosure.models import AnnualReport
from zhengwu.org import seeding
from zhengwu.portal import demo as portal_demo

pytestmark = pytest.mark.django_db

# Chinese punctuation that must not appear in English page chrome (data such as matter names may still hold it).
CHINESE_PUNCTUATION = re.compile(r"[（）：、，；]")


@pytest.fixture(autouse=True)
def _own_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "en"}}


@pytest.fixture
def demo_site(db):
    with override_settings(ZHENGWU_RENDER_NOTICES=False):
        seeding.seed_demo(cases=0, seed=1)
        portal_demo.seed(stdout=StringIO())
        accounts_demo.seed(stdout=StringIO())
        disclosure_demo.seed(stdout=StringIO())
    yield
    calendar.invalidate()


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def _text(html: str, tag: str, **attrs) -> str:
    """The text of the first `tag` (with the given attributes), tags stripped and whitespace collapsed."""
    attr = "".join(rf'[^>]*{name}="{re.escape(value)}"' for name, value in attrs.items())
    match = re.search(rf"<{tag}{attr}[^>]*>(.*?)</{tag}>", html, re.S)
    assert match, f"no <{tag} {attrs}>"
    return " ".join(re.sub(r"<[^>]+>", "", match.group(1)).split())


def test_punctuation_filters_follow_the_active_language():
    template = Template("{% load portal_tags %}[{{ value|parens }}][{{ items|series }}][{{ html|parens }}]")
    context = Context({"value": "2026-11-26", "items": ["初审", "审核"], "html": "<b>"})
    with translation.override("en"):
        assert template.render(context) == "[ (2026-11-26)][初审, 审核][ (&lt;b&gt;)]"
    with translation.override("zh-hans"):
        assert template.render(context) == "[（2026-11-26）][初审、审核][（&lt;b&gt;）]"


def test_correction_notice_heading_is_one_english_sentence_with_its_dates(demo_site, english):
    phones = {"person": accounts_demo.CITIZEN_PHONE, "enterprise": accounts_demo.ENTERPRISE_PHONE}
    account, notice = next(
        (account, notice)
        for account in Account.objects.select_related("party")
        for notice in CorrectionNotice.objects.filter(case__applicant=account.party).select_related("case")
    )
    number = notice.case.number
    response = english.post("/my/login/", {"phone": phones[account.kind], "password": accounts_demo.DEMO_PASSWORD})
    assert response.status_code == 302
    issued = notice.issued_on.isoformat()

    html = english.get(f"/my/cases/{number}/").content.decode()
    assert _text(html, "h2", id=f"h-notice-{notice.pk}") == f"Correction notice ({issued})"

    CorrectionNotice.objects.filter(pk=notice.pk).update(resubmitted_on=notice.issued_on)
    html = english.get(f"/my/cases/{number}/").content.decode()
    heading = _text(html, "h2", id=f"h-notice-{notice.pk}")
    assert heading == f"Correction notice ({issued}) — materials resubmitted on {issued}"
    assert not CHINESE_PUNCTUATION.search(heading)
    assert "（" not in _text(html, "section", **{"aria-labelledby": "h-docs"})
    if ApplicationFile.objects.filter(application__case=notice.case).exists():
        files = _text(html, "section", **{"aria-labelledby": "h-files"})
        assert "Submitted with the application (" in files and "）" not in files


def test_guide_page_in_english_has_distinct_place_labels_and_no_chinese_punctuation(demo_site, english):
    matter = Matter.objects.order_by("code").first()
    html = english.get(f"/matters/{matter.code}/").content.decode()
    assert _text(html, "h2", id="where-title") == "Where to apply"
    assert html.count("Place of handling") <= 1
    summary = _text(html, "section", **{"aria-labelledby": "summary-title"})
    assert re.search(r"Version \d+, published ", summary)
    assert "，" not in summary and "、" not in re.sub(r"<dd>.*?</dd>", "", summary)
    tags = re.search(r'<p class="tags">(.*?)</p>', html, re.S)
    if tags:
        assert "、" not in re.sub(r"<a [^>]*>.*?</a>", "", tags.group(1))


def test_annual_report_title_is_one_english_sentence_with_year_and_department(demo_site, english):
    report = AnnualReport.objects.filter(published_on__isnull=False).select_related("department").first()
    who = report.department.name if report.department else "People's Government at this level"
    title = f"{who}: Annual Report on Government Information Disclosure for {report.year}"

    html = english.get(f"/disclosure/reports/{report.pk}/").content.decode()
    assert _text(html, "h1") == title
    assert _text(html, "title").startswith(title)
    assert "年政府信息公开工作年度报告" not in html

    home = english.get("/disclosure/").content.decode()
    assert f"{who}: annual report {report.year}" in home
    assert "年度报告" not in home

    html = Client().get(f"/disclosure/reports/{report.pk}/").content.decode()
    assert f"{report.year}年政府信息公开工作年度报告" in _text(html, "h1")


def test_ambiguous_short_labels_carry_their_context():
    with translation.override("en"):
        assert str(Account._meta.get_field("is_active").verbose_name) == "Active"
        assert str(ApplicationFile._meta.get_field("kind").verbose_name) == "File format"
        assert translation.gettext("有效") == "Valid"  # a policy document in force
        assert translation.gettext("文件类型") == "Document type"  # a disclosed document's type
