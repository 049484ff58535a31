"""首席代表制 on the case page: the chief representative approves at the window through the same pages, and the
history names the capacity and the letter."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.cases import services
from zhengwu.cases.models import CaseState
from zhengwu.org.models import ChiefRepresentative, RepresentativeAbsence
from zhengwu.org.tests.factories import HallFactory, clerk

pytestmark = pytest.mark.django_db


def test_the_chief_representative_approves_and_decides_through_the_pages(client, submit_today, staff, dept, today):
    chief = clerk(dept, full_name="陈首代")
    case = submit_today()
    letter = ChiefRepresentative.objects.create(
        department=dept,
        hall=HallFactory(),
        principal=chief,
        letter_number="永市监授〔2026〕7号",
        signed_by="张局长",
        signed_on=today - dt.timedelta(days=30),
        valid_from=today - dt.timedelta(days=30),
        valid_until=today + dt.timedelta(days=300),
    )
    letter.matters.add(case.matter_version.matter)
    services.accept(case, actor=staff.clerk)
    for actor in (staff.first_reviewer, staff.reviewer):
        step = case.steps.get(state="open")
        services.complete_step(case, actor=actor, step_id=step.pk, outcome="pass", opinion="同意")
    client.force_login(chief)
    page = client.get(f"/workbench/cases/{case.number}/").content.decode()
    assert f"/workbench/cases/{case.number}/complete-step/" in page
    step = case.steps.get(state="open")
    response = client.post(
        f"/workbench/cases/{case.number}/complete-step/", {"step_id": step.pk, "outcome": "pass", "opinion": "准予"}
    )
    assert response.status_code == 302
    assert client.post(f"/workbench/cases/{case.number}/decide/", {"approve": "1"}).status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.APPROVED
    page = client.get(f"/workbench/cases/{case.number}/").content.decode()
    assert page.count("首席代表（A角），授权委托书 永市监授〔2026〕7号") == 2  # the 审批 step and the decision
    history = client.get(f"/api/v1/cases/{case.number}").json()["history"]
    by_letter = [(e["action"], e["chief_representative"], e["authorisation"]) for e in history if e["authorisation"]]
    assert by_letter == [("complete_step", "A", "永市监授〔2026〕7号"), ("decide", "A", "永市监授〔2026〕7号")]


def test_without_a_letter_the_clerk_is_offered_neither(client, submit_today, staff):
    case = submit_today()
    services.accept(case, actor=staff.clerk)
    client.force_login(staff.clerk)
    page = client.get(f"/workbench/cases/{case.number}/").content.decode()
    assert "/complete-step/" not in page and "/decide/" not in page


def _letter_for(dept, chief, matter, today, **extra):
    letter = ChiefRepresentative.objects.create(
        department=dept,
        hall=HallFactory(),
        principal=chief,
        letter_number="永市监授〔2026〕8号",
        signed_by="张局长",
        signed_on=today - dt.timedelta(days=30),
        valid_from=today - dt.timedelta(days=30),
        valid_until=today + dt.timedelta(days=300),
        **extra,
    )
    letter.matters.add(matter)
    return letter


def test_the_chief_representatives_todo_holds_the_approval_step_then_the_decision(
    client, submit_today, staff, dept, today
):
    chief = clerk(dept, full_name="陈首代")
    case = submit_today()
    services.accept(case, actor=staff.clerk)
    for actor in (staff.first_reviewer, staff.reviewer):
        step = case.steps.get(state="open")
        services.complete_step(case, actor=actor, step_id=step.pk, outcome="pass", opinion="同意")
    client.force_login(chief)
    assert case.number not in client.get("/workbench/").content.decode()  # no letter yet
    _letter_for(dept, chief, case.matter_version.matter, today)
    assert case.number in client.get("/workbench/").content.decode()
    listed = client.get("/api/v1/cases?todo=true").json()["items"]
    assert [item["number"] for item in listed] == [case.number]
    step = case.steps.get(state="open")
    services.complete_step(case, actor=chief, step_id=step.pk, outcome="pass", opinion="准予")
    assert case.number in client.get("/workbench/").content.decode()  # now awaiting the decision
    assert [item["number"] for item in client.get("/api/v1/cases?todo=true").json()["items"]] == [case.number]
    services.decide(case, actor=chief, approve=True)
    page = client.get("/workbench/").content.decode()
    assert case.number in page  # the clerk's part now: delivery (the chief is a window clerk too)


def test_a_deputy_sees_them_only_while_the_principal_is_away(client, submit_today, staff, dept, today):
    case = submit_today()
    services.accept(case, actor=staff.clerk)
    for actor in (staff.first_reviewer, staff.reviewer):
        step = case.steps.get(state="open")
        services.complete_step(case, actor=actor, step_id=step.pk, outcome="pass", opinion="同意")
    deputy = clerk(dept, full_name="林B角")
    letter = _letter_for(dept, clerk(dept), case.matter_version.matter, today, deputy=deputy)
    client.force_login(deputy)
    assert client.get("/api/v1/cases?todo=true").json()["items"] == []
    RepresentativeAbsence.objects.create(representative=letter, starts_on=today, ends_on=today, reason="病假")
    assert [i["number"] for i in client.get("/api/v1/cases?todo=true").json()["items"]] == [case.number]
