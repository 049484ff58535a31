"""Backups are made whole, proven by restoring them, and only then replace old ones.

The tests that back up are transactional: on PostgreSQL, pg_dump reads through a connection of its own, which does
not see what a test's open transaction wrote.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import json
import subprocess
import tarfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from zhengwu.audit.models import AuditEntry, AuditHead
from zhengwu.audit.services import sm3_hex, verify_chain
from zhengwu.cases import services as cases
from zhengwu.cases.models import Case
from zhengwu.catalog.tests.factories import MatterVersionFactory
from zhengwu.ops import archive
from zhengwu.ops.backup import LOCK_NAME
from zhengwu.ops.models import Operation, OperationKind, Outcome
from zhengwu.org.tests.factories import DepartmentFactory, clerk
from zhengwu.parties.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)

NOTICE = "notices/2025/受理通知书.pdf"
NOTICE_BYTES = b"%PDF-1.7 notice of acceptance\n"


@pytest.fixture
def backup_dir(settings, tmp_path) -> Path:
    settings.ZHENGWU_BACKUP_DIR = tmp_path / "backups"
    settings.ZHENGWU_RENDER_NOTICES = False
    return settings.ZHENGWU_BACKUP_DIR


@pytest.fixture
def some_cases(backup_dir) -> list[Case]:
    """Two cases (each act also appends to the audit chain) and one stored notice."""
    department = DepartmentFactory()
    version = MatterVersionFactory(matter__department=department)
    staff = clerk(department)
    received = [
        cases.submit_application(
            actor=staff, matter_version=version, applicant=PersonFactory(), channel="window", on=dt.date(2025, 9, 26)
        )
        for _ in range(2)
    ]
    notice = Path(settings.MEDIA_ROOT) / NOTICE
    notice.parent.mkdir(parents=True)
    notice.write_bytes(NOTICE_BYTES)
    return received


def backups(directory: Path) -> list[str]:
    """The directory's files but the lock that lets one backup at a time write there (it stays, empty)."""
    return sorted(p.name for p in directory.iterdir() if p.name != LOCK_NAME)


def the_backup(directory: Path) -> Path:
    [path] = [p for p in directory.iterdir() if p.suffix == ".tar"]
    return path


def manifest_of(path: Path) -> dict:
    with tarfile.open(path) as tar:
        return json.loads(tar.extractfile(archive.MANIFEST).read())


def verify_fails(path: Path) -> str:
    with pytest.raises(CommandError) as excinfo:
        call_command("verify_backup", str(path))
    assert excinfo.value.returncode == 1
    return str(excinfo.value)


def rewrite(path: Path, *, replace: dict[str, bytes] | None = None, edit_manifest=None) -> None:
    """Rewrite the backup at `path` with some members' content replaced and/or its manifest edited."""
    with tarfile.open(path) as tar:
        members = [(info, tar.extractfile(info).read()) for info in tar]
    with tarfile.open(path, "w") as tar:
        for info, data in members:
            data = (replace or {}).get(info.name, data)
            if info.name == archive.MANIFEST and edit_manifest is not None:
                manifest = json.loads(data)
                edit_manifest(manifest)
                data = json.dumps(manifest).encode()
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def scratch_databases() -> list[str]:
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s", [connection.settings_dict["NAME"] + "_verify_%"]
        )
        return [row[0] for row in cursor.fetchall()]


triggers = importlib.import_module("zhengwu.audit.migrations.0003_append_only_triggers")


@contextmanager
def audit_triggers_dropped():
    """Tamper as a database owner would: without the append-only triggers (restored afterwards)."""
    table = AuditEntry._meta.db_table
    with connection.cursor() as cursor:
        for statement in triggers.trigger_sql(connection.vendor, table, drop=True):
            cursor.execute(statement)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for statement in triggers.trigger_sql(connection.vendor, table):
                cursor.execute(statement)


# a good backup


