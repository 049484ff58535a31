"""Input the API refuses before any view runs, answered in its JSON error format."""

import pytest

from zhengwu.cases.models import Case

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk_client(client):
    from zhengwu.org.models import Role
    from zhengwu.org.tests.factories import StaffFactory

    client.force_login(StaffFactory(roles=[Role.WINDOW_CLERK]))
    return client


def test_an_oversized_body_is_a_413_in_json(clerk_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = clerk_client.post("/api/v1/cases", data="{" + " " * 2000 + "}", content_type="application/json")
    assert response.status_code == 413
    assert response.json()["code"] == "request_too_large"
    assert not Case.objects.exists()


def test_a_nul_character_in_the_body_is_refused(clerk_client):
    body = '{"matter": "X", "applicant": {"name": "张\\u0000三", "id_number": "110101199003077777"}}'
    response = clerk_client.post("/api/v1/cases", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"code": "invalid_characters", "message": "请求中含有不允许的控制字符（NUL）。"}
    assert not Case.objects.exists()


def test_a_nul_character_in_the_query_is_refused(clerk_client):
    response = clerk_client.get("/api/v1/cases?number=%00")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_characters"


def test_ordinary_requests_pass(clerk_client):
    assert clerk_client.get("/api/v1/cases?number=X-1").status_code == 200
    assert clerk_client.get("/healthz").status_code == 200
