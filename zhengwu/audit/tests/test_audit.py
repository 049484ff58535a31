import hashlib
import importlib
from contextlib import contextmanager

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction

from zhengwu.audit import services
from zhengwu.audit.models import AuditEntry, AuditHead, AuditLogIsAppendOnly
from zhengwu.org.tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

triggers = importlib.import_module("zhengwu.audit.migrations.0003_append_only_triggers")
TABLE = AuditEntry._meta.db_table


def record_entries(count: int) -> list[AuditEntry]:
    return [services.record(None, "test.act", object_type="test.thing", object_id=str(n), n=n) for n in range(count)]


def execute(sql: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@contextmanager
def triggers_dropped():
    """Tamper as a database owner would: without the append-only triggers (restored afterwards)."""
    for statement in triggers.trigger_sql(connection.vendor, TABLE, drop=True):
        execute(statement)
    try:
        yield
    finally:
        for statement in triggers.trigger_sql(connection.vendor, TABLE):
            execute(statement)


def verify_audit() -> str:
    with pytest.raises(CommandError) as excinfo:
        call_command("verify_audit")
    assert excinfo.value.returncode == 1
    return str(excinfo.value)


# the chain


def test_sm3_is_the_chain_hash():
    # GB/T 32905-2016, appendix A, example 1.
    assert services.sm3_hex(b"abc") == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"


def test_record_chains_each_entry_to_the_previous_one():
    first, second = record_entries(2)
    assert (first.seq, second.seq) == (1, 2)
    assert first.prev_hash == services.GENESIS_HASH
    assert second.prev_hash == first.entry_hash
    assert len(second.entry_hash) == 64
    assert int(second.entry_hash, 16) >= 0
    head = AuditHead.objects.get()
    assert (head.seq, head.last_hash) == (2, second.entry_hash)


def test_entry_hash_is_sm3_of_previous_hash_and_canonical_content_as_stored():
    record_entries(1)
    entry = AuditEntry.objects.get()  # re-read: the hash must survive the database round trip
    body = services._canonical(
        entry.seq,
        entry.at,
        entry.actor_id,
        entry.actor_label,
        entry.action,
        entry.object_type,
        entry.object_id,
        entry.detail,
    )
    assert entry.entry_hash == hashlib.new("sm3", entry.prev_hash.encode() + body).hexdigest()


def test_record_takes_actor_and_object_from_the_instances():
    user = StaffFactory()
    entry = services.record(user, "org.test", user, reason="理由")
    assert (entry.actor_id, entry.actor_label) == (user.pk, user.username)
    assert (entry.object_type, entry.object_id) == ("org.user", str(user.pk))
    assert entry.detail == {"reason": "理由"}
    assert services.record(None, "system.test").actor_label == "system"


# append-only


def test_orm_refuses_to_change_or_delete_an_entry():
    entry = record_entries(1)[0]
    entry.action = "tampered"
    with pytest.raises(AuditLogIsAppendOnly):
        entry.save()
    with pytest.raises(AuditLogIsAppendOnly):
        entry.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(action="tampered")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get().action == "test.act"


def installed_triggers() -> set[str]:
    if connection.vendor == "sqlite":
        query = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s"
    else:
        query = "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal"
    with connection.cursor() as cursor:
        cursor.execute(query, [TABLE])
        return {name for (name,) in cursor.fetchall()}


def test_append_only_triggers_are_installed_by_the_migrations():
    # A later migration that makes SQLite rebuild the table drops its triggers; it must create them again.
    expected = (
        {f"{TABLE}_no_update", f"{TABLE}_no_delete"} if connection.vendor == "sqlite" else {f"{TABLE}_append_only"}
    )
    assert installed_triggers() == expected


@pytest.mark.parametrize(
    "sql", [f"UPDATE {TABLE} SET actor_label = 'tampered' WHERE seq = 1", f"DELETE FROM {TABLE} WHERE seq = 1"]
)
def test_database_trigger_refuses_raw_update_and_delete(sql):
    record_entries(1)
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        execute(sql)
    assert AuditEntry.objects.get().actor_label == "system"


def test_database_still_accepts_new_entries():
    record_entries(3)
    assert AuditEntry.objects.count() == 3


# verify_audit


def test_verify_audit_reports_an_intact_chain(capsys):
    record_entries(3)
    call_command("verify_audit")
    assert "审计日志校验通过：共 3 条" in capsys.readouterr().out


def test_verify_audit_accepts_an_empty_log(capsys):
    call_command("verify_audit", "--batch-size", "2")
    assert "共 0 条" in capsys.readouterr().out


def test_verify_audit_walks_the_chain_across_batches(capsys):
    record_entries(5)
    call_command("verify_audit", batch_size=2)
    assert "共 5 条" in capsys.readouterr().out


def test_verify_audit_reports_the_seq_of_an_edited_entry():
    record_entries(4)
    with triggers_dropped():
        execute(f"UPDATE {TABLE} SET actor_label = %s WHERE seq = %s", ["someone-else", 2])
    message = verify_audit()
    assert "第 2 条" in message
    assert "篡改" in message


def test_verify_audit_reports_an_entry_whose_hash_was_recomputed():
    entries = record_entries(3)
    with triggers_dropped():
        execute(f"UPDATE {TABLE} SET entry_hash = %s WHERE seq = %s", ["f" * 64, entries[1].seq])
    assert "第 2 条" in verify_audit()


def test_verify_audit_reports_a_deleted_middle_entry():
    record_entries(4)
    with triggers_dropped():
        execute(f"DELETE FROM {TABLE} WHERE seq = %s", [2])
    message = verify_audit()
    assert "第 2 条" in message
    assert "第 2 条记录缺失" in message


def test_verify_audit_reports_deleted_last_entries():
    record_entries(4)
    with triggers_dropped():
        execute(f"DELETE FROM {TABLE} WHERE seq >= %s", [3])
    assert "第 3 条" in verify_audit()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pattern-ops index copies exist only on PostgreSQL")
def test_appends_maintain_no_pattern_ops_index_copies():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [TABLE])
        indexes = dict(cursor.fetchall())
    assert not [name for name, definition in indexes.items() if "pattern_ops" in definition]
    assert any("UNIQUE" in d and "(entry_hash)" in d for d in indexes.values())  # still one entry per hash


def test_verify_audit_reports_in_the_active_language():
    from django.utils import translation

    record_entries(3)
    with triggers_dropped():
        execute(f"UPDATE {TABLE} SET actor_label = %s WHERE seq = %s", ["someone-else", 2])
    with translation.override("en"):
        message = verify_audit()
    assert "2" in message and "tampered" in message
