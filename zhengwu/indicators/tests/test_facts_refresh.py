"""Refreshing the facts: done in chunks it writes every case once, as one pass would; a case whose dates fall in a
year the calendar does not know keeps its fact without the working-day figures rather than a guess."""

from __future__ import annotations

from django.core.management import call_command
from django.forms.models import model_to_dict

from zhengwu.cases.models import Case
from zhengwu.indicators import facts
from zhengwu.indicators.models import CaseFact

from .conftest import D


def _facts() -> dict:
    return {fact.case_id: model_to_dict(fact) for fact in CaseFact.objects.order_by("case_id")}


def test_a_refresh_in_chunks_writes_every_fact_once_as_one_pass_would(month_data, monkeypatch):
    whole = _facts()
    assert len(whole) == 5
    CaseFact.objects.all().delete()
    monkeypatch.setattr(facts, "CHUNK", 2)
    assert facts.rebuild_all() == 5
    assert _facts() == whole
    CaseFact.objects.all().delete()
    assert facts.refresh_facts(list(whole)) == 5
    assert _facts() == whole


def test_a_case_in_a_year_the_calendar_does_not_know_keeps_its_fact_without_working_days(month_data):
    decided = CaseFact.objects.filter(working_days_used__isnull=False).first()
    assert decided is not None and decided.speedup is not None
    Case.objects.filter(pk=decided.case_id).update(decided_on=D("2031-03-03"))
    assert facts.refresh_facts([decided.case_id]) == 1
    decided.refresh_from_db()
    assert decided.decided_on == D("2031-03-03")
    assert (decided.working_days_used, decided.speedup) == (None, None)
    assert decided.on_time is False  # the promised date is known: it is still compared


def test_a_case_saved_without_its_matter_version_loaded_refreshes_its_fact_from_the_database(month_data, staff):
    closed = month_data.cases.a
    case = Case.objects.get(pk=closed.pk)  # the version is not loaded: the fact is read from the database
    case.closed_on = D("2025-11-28")
    case.save()
    fact = CaseFact.objects.get(case=closed)
    assert (fact.state, fact.closed_on) == ("closed", D("2025-11-28"))
    assert fact.acceptor_id == staff.clerk.pk  # kept: the acceptor comes from the accept event


def test_loading_cases_from_a_fixture_computes_no_fact(month_data, tmp_path):
    case = Case.objects.order_by("pk").first()
    dump = tmp_path / "case.json"
    call_command("dumpdata", "cases.case", "--pks", str(case.pk), "--output", str(dump))
    CaseFact.objects.filter(case=case).delete()
    call_command("loaddata", str(dump), verbosity=0)
    assert not CaseFact.objects.filter(case=case).exists()
    call_command("refresh_indicators", stdout=open("/dev/null", "w"))
    assert CaseFact.objects.filter(case=case).exists()
