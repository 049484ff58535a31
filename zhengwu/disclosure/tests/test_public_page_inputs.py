"""Public disclosure pages given inputs they cannot use: a department without a catalogue, a page number that is
not a number, an online request form left incomplete."""

from __future__ import annotations

from zhengwu.disclosure.models import Request
from zhengwu.parties.models import Party


def test_a_department_without_a_catalogue_has_no_catalogue_page(client, dept):
    assert client.get(f"/disclosure/dept/{dept.code}/").status_code == 404


def test_a_search_page_number_that_is_not_a_number_shows_the_first_page(client, publish):
    publish()
    response = client.get("/disclosure/search/", {"q": "抽检", "page": "二", "department": "x"})
    assert response.status_code == 200
    assert "关于开展2025年食品安全抽检工作的通知" in response.content.decode()


def test_an_incomplete_online_request_is_shown_again_and_files_nothing(client, dept):
    response = client.post(
        "/disclosure/request/",
        {"department": dept.pk, "kind": "person", "name": "李华", "phone": "13900001111", "delivery": "post"},
    )
    assert response.status_code == 400
    assert not Request.objects.exists() and not Party.objects.filter(name="李华").exists()
    assert 'value="李华"' in response.content.decode()
