"""Every list of the personal space is paged under its own page parameter: none is cut, paging one leaves the
others where they are, and only the account's own records appear."""

from __future__ import annotations

import re

import pytest

from zhengwu.cases.tests.conftest import D
from zhengwu.complaints import services as complaint_services
from zhengwu.complaints.models import ComplaintChannel, ComplaintSubject
from zhengwu.consultation import services as consultation_services
from zhengwu.disclosure import handling
from zhengwu.disclosure.constants import ApplicantType, Channel
from zhengwu.evaluation import services as evaluation_services
from zhengwu.org.tests.factories import WindowFactory

pytestmark = pytest.mark.django_db

DAYS = ("2025-09-22", "2025-09-23", "2025-09-24")  # oldest first


@pytest.fixture(autouse=True)
def _two_per_page(monkeypatch):
    from zhengwu.accounts import views

    monkeypatch.setattr(views, "RECORDS_PER_PAGE", 2, raising=False)


@pytest.fixture
def window(dept):
    window = WindowFactory(number="08", name="市场监管窗口")
    window.departments.add(dept)
    return window


def _rating(account, on, *, window, n, **_):
    comment = f"评价{n}号"
    evaluation_services.rate_window_visit(
        window=window, rater=account.party, channel="web", grade=5, comment=comment, on=D(on)
    )
    return comment


def _complaint(account, on, *, window, n, **_):
    return complaint_services.lodge_complaint(
        subject=ComplaintSubject.WINDOW,
        window=window,
        complainant=account.party,
        channel=ComplaintChannel.WEB,
        content=f"投诉{n}号",
        on=D(on),
    ).number


def _consultation(account, on, *, matter, n, **_):
    return consultation_services.ask(
        account=account, matter=matter, subject=f"咨询{n}号", question="需要哪些材料？", on=D(on)
    ).number


def _disclosure_request(account, on, *, dept, staff, n, **_):
    return handling.file_request(
        department=dept,
        applicant=account.party,
        applicant_type=ApplicantType.NATURAL_PERSON,
        description=f"本县2025年第{n}批食品安全抽检结果",
        channel=Channel.IN_PERSON,
        actor=staff.clerk,
        submitted_on=D(on),
        on=D(on),
    ).number


LISTS = {
    "ratings_page": (_rating, "h-ratings"),
    "complaints_page": (_complaint, "h-complaints"),
    "consultations_page": (_consultation, "h-consultations"),
    "disclosure_page": (_disclosure_request, "h-disclosure"),
}


@pytest.fixture
def make(window, online_version, dept, staff):
    """`make(param, account, on)`: one entry of that list for the account; returns the text that identifies it."""
    count = iter(range(100, 1000))

    def _make(param, account, on):
        add = LISTS[param][0]
        return add(account, on, window=window, matter=online_version.matter, dept=dept, staff=staff, n=next(count))

    return _make


@pytest.mark.parametrize("param", list(LISTS))
def test_every_list_shows_all_its_entries_newest_first_over_pages(
    param, make, applicant_client, account, other_account
):
    oldest, middle, newest = (make(param, account, on) for on in DAYS)
    someone_elses = make(param, other_account, DAYS[2])
    first = applicant_client.get("/my/").content.decode()
    assert newest in first and middle in first and oldest not in first
    assert first.index(newest) < first.index(middle)
    assert f'href="?{param}=2#{LISTS[param][1]}"' in first
    second = applicant_client.get(f"/my/?{param}=2").content.decode()
    assert oldest in second and newest not in second and middle not in second
    assert f'href="?{param}=1#{LISTS[param][1]}"' in second
    assert someone_elses not in first and someone_elses not in second


def test_paging_one_list_leaves_the_others_on_their_page(make, applicant_client, account):
    ratings = [make("ratings_page", account, on) for on in DAYS]
    complaints = [make("complaints_page", account, on) for on in DAYS]
    html = applicant_client.get("/my/?complaints_page=2").content.decode()
    assert complaints[0] in html and complaints[2] not in html  # the complaints on page 2 …
    assert ratings[2] in html and ratings[0] not in html  # … the ratings still on page 1
    # Paging the ratings keeps the complaints on page 2, and back.
    assert 'href="?complaints_page=2&amp;ratings_page=2#h-ratings"' in html
    both = applicant_client.get("/my/?complaints_page=2&ratings_page=2").content.decode()
    assert complaints[0] in both and ratings[0] in both and ratings[2] not in both
    assert 'href="?complaints_page=2&amp;ratings_page=1#h-ratings"' in both
    assert 'href="?ratings_page=2&amp;complaints_page=1#h-complaints"' in both


@pytest.mark.parametrize(("asked", "shows_oldest"), [("abc", False), ("0", True), ("99", True), ("-1", True)])
def test_a_bad_page_number_gives_the_first_or_last_page_not_an_error(
    asked, shows_oldest, make, applicant_client, account
):
    oldest, _, newest = (make("complaints_page", account, on) for on in DAYS)
    response = applicant_client.get("/my/", {"complaints_page": asked})
    assert response.status_code == 200
    html = response.content.decode()
    assert (oldest in html, newest in html) == (shows_oldest, not shows_oldest)


def test_each_pager_is_named_after_its_list(make, applicant_client, account):
    for param in LISTS:
        for on in DAYS:
            make(param, account, on)
    html = applicant_client.get("/my/").content.decode()
    labels = re.findall(r'<nav class="pager" aria-label="([^"]+)"', html)
    assert labels == ["我的评价分页", "我的咨询分页", "我的政府信息公开申请分页", "我的投诉分页"]
