"""The 三员 (system, security and audit administrators) do no business: every business endpoint of the REST API
refuses them (403 `separated_role`), by session or by token, before it reads or changes anything. A business role
held besides keeps the API, and so does a superuser; the public endpoints stay open to everyone."""

import re

import pytest

from zhengwu.api import api
from zhengwu.cases.models import Case
from zhengwu.cases.tests.api_client import bearer, post
from zhengwu.cases.tests.conftest import *  # noqa: F403  (dept, staff, submit_today, …)
from zhengwu.org.models import Role
from zhengwu.org.tests.factories import HallFactory, StaffFactory

pytestmark = pytest.mark.django_db

THREE_ADMINS = (Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN)
REFUSAL = {
    "code": "separated_role",
    "message": "系统管理员、安全保密管理员、安全审计员（三员）不办理业务，业务接口不向其开放。",
}
# One reading endpoint per business family ({number}: a case of the department).
FAMILIES = {
    "cases": "/api/v1/cases",
    "fees": "/api/v1/cases/{number}/fee",
    "supervision": "/api/v1/supervision/board",
    "evaluation": "/api/v1/evaluation/ratings",
    "complaints": "/api/v1/complaints",
    "indicators": "/api/v1/indicators",
    "disclosure": "/api/v1/disclosure/requests",
}
PUBLIC = (
    "/api/v1/calendar/add-working-days?start=2025-09-30&days=1",
    "/api/v1/calendar/working-days-between?start=2025-09-30&end=2025-10-09",
    "/api/v1/consultation/faqs?matter=none",
    "/api/v1/disclosure/items",
    "/api/v1/evaluation/public/2025/9",
    "/api/v1/hall/board",
)


@pytest.fixture
def case(submit_today):
    return submit_today()


def _administrator(dept, role):
    return StaffFactory(department=dept, roles=[role], is_staff=True)


@pytest.mark.parametrize("role", THREE_ADMINS)
@pytest.mark.parametrize("family", FAMILIES)
def test_an_administrator_is_refused_every_business_family_by_session(client, dept, case, role, family):
    client.force_login(_administrator(dept, role))
    response = client.get(FAMILIES[family].format(number=case.number))
    assert response.status_code == 403
    assert response.json() == REFUSAL


@pytest.mark.parametrize("role", THREE_ADMINS)
@pytest.mark.parametrize("family", FAMILIES)
def test_an_administrator_is_refused_every_business_family_by_token(client, dept, case, role, family):
    response = client.get(FAMILIES[family].format(number=case.number), **bearer(_administrator(dept, role)))
    assert response.status_code == 403
    assert response.json() == REFUSAL


def _authenticated_operations():
    """(method, url) of every endpoint that is not public (the OpenAPI document lists its security), its path
    parameters filled with placeholders."""
    for path, operations in api.get_openapi_schema(path_prefix="/api/v1")["paths"].items():
        for method, operation in operations.items():
            if operation.get("security"):
                # A nested router's paths come without the slash after the prefix ("/api/v1hall/…").
                url = "/api/v1/" + path.removeprefix("/api/v1").lstrip("/")
                yield method.upper(), re.sub(r"\{[^}]+\}", "1", url)


@pytest.mark.parametrize("role", THREE_ADMINS)
def test_no_business_endpoint_answers_an_administrator(client, dept, role):
    """A new endpoint (or router with its own authentication) would show up here."""
    client.force_login(_administrator(dept, role))
    operations = sorted(set(_authenticated_operations()))
    assert len(operations) > 50
    answered = []
    for method, url in operations:
        response = client.generic(method, url, "{}", content_type="application/json")
        if response.status_code != 403 or response.json()["code"] != "separated_role":
            answered.append((method, url, response.status_code))
    assert answered == []


def test_an_administrator_registers_no_case(client, dept, version, applicant):
    client.force_login(_administrator(dept, Role.SYSTEM_ADMIN))
    body = {"matter": version.matter.code, "channel": "window", "applicant": {"name": "张三"}}
    response = post(client, "/api/v1/cases", body)
    assert response.status_code == 403 and response.json() == REFUSAL
    assert not Case.objects.exists()


@pytest.mark.parametrize("role", THREE_ADMINS)
def test_the_public_endpoints_stay_open_to_an_administrator(client, dept, role):
    HallFactory()  # the hall board shows the first hall
    client.force_login(_administrator(dept, role))
    for url in PUBLIC:
        assert client.get(url).status_code == 200, url


def _business_staff(dept, who: str):
    if who == "head_and_auditor":
        return StaffFactory(department=dept, roles=[Role.DEPARTMENT_HEAD, Role.AUDIT_ADMIN])
    return StaffFactory(department=None, roles=[Role.SYSTEM_ADMIN], is_superuser=True)


@pytest.mark.parametrize("who", ["head_and_auditor", "superuser_and_sysadmin"])
@pytest.mark.parametrize("by", ["session", "token"])
def test_business_staff_keep_every_business_family(client, dept, case, who, by):
    user = _business_staff(dept, who)
    headers = bearer(user) if by == "token" else {}
    if by == "session":
        client.force_login(user)
    for family, url in FAMILIES.items():
        response = client.get(url.format(number=case.number), **headers)
        assert response.status_code == 200, (family, response.json())