def test_a_backup_of_cases_audit_entries_and_media_is_verified_by_restoring_it(backup_dir, some_cases):
    entries = AuditEntry.objects.count()
    last_hash = AuditHead.objects.get().last_hash
    out = io.StringIO()

    call_command("backup", stdout=out)

    path = the_backup(backup_dir)
    assert path.name.startswith("zhengwu-20") and "校验通过" in out.getvalue()
    manifest = manifest_of(path)
    assert manifest["vendor"] == connection.vendor
    assert manifest["row_counts"][Case._meta.db_table] == 2
    assert manifest["row_counts"][AuditEntry._meta.db_table] == entries > 0
    assert manifest["audit"] == {"entries": entries, "last_hash": last_hash}
    assert {"app": "ops", "name": "0001_initial"} in manifest["migrations"]
    assert manifest["members"]["media/" + NOTICE] == {
        "sm3": archive.sm3_of_file(Path(settings.MEDIA_ROOT) / NOTICE),
        "size": len(NOTICE_BYTES),
    }
    assert set(manifest["members"]) == {manifest["database_member"], "media/" + NOTICE}
    [operation] = Operation.objects.all()
    assert (operation.kind, operation.outcome, operation.file_name) == ("backup", "succeeded", path.name)
    assert operation.size == path.stat().st_size and operation.sm3 == archive.sm3_of_file(path)
    [entry] = AuditEntry.objects.filter(action="ops.backup")
    assert entry.detail["file"] == path.name and entry.detail["sm3"] == operation.sm3
    assert scratch_databases() == []

    out = io.StringIO()
    call_command("verify_backup", str(path), stdout=out)

    assert "校验通过" in out.getvalue() and "2 个文件" in out.getvalue()
    verification = Operation.objects.get(kind=OperationKind.VERIFY_BACKUP)
    assert verification.outcome == Outcome.SUCCEEDED
    assert AuditEntry.objects.filter(action="ops.verify_backup", object_id=str(verification.pk)).exists()
    assert scratch_databases() == []


def test_the_daily_backup_is_a_beat_entry_at_half_past_two(backup_dir):
    from zhengwu.ops.tasks import back_up

    entry = settings.CELERY_BEAT_SCHEDULE["ops-daily-backup"]
    assert entry["task"] == back_up.name
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({2}, {30})
    assert "supervision-deadline-watch" in settings.CELERY_BEAT_SCHEDULE

    back_up.delay()

    assert Operation.objects.get().outcome == Outcome.SUCCEEDED
    assert the_backup(backup_dir).exists()


# a bad backup


def test_a_member_altered_after_the_backup_fails_verification_naming_it(backup_dir, some_cases):
    call_command("backup", stdout=io.StringIO())
    path = the_backup(backup_dir)
    rewrite(path, replace={"media/" + NOTICE: NOTICE_BYTES.replace(b"acceptance", b"rejection!")})

    message = verify_fails(path)

    assert "media/" + NOTICE in message and "SM3" in message
    failed = Operation.objects.get(kind=OperationKind.VERIFY_BACKUP)
    assert failed.outcome == Outcome.FAILED and "media/" + NOTICE in failed.summary
    assert AuditEntry.objects.filter(action="ops.verify_backup", detail__outcome="failed").exists()


def test_a_member_altered_with_its_manifest_record_fails_against_the_audit_log(backup_dir, some_cases):
    call_command("backup", stdout=io.StringIO())
    path = the_backup(backup_dir)
    forged = NOTICE_BYTES.replace(b"acceptance", b"rejection!")

    def forge(manifest):
        manifest["members"]["media/" + NOTICE] = {"sm3": sm3_hex(forged), "size": len(forged)}

    rewrite(path, replace={"media/" + NOTICE: forged}, edit_manifest=forge)

    assert "审计日志记载" in verify_fails(path)


