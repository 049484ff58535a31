"""Liveness and readiness checks (`zhengwu.health`)."""

from __future__ import annotations

import pytest
from django.db import OperationalError

from zhengwu import health


@pytest.fixture(autouse=True)
def fresh_process(monkeypatch):
    """Each test starts as a new process would: the migrations not yet checked."""
    monkeypatch.setattr(health, "_migrated", False)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.mark.django_db
def test_liveness_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_ready_when_every_dependency_answers(client, media):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "media", "calendar"}
    assert all(check["ok"] for check in body["checks"].values())
    assert body["checks"]["calendar"]["known_through"].endswith("-12-31")
    assert list(media.iterdir()) == []  # the write probe leaves nothing behind


@pytest.mark.django_db
def test_migrations_are_checked_once_per_process(client, media, django_assert_max_num_queries):
    assert client.get("/readyz").status_code == 200
    assert health._migrated is True
    with django_assert_max_num_queries(1):  # SELECT 1 only: the migration table is not read again
        health._database()


@pytest.mark.django_db
def test_not_ready_when_the_database_does_not_answer(client, media, monkeypatch):
    def refuse():
        raise OperationalError("connection to server at 10.0.0.9 failed: password authentication failed")

    monkeypatch.setitem(health.CHECKS, "database", refuse)
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["checks"]["database"] == {
        "ok": False,
        "error": "OperationalError",
        "ms": body["checks"]["database"]["ms"],
    }
    assert "10.0.0.9" not in response.content.decode()  # the public answer never carries the error's text
    assert body["checks"]["cache"]["ok"] is True  # the other checks still ran


@pytest.mark.django_db
def test_not_ready_while_migrations_are_unapplied(client, media, monkeypatch):
    from django.db.migrations.executor import MigrationExecutor

    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("cases", "9999_pending")])
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"]["error"] == "unapplied_migrations"
    assert health._migrated is False  # checked again on the next request


@pytest.mark.django_db
def test_not_ready_when_the_cache_loses_what_was_written(client, media, monkeypatch):
    monkeypatch.setattr(health.cache, "get", lambda key, default=None: default)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"]["ok"] is False


@pytest.mark.django_db
def test_not_ready_when_uploads_cannot_be_written(client, settings, tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    settings.MEDIA_ROOT = blocker / "media"
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["media"]["ok"] is False


@pytest.mark.django_db
def test_calendar_horizon_is_a_warning_not_a_failure(client, media, settings):
    settings.ZHENGWU_CALENDAR_WARNING_DAYS = 100_000
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["calendar"]["warning"] is True


def test_health_endpoints_only_answer_reads(client):
    assert client.post("/healthz").status_code == 405
    assert client.post("/readyz").status_code == 405
