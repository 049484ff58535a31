"""The public disclosure pages in English (language cookie): the statutory rows and headings of the annual report,
the outcome sub-reasons and the request form's delivery choices are translated when rendering, while the tables
frozen in a published report keep the language-neutral Chinese source texts (so a report published in one language
reads in any other, and the Chinese rendering is unchanged)."""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from zhengwu.disclosure import handling, reporting, selectors
from zhengwu.disclosure.constants import OUTCOME_REASONS, Delivery, Outcome, reason_display, reason_label
from zhengwu.disclosure.models import AnnualReport
from zhengwu.parties.tests.factories import OrganisationFactory

from .conftest import D

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")

ENGLISH_ROWS = [
    "I. Requests for government information received this year",
    "II. Requests carried over from last year",
    "III. Outcomes this year",
    "(1) Disclosed",
    "(3) Not disclosed",
    "4. Protection of the lawful rights and interests of third parties",
    "1. The information is not held by this agency",
    "(7) Total",
    "IV. Carried over to next year",
]
ENGLISH_HEADS = [
    "Natural person",
    "Commercial enterprise",
    "Research institution",
    "Legal service provider",
    "Administrative review",
    "Administrative litigation (after review)",
]
CHINESE_ROWS = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "（一）予以公开",
    "（三）不予公开",
    "4.保护第三方合法权益",
    "1.本机关不掌握相关政府信息",
    "（七）总计",
    "四、结转下年度继续办理",
]
CHINESE_HEADS = ["自然人", "商业企业", "科研机构", "法律服务机构", "行政复议", "行政诉讼（复议后起诉）"]


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def published_report(dept, staff, file_request):
    """A 2025 report of the department, published (tables frozen) while the publisher reads the site in English."""
    clerk = staff.clerk
    disclosed = file_request("2025-03-03")
    handling.answer(disclosed, actor=clerk, outcome="disclosed", text="予以公开", on=D("2025-03-20"))
    company = OrganisationFactory(name="恒达商贸有限公司")
    withheld = file_request("2025-04-01", applicant=company, applicant_type="commercial")
    handling.answer(
        withheld,
        actor=clerk,
        outcome="withheld",
        reason="third_party",
        legal_basis="条例第十五条",
        text="涉及商业秘密",
        on=D("2025-04-20"),
    )
    report = reporting.open_report(actor=clerk, department=dept, year=2025)
    reporting.save_report(report.pk, actor=clerk, overview="本年度工作情况。", problems="", other_matters="", manual={})
    with translation.override("en"):
        return reporting.publish_report(report.pk, actor=staff.approver, on=D("2026-01-20"))


def _report_tables(html: str) -> str:
    """The text of every statutory table of the report page (labels and numbers only, no data)."""
    tables = re.findall(r'<table class="report">(.*?)</table>', html, re.S)
    assert len(tables) == 5
    return " ".join(" ".join(re.sub(r"<[^>]+>", " ", table).split()) for table in tables)


def test_frozen_tables_hold_the_chinese_source_texts_whatever_the_language(published_report):
    tables = AnnualReport.objects.get(pk=published_report.pk).tables
    rows = {row["key"]: row for row in tables["table3"]}
    assert rows["new"]["label"] == "一、本年新收政府信息公开申请数量"
    assert rows["withheld.third_party"]["label"] == "4.保护第三方合法权益"
    assert rows["withheld.third_party"]["group"] == "（三）不予公开"
    assert rows["withheld.third_party"]["values"] == [0, 1, 0, 0, 0, 0, 1]
    assert tables["columns"] == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    assert [group["label"] for group in tables["table4"]] == [
        "行政复议",
        "行政诉讼（未经复议直接起诉）",
        "行政诉讼（复议后起诉）",
    ]