def test_a_restored_database_that_differs_from_the_manifest_fails(backup_dir, some_cases):
    call_command("backup", stdout=io.StringIO())
    path = the_backup(backup_dir)

    def one_case_more(manifest):
        manifest["row_counts"][Case._meta.db_table] += 1

    rewrite(path, edit_manifest=one_case_more)

    message = verify_fails(path)

    assert Case._meta.db_table in message and "清单记载 3 行" in message
    assert scratch_databases() == []


def test_a_backup_of_a_broken_audit_chain_fails_is_kept_as_failed_and_replaces_nothing(backup_dir, some_cases):
    backup_dir.mkdir()
    old = backup_dir / "zhengwu-20240101-023000.tar"
    old.write_bytes(b"an older backup")
    original = AuditEntry.objects.get(seq=2).object_id
    set_object_id = f"UPDATE {AuditEntry._meta.db_table} SET object_id = %s WHERE seq = 2"
    with audit_triggers_dropped(), connection.cursor() as cursor:
        cursor.execute(set_object_id, ["tampered"])

    with pytest.raises(CommandError) as excinfo:
        call_command("backup", "--keep", "1", stdout=io.StringIO(), stderr=io.StringIO())

    assert excinfo.value.returncode == 1
    assert "审计日志" in str(excinfo.value) and "第 2 条" in str(excinfo.value)
    [failed_file] = [name for name in backups(backup_dir) if name.endswith(".tar.failed")]
    assert backups(backup_dir) == sorted([old.name, failed_file])
    operation = Operation.objects.get()
    assert (operation.outcome, operation.file_name) == (Outcome.FAILED, failed_file)
    assert AuditEntry.objects.filter(action="ops.backup", detail__outcome="failed").exists()
    # Repaired here, the chain stays broken in the backup: verification reads the restored copy.
    with audit_triggers_dropped(), connection.cursor() as cursor:
        cursor.execute(set_object_id, [original])
    assert verify_chain()[1] is None
    assert "第 2 条" in verify_fails(backup_dir / failed_file)
    assert scratch_databases() == []


