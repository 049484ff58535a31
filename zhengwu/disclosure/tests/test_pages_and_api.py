"""Public pages, the Atom feed, the online request form, the API and the workbench pages."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.disclosure import handling, selectors
from zhengwu.disclosure.models import Item, Request, RequestState
from zhengwu.errors import InvalidInput
from zhengwu.parties.tests.factories import make_citizen_id

from .conftest import D


@pytest.fixture
def published(publish):
    return [
        publish(
            "关于印发食品安全抽检实施方案的通知",
            document_number="永市监〔2025〕8号",
            code="GFXWJ",
            document_type="normative",
        ),
        publish("2025年部门预算公开", code="CZYJS", body="本部门2025年收支预算总额。"),
    ]


def test_catalogue_page_lists_the_tree_with_counts(client, dept, published):
    page = client.get(f"/disclosure/dept/{dept.code}/").content.decode()
    assert "政策文件" in page and "规范性文件" in page and "（1）" in page


def test_filters_by_category_year_and_document_number(client, catalogue, published):
    by_category = client.get("/disclosure/items/", {"category": catalogue["ZCWJ"].pk}).content.decode()
    assert "食品安全抽检实施方案" in by_category and "部门预算" not in by_category
    by_number = client.get("/disclosure/items/", {"document_number": "〔2025〕8号"}).content.decode()
    assert "食品安全抽检实施方案" in by_number and "部门预算" not in by_number
    assert "部门预算" not in client.get("/disclosure/items/", {"year": 2024}).content.decode()
    assert "有效" in by_category  # policy validity flag


def test_atom_feed_per_category(client, catalogue, published):
    response = client.get(f"/disclosure/feeds/{catalogue['ZCWJ'].pk}/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "食品安全抽检实施方案" in body and "部门预算" not in body


def test_full_text_search_page(client, published):
    page = client.get("/disclosure/search/", {"q": "收支预算"}).content.decode()
    assert "2025年部门预算公开" in page and "<mark>" in page


def test_item_page_shows_responsibility_chain(client, published, staff):
    page = client.get(f"/disclosure/items/{published[0].pk}/").content.decode()
    for who in (staff.clerk, staff.reviewer, staff.approver):
        assert str(who) in page


def test_anonymous_online_request_waits_for_confirmation(client, dept):
    response = client.post(
        "/disclosure/request/",
        {
            "department": dept.pk,
            "kind": "person",
            "name": "李华",
            "id_number": make_citizen_id(),
            "phone": "13900001111",
            "description": "本县2025年农贸市场抽检结果",
            "delivery": "email",
            "email": "lihua@example.com",
        },
    )
    assert response.status_code == 302
    request = Request.objects.get()
    assert request.state == RequestState.AWAITING_RECEIPT and request.channel == "online"
    assert request.applicant.name == "李华" and request.applicant_type == "natural_person"
    assert list(selectors.requests_of_party(request.applicant)) == [request]


def test_online_request_with_bad_id_number_keeps_the_input(client, dept):
    response = client.post(
        "/disclosure/request/",
        {
            "department": dept.pk,
            "kind": "person",
            "name": "李华",
            "id_number": "123",
            "phone": "13900001111",
            "description": "某信息",
            "delivery": "post",
        },
    )
    assert response.status_code == 400
    assert not Request.objects.exists()
    assert "某信息" in response.content.decode()


def test_public_api_lists_and_searches(client, published):
    body = client.get("/api/v1/disclosure/items", {"q": "抽检"}).json()
    assert body["count"] == 1 and body["items"][0]["validity"] == "valid"
    detail = client.get(f"/api/v1/disclosure/items/{published[1].pk}").json()
    assert "收支预算" in detail["body"] and detail["reviewed_by"]


def test_api_errors_are_code_and_message_and_change_nothing(client, staff, file_request):
    request = file_request("2025-09-25")
    client.force_login(staff.clerk)
    url = f"/api/v1/disclosure/requests/{request.number}"
    response = client.post(f"{url}/answer", {"outcome": "approved", "text": "x"}, content_type="application/json")
    assert response.status_code == 400 and response.json()["code"] == "invalid_input"
    assert response.json()["field"] == "outcome"
    ok = client.post(
        f"{url}/extend",
        {"approved_by": staff.head.username, "days": 10, "reason": "量大", "on": "2025-10-09"},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["extension_days"] == 10
    twice = client.post(
        f"{url}/extend",
        {"approved_by": staff.head.username, "days": 5, "reason": "再延", "on": "2025-10-10"},
        content_type="application/json",
    )
    assert twice.status_code == 409 and twice.json()["code"] == "extension_once"
    request.refresh_from_db()
    assert request.extension_days == 10


def test_staff_registers_a_request_through_the_api(client, staff, dept):
    client.force_login(staff.clerk)
    payload = {
        "department": dept.code,
        "applicant": {"kind": "person", "name": "赵敏", "id_number": make_citizen_id(), "phone": "13900002222"},
        "applicant_type": "natural_person",
        "description": "2024年度行政处罚决定",
        "channel": "registered_post",
        "submitted_on": "2025-09-22",
        "signed_on": "2025-09-25",
    }
    response = client.post("/api/v1/disclosure/requests", payload, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["received_on"] == "2025-09-25" and response.json()["due_on"] == "2025-10-29"


def test_workbench_request_pages_and_answer(client, staff, file_request):
    request = file_request("2025-09-25")
    client.force_login(staff.clerk)
    assert request.number in client.get("/workbench/disclosure/requests/").content.decode()
    page = client.post(
        f"/workbench/disclosure/requests/{request.number}/",
        {"act": "answer", "outcome": "withheld", "reason": "state_secret", "text": "涉密"},
    )
    assert page.status_code == 400 and "法律依据" in page.content.decode()
    done = client.post(
        f"/workbench/disclosure/requests/{request.number}/",
        {"act": "answer", "outcome": "disclosed", "text": "现予公开"},
    )
    assert done.status_code == 302
    request.refresh_from_db()
    assert request.outcome == "disclosed"


def test_workbench_item_flow(client, staff, catalogue):
    client.force_login(staff.clerk)
    response = client.post(
        "/workbench/disclosure/items/new/",
        {
            "category": catalogue["JGZN"].pk,
            "title": "本局主要职责",
            "issuer": "县市场监管局",
            "document_type": "other",
            "mode": "proactive",
            "formed_on": "2025-10-09",
            "body": "负责市场综合监督管理。",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    item = Item.objects.get()
    client.post(f"/workbench/disclosure/items/{item.pk}/", {"act": "submit"})
    client.force_login(staff.reviewer)
    client.post(f"/workbench/disclosure/items/{item.pk}/", {"act": "secrecy", "result": "passed", "opinion": "不涉密"})
    client.force_login(staff.approver)
    client.post(f"/workbench/disclosure/items/{item.pk}/", {"act": "review", "approve": "1", "opinion": "同意"})
    item.refresh_from_db()
    assert item.state == "published" and item.index_number


def test_workbench_report_page_and_pdf(client, staff, dept, file_request):
    r = file_request("2025-03-03")
    handling.answer(r, actor=staff.clerk, outcome="disclosed", text="公开", on=D("2025-03-10"))
    client.force_login(staff.clerk)
    response = client.post("/workbench/disclosure/reports/", {"year": "2025"})
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200 and "本年新收" in page.content.decode()
    pdf = client.get(response["Location"] + "pdf/")
    assert pdf.content.startswith(b"%PDF")


def test_overdue_requests_for_the_supervision_board(file_request, dept):
    request = file_request("2025-09-25")
    assert list(selectors.overdue_requests([dept.pk], D("2025-10-29"))) == []
    assert list(selectors.overdue_requests([dept.pk], D("2025-10-30"))) == [request]
    assert list(selectors.overdue_requests(None, D("2025-10-30"))) == [request]


def test_workbench_pages_render(client, staff, published, file_request):
    request = file_request("2025-09-25")
    client.force_login(staff.approver)
    for url in (
        "/workbench/disclosure/items/",
        f"/workbench/disclosure/items/{published[0].pk}/",
        "/workbench/disclosure/catalogue/",
        "/workbench/disclosure/items/new/",
        "/workbench/disclosure/requests/new/",
        f"/workbench/disclosure/requests/{request.number}/",
        "/workbench/disclosure/reports/",
    ):
        assert client.get(url).status_code == 200, url
    saved = client.post("/workbench/disclosure/catalogue/", {"body": "本机关政府信息公开指南。"})
    assert saved.status_code == 302
    assert (
        "本机关政府信息公开指南"
        in client.get(f"/disclosure/dept/{published[0].department.code}/guide/").content.decode()
    )


def test_other_departments_requests_are_not_found_in_the_workbench(client, other_staff, file_request):
    request = file_request("2025-09-25")
    client.force_login(other_staff.clerk)
    assert client.get(f"/workbench/disclosure/requests/{request.number}/").status_code == 404


def test_logged_in_applicant_files_as_their_party(client, dept):
    from zhengwu.accounts import services as accounts
    from zhengwu.accounts.sessions import HASH_SESSION_KEY, SESSION_KEY, _password_hash

    account = accounts.register(
        kind="person",
        name="钱进",
        id_number=make_citizen_id(),
        phone="13900003333",
        password="Zhengwu-test-2025!",
        password2="Zhengwu-test-2025!",
    )
    session = client.session
    session[SESSION_KEY] = account.pk
    session[HASH_SESSION_KEY] = _password_hash(account)
    session.save()
    form = client.get("/disclosure/request/").content.decode()
    assert "钱进" in form and 'name="id_number"' not in form
    response = client.post(
        "/disclosure/request/", {"department": dept.pk, "description": "本县养老服务补贴标准", "delivery": "post"}
    )
    assert response.status_code == 302
    request = Request.objects.get()
    assert request.applicant == account.party
    assert request.number in "".join(r.number for r in selectors.requests_of_party(account.party))


def test_applicant_downloads_only_their_own_letters(client, dept, staff, file_request, person, settings):
    from django.template.loader import render_to_string

    from zhengwu.accounts import services as accounts
    from zhengwu.accounts.sessions import HASH_SESSION_KEY, SESSION_KEY, _password_hash

    settings.ZHENGWU_RENDER_NOTICES = True
    account = accounts.register(
        kind="person",
        name="孙丽",
        id_number=make_citizen_id(),
        phone="13900004444",
        password="Zhengwu-test-2025!",
        password2="Zhengwu-test-2025!",
    )
    mine = file_request("2025-09-25", applicant=account.party)
    handling.answer(mine, actor=staff.clerk, outcome="disclosed", text="现予公开。", on=D("2025-10-09"))
    other = file_request("2025-09-25", applicant=person)
    handling.answer(other, actor=staff.clerk, outcome="disclosed", text="现予公开。", on=D("2025-10-09"))
    session = client.session
    session[SESSION_KEY] = account.pk
    session[HASH_SESSION_KEY] = _password_hash(account)
    session.save()
    my_letter = mine.letters.get()
    assert client.get(f"/disclosure/request/{mine.number}/letters/{my_letter.pk}/").status_code == 200
    other_letter = other.letters.get()
    assert client.get(f"/disclosure/request/{other.number}/letters/{other_letter.pk}/").status_code == 404
    assert client.get(f"/disclosure/request/{mine.number}/letters/{other_letter.pk}/").status_code == 404
    html = render_to_string(
        "disclosure/_my_requests.html", {"disclosure_requests": selectors.requests_of_party(account.party)}
    )
    assert mine.number in html and "予以公开" in html and my_letter.number in html


def test_answer_form_offers_the_sub_reasons_grouped_by_outcome(client, staff, file_request):
    request = file_request("2025-09-25")
    client.force_login(staff.clerk)
    url = f"/workbench/disclosure/requests/{request.number}/"
    html = client.get(url).content.decode()
    assert '<optgroup label="不予公开">' in html and '<option value="state_secret">属于国家秘密</option>' in html
    assert 'value="no_correction"' not in html  # the system's own abandonment reason is not offered
    refused = client.post(url, {"act": "answer", "outcome": "withheld", "reason": "made_up", "text": "x"})
    assert refused.status_code == 400
    request.refresh_from_db()
    assert request.outcome == "" and request.state == "in_progress"
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    assert '<option value="state_secret">State secret</option>' in english and "属于国家秘密" not in english


def test_public_api_refuses_a_year_out_of_range_and_pages_past_the_end(client, published):
    for year in ("-1", "0", "99999"):
        response = client.get("/api/v1/disclosure/items", {"year": year})
        assert response.status_code == 400 and response.json()["field"] == "year", year
    past = client.get("/api/v1/disclosure/items", {"offset": str(10**20)})
    assert past.status_code == 200 and past.json() == {"count": 2, "items": []}


def test_search_page_takes_numbers_out_of_range_as_no_filter(client, published):
    for department in (str(10**20), "-3"):
        response = client.get("/disclosure/search/", {"q": "预算", "department": department})
        assert response.status_code == 200 and "2025年部门预算公开" in response.content.decode(), department
    assert client.get("/disclosure/search/", {"q": "预算", "page": str(10**20)}).status_code == 200


def test_api_refuses_an_act_dated_after_today(client, staff, file_request, today):
    import datetime as dt

    request = file_request("2025-09-25")
    client.force_login(staff.clerk)
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    response = client.post(
        f"/api/v1/disclosure/requests/{request.number}/answer",
        {"outcome": "disclosed", "text": "现予公开。", "on": tomorrow},
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["field"] == "on"
    request.refresh_from_db()
    assert request.state == RequestState.IN_PROGRESS and request.answered_on is None


def test_supervisor_request_list_counts_the_requests_it_lists(client, dept, file_request):
    from zhengwu.org.models import Role
    from zhengwu.org.tests.factories import StaffFactory

    file_request("2025-09-25")  # overdue since 2025-10-30
    supervisor = StaffFactory(department=None, supervised_area=dept.area, roles=[Role.SUPERVISOR])
    client.force_login(supervisor)
    response = client.get("/workbench/disclosure/requests/")
    assert response.status_code == 200
    assert response.context["counts"] == {"open": 1, "warning": 0, "overdue": 1}
    assert len(response.context["rows"]) == 1


def test_anonymous_request_never_changes_a_registered_party_nor_files_under_it_on_the_id_number_alone(client, dept):
    from zhengwu.parties.models import Party
    from zhengwu.parties.tests.factories import PersonFactory

    id_number = make_citizen_id()
    registered = PersonFactory(name="王芳", id_number=id_number, phone="13900005555", address="永嘉县上塘镇")
    before = Party.objects.values().get(pk=registered.pk)
    form = {
        "department": dept.pk,
        "kind": "person",
        "id_number": id_number,
        "description": "某信息",
        "delivery": "post",
    }
    impostor = client.post("/disclosure/request/", {**form, "name": "王芳", "phone": "13900006666", "address": "别处"})
    assert impostor.status_code == 400 and "不一致" in impostor.content.decode()
    assert not Request.objects.exists()
    assert Party.objects.values().get(pk=registered.pk) == before
    owner = client.post("/disclosure/request/", {**form, "name": "王芳", "phone": "13900005555", "address": "新地址"})
    assert owner.status_code == 302
    assert Request.objects.get().applicant_id == registered.pk
    assert Party.objects.values().get(pk=registered.pk) == before  # the registry is kept at the window, not here


def test_staff_request_list_past_the_end_is_empty(client, staff, file_request):
    file_request("2025-09-25")
    client.force_login(staff.clerk)
    response = client.get("/api/v1/disclosure/requests", {"offset": str(10**20)})
    assert response.status_code == 200 and response.json() == []


def test_a_pending_reconsideration_is_concluded_on_the_workbench_and_through_the_api(client, staff, file_request):
    request = file_request("2025-09-25")
    handling.answer(request, actor=staff.clerk, outcome="disclosed", text="现予公开。", on=D("2025-10-09"))
    review = handling.record_remedy(request, actor=staff.clerk, kind="reconsideration", filed_on=D("2025-10-20"))
    lawsuit = handling.record_remedy(request, actor=staff.clerk, kind="litigation_direct", filed_on=D("2025-10-21"))
    client.force_login(staff.clerk)
    url = f"/workbench/disclosure/requests/{request.number}/"
    assert 'value="conclude_remedy"' in client.get(url).content.decode()
    early = client.post(
        url, {"act": "conclude_remedy", "remedy": review.pk, "result": "upheld", "concluded_on": "2025-10-01"}
    )
    assert early.status_code == 400
    review.refresh_from_db()
    assert review.result == "pending"
    done = client.post(
        url, {"act": "conclude_remedy", "remedy": review.pk, "result": "upheld", "concluded_on": "2025-12-20"}
    )
    assert done.status_code == 302
    review.refresh_from_db()
    assert (review.result, review.concluded_on) == ("upheld", D("2025-12-20"))
    api = f"/api/v1/disclosure/requests/{request.number}/remedies"
    other = file_request("2025-09-26")
    wrong = client.post(
        f"/api/v1/disclosure/requests/{other.number}/remedies/{lawsuit.pk}/conclude",
        {"result": "corrected", "concluded_on": "2025-12-22"},
        content_type="application/json",
    )
    assert wrong.status_code == 404
    ok = client.post(
        f"{api}/{lawsuit.pk}/conclude",
        {"result": "corrected", "concluded_on": "2025-12-22"},
        content_type="application/json",
    )
    assert ok.status_code == 200
    lawsuit.refresh_from_db()
    assert lawsuit.result == "corrected"
    assert 'value="conclude_remedy"' not in client.get(url).content.decode()  # nothing pending any more


def test_a_remedy_cannot_be_dated_after_today(staff, file_request, today):
    request = file_request("2025-09-25")
    handling.answer(request, actor=staff.clerk, outcome="disclosed", text="现予公开。", on=D("2025-10-09"))
    tomorrow = today + dt.timedelta(days=1)

    with pytest.raises(InvalidInput) as filed:
        handling.record_remedy(request, actor=staff.clerk, kind="reconsideration", filed_on=tomorrow)
    review = handling.record_remedy(request, actor=staff.clerk, kind="reconsideration", filed_on=today)
    with pytest.raises(InvalidInput) as concluded:
        handling.conclude_remedy(review.pk, actor=staff.clerk, result="upheld", concluded_on=tomorrow)

    assert (filed.value.field, concluded.value.field) == ("filed_on", "concluded_on")
    review.refresh_from_db()
    assert (review.result, review.concluded_on) == ("pending", None)
    assert request.remedies.count() == 1


def test_the_workbench_request_queue_is_paged_unanswered_first_awaiting_receipt_first(
    client, staff, file_request, monkeypatch
):
    from zhengwu.disclosure import workbench_views
    from zhengwu.disclosure.constants import Channel

    monkeypatch.setattr(workbench_views, "PAGE_SIZE", 2)
    answered = file_request("2025-09-01")
    handling.answer(answered, actor=staff.clerk, outcome="disclosed", text="现予公开。", on=D("2025-09-10"))
    later = file_request("2025-09-25")
    sooner = file_request("2025-09-15")
    waiting = file_request("2025-09-24", channel=Channel.ONLINE, actor=None)
    client.force_login(staff.clerk)
    url = "/workbench/disclosure/requests/"

    pages = [client.get(url, {"page": n}) for n in (1, 2)]

    listed = [r.number for page in pages for r in page.context["rows"]]
    assert listed == [waiting.number, sooner.number, later.number, answered.number]
    assert pages[0].context["awaiting"]["awaiting"] == 1
    assert 'href="?page=2"' in pages[0].content.decode()
    in_progress = client.get(url, {"state": "in_progress"})
    assert [r.number for r in in_progress.context["rows"]] == [sooner.number, later.number]


def test_request_queue_masks_a_persons_name_and_keeps_an_organisations(client, staff, file_request, person):
    from zhengwu.disclosure.constants import ApplicantType
    from zhengwu.parties.models import PartyKind
    from zhengwu.parties.tests.factories import OrganisationFactory

    company = OrganisationFactory()
    assert person.kind == PartyKind.PERSON and len(person.name) > 1
    file_request("2025-09-25")
    file_request("2025-09-26", applicant=company, applicant_type=ApplicantType.COMMERCIAL)
    client.force_login(staff.clerk)
    page = client.get("/workbench/disclosure/requests/").content.decode()
    assert person.name not in page  # as in the case lists: the clear name only on the request's own page
    assert person.name[0] + "*" * (len(person.name) - 1) in page
    assert company.name in page