def test_report_page_reads_in_english(english, published_report):
    response = english.get(f"/disclosure/reports/{published_report.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    text = _report_tables(html)
    for label in ENGLISH_ROWS + ENGLISH_HEADS:
        assert label in text, label
    for label in CHINESE_ROWS + CHINESE_HEADS:
        assert label not in html, label
    assert not CJK.findall(text), CJK.findall(text)
    row = re.search(r"4\. Protection of the lawful rights and interests of third parties</th>(.*?)</tr>", html, re.S)
    assert re.findall(r"<td>(\d+)</td>", row.group(1)) == ["0", "1", "0", "0", "0", "0", "1"]


def test_report_page_reads_in_chinese_by_default(client, published_report):
    html = client.get(f"/disclosure/reports/{published_report.pk}/").content.decode()
    text = _report_tables(html)
    for label in CHINESE_ROWS + CHINESE_HEADS:
        assert label in text, label
    for label in ENGLISH_ROWS + ENGLISH_HEADS:
        assert label not in html, label


def test_workbench_report_page_uses_the_english_labels(client, staff, dept, file_request):
    request = file_request("2025-03-03")
    handling.answer(request, actor=staff.clerk, outcome="disclosed", text="公开", on=D("2025-03-10"))
    client.force_login(staff.clerk)
    client.cookies["django_language"] = "en"
    response = client.post("/workbench/disclosure/reports/", {"year": "2025"})
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "I. Requests for government information received this year" in html
    assert "Commercial enterprise" in html and "一、本年新收政府信息公开申请数量" not in html


def test_every_table_label_has_an_english_translation(dept):
    tables = reporting.compute(dept.pk, 2025)
    labels = [row["label"] for row in tables["table3"]] + [row["group"] for row in tables["table3"] if row["group"]]
    labels += tables["columns"] + [group["label"] for group in tables["table4"]]
    with translation.override("en"):
        for label in labels:
            english = translation.gettext(label)
            assert english != label and not CJK.search(english), label


def test_reason_rows_are_numbered_as_in_the_national_template():
    """Also the texts frozen by earlier versions (which numbered the labels on the fly): they still translate."""
    for outcome in Outcome:
        for number, (code, label, _basis) in enumerate(OUTCOME_REASONS[outcome], start=1):
            if code:
                assert reporting.REASON_TITLES[(outcome, code)] == f"{number}.{label}"
    assert len(reporting.REASON_TITLES) == sum(1 for reasons in OUTCOME_REASONS.values() for c, _l, _b in reasons if c)


def test_reason_labels_stay_chinese_in_data_and_translate_on_pages(file_request, staff, person):
    request = file_request("2025-06-02")
    handling.request_correction(request, actor=staff.clerk, items="请说明所需信息", period_days=5, on=D("2025-06-03"))
    with translation.override("en"):  # a member of staff reading the workbench in English
        handling.close_uncorrected(request, actor=staff.clerk, on=D("2025-06-16"))
    request.refresh_from_db()
    source = "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    english = "The applicant did not correct the request in time without good reason; the agency no longer processes it"
    assert request.answer_text == source  # the default answer text is data of an official letter: Chinese
    with translation.override("en"):
        assert reason_label("other", "no_correction") == source
        assert reason_display("other", "no_correction") == english
        html = render_to_string(
            "disclosure/_my_requests.html", {"disclosure_requests": selectors.requests_of_party(person)}
        )
    assert f"({english})" in html and source not in html
    with translation.override("zh-hans"):
        html = render_to_string(
            "disclosure/_my_requests.html", {"disclosure_requests": selectors.requests_of_party(person)}
        )
    assert f"（{source}）" in html


def test_request_form_delivery_choices_in_english(english, client, dept):
    html = english.get("/disclosure/request/").content.decode()
    select = re.search(r'<select name="delivery"[^>]*>(.*?)</select>', html, re.S).group(1)
    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)
    with translation.override("en"):
        # 当场查阅、抄录 is new: rendered through gettext, its English comes with the next catalogue update.
        inspection = str(Delivery.INSPECTION.label)
    assert options == [
        ("post", "By post"),
        ("email", "By email"),
        ("pick_up", "Collect in person"),
        ("fax", "Fax"),
        ("inspection", inspection),
    ]
    assert "How to receive the information" in html and "获取信息的方式" not in html

    client.cookies["django_language"] = "zh-hans"
    html = client.get("/disclosure/request/").content.decode()
    select = re.search(r'<select name="delivery"[^>]*>(.*?)</select>', html, re.S).group(1)
    assert re.findall(r"<option[^>]*>([^<]*)</option>", select) == [
        "邮寄",
        "电子邮件",
        "当面领取",
        "传真",
        "当场查阅、抄录",
    ]