def test_a_crash_while_writing_leaves_nothing_that_looks_like_a_backup(backup_dir, some_cases, monkeypatch):
    def crash(*args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(archive, "add_media", crash)

    with pytest.raises(CommandError) as excinfo:
        call_command("backup", stdout=io.StringIO(), stderr=io.StringIO())

    assert "No space left on device" in str(excinfo.value)
    assert backups(backup_dir) == []  # no .tar, no .partial, no staging folder
    operation = Operation.objects.get()
    assert operation.outcome == Outcome.FAILED and "OSError" in operation.detail


# keeping N


def test_keep_deletes_only_the_oldest_backups_once_the_new_one_is_verified(backup_dir):
    backup_dir.mkdir()
    kept_apart = ["zhengwu-20240101-023000.tar.failed", "notes.txt"]
    olds = ["zhengwu-20240101-023000.tar", "zhengwu-20240102-023000.tar", "zhengwu-20240103-023000.tar"]
    for name in olds + kept_apart:
        (backup_dir / name).write_bytes(b"x")

    call_command("backup", "--keep", "2", stdout=io.StringIO())

    new = the_backup_named_today(backup_dir)
    assert backups(backup_dir) == sorted([*kept_apart, "zhengwu-20240103-023000.tar", new])
    assert "zhengwu-20240101-023000.tar、zhengwu-20240102-023000.tar" in Operation.objects.get().detail


def test_an_unverified_backup_deletes_nothing(backup_dir):
    backup_dir.mkdir()
    old = backup_dir / "zhengwu-20240101-023000.tar"
    old.write_bytes(b"x")

    call_command("backup", "--keep", "1", "--no-verify", stdout=io.StringIO())

    assert old.exists() and len(backups(backup_dir)) == 2
    assert "未校验" in Operation.objects.get().summary


def test_a_run_removes_what_a_crashed_run_left_and_says_so(backup_dir):
    backup_dir.mkdir()
    partial = backup_dir / "zhengwu-20240101-023000.tar.partial"
    partial.write_bytes(b"half a backup")
    staging = backup_dir / ".zhengwu-staging-k3j2"
    (staging / "nested").mkdir(parents=True)
    (staging / "nested" / "database.dump").write_bytes(b"dump")
    kept = [backup_dir / "zhengwu-20240101-023000.tar.failed", backup_dir / "notes.partial"]
    for path in kept:
        path.write_bytes(b"x")

    call_command("backup", "--no-verify", stdout=io.StringIO())

    assert not partial.exists() and not staging.exists()
    assert all(path.exists() for path in kept)
    detail = Operation.objects.get().detail
    assert "zhengwu-20240101-023000.tar.partial" in detail and ".zhengwu-staging-k3j2" in detail


def test_a_second_backup_into_the_same_directory_is_refused_while_one_runs(backup_dir):
    import fcntl
    import os

    backup_dir.mkdir()
    running = backup_dir / "zhengwu-20240101-023000.tar.partial"  # the running backup's file: not a leftover
    running.write_bytes(b"being written")
    descriptor = os.open(backup_dir / LOCK_NAME, os.O_WRONLY | os.O_CREAT, 0o600)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    try:
        with pytest.raises(CommandError):
            call_command("backup", stdout=io.StringIO(), stderr=io.StringIO())
    finally:
        os.close(descriptor)

    assert running.exists()
    operation = Operation.objects.get()
    assert operation.outcome == Outcome.FAILED and "另一备份正在写入" in operation.summary
    assert the_backups_named_today(backup_dir) == []


def the_backups_named_today(directory: Path) -> list[str]:
    return [p.name for p in directory.iterdir() if p.name.endswith(".tar") and not p.name.startswith("zhengwu-2024")]


def the_backup_named_today(directory: Path) -> str:
    [name] = [p.name for p in directory.iterdir() if p.name.endswith(".tar") and not p.name.startswith("zhengwu-2024")]
    return name


@pytest.mark.django_db(transaction=False)
def test_pg_dump_gets_the_connection_settings_and_the_password_only_in_its_environment(monkeypatch, tmp_path):
    from zhengwu.ops import databases

    calls = []

    def run(command, *, env, **kwargs):
        calls.append((command, env))
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(databases.subprocess, "run", run)
    monkeypatch.setattr(databases.shutil, "which", lambda tool: f"/usr/bin/{tool}")
    settings_dict = {"NAME": "zhengwu", "HOST": "db.example", "PORT": 5433, "USER": "zw", "PASSWORD": "s3cret"}

    databases._run_pg_tool("pg_dump", ["--format=custom"], settings_dict, databases.BackupFailed)

    [(command, env)] = calls
    assert command == [
        "/usr/bin/pg_dump",
        "--format=custom",
        "--dbname=zhengwu",
        "--host=db.example",
        "--port=5433",
        "--username=zw",
    ]
    assert env["PGPASSWORD"] == "s3cret" and not any("s3cret" in part for part in command)


@pytest.mark.django_db
def test_verifying_a_missing_file_says_so_plainly(backup_dir):
    with pytest.raises(CommandError) as refused:
        call_command("verify_backup", "zhengwu-20260101-000000.tar")
    assert str(refused.value) == "备份文件不存在：zhengwu-20260101-000000.tar"
    assert not Operation.objects.exists()


@pytest.mark.django_db
def test_a_bare_file_name_is_looked_up_in_the_backup_directory(backup_dir, monkeypatch):
    backup_dir.mkdir(parents=True)
    (backup_dir / "zhengwu-20260101-000000.tar").write_bytes(b"not a tar")
    seen = []
    monkeypatch.setattr(
        "zhengwu.ops.management.commands.verify_backup.run_verification",
        lambda path: seen.append(path) or Operation(outcome=Outcome.SUCCEEDED, summary="ok"),
    )
    call_command("verify_backup", "zhengwu-20260101-000000.tar", stdout=io.StringIO())
    assert seen == [backup_dir / "zhengwu-20260101-000000.tar"]
