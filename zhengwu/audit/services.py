"""Appending to and verifying the audit chain (网络安全等级保护: 安全审计, SM3 per GB/T 32905)."""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import AuditEntry, AuditHead

GENESIS_HASH = "0" * 64


def sm3_hex(data: bytes) -> str:
    return hashlib.new("sm3", data).hexdigest()


def _canonical(
    seq: int, at, actor_id, actor_label: str, action: str, object_type: str, object_id: str, detail
) -> bytes:
    payload = {
        "seq": seq,
        "at": at.isoformat(timespec="microseconds"),
        "actor": actor_id,
        "actor_label": actor_label,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "detail": detail,
    }
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode()


def entry_digest(entry: AuditEntry) -> str:
    body = _canonical(
        entry.seq,
        entry.at,
        entry.actor_id,
        entry.actor_label,
        entry.action,
        entry.object_type,
        entry.object_id,
        entry.detail,
    )
    return sm3_hex(entry.prev_hash.encode() + body)


def record(actor, action: str, obj=None, *, object_type: str = "", object_id: str = "", **detail) -> AuditEntry:
    """Append one entry. Call it inside the transaction of the act it records, as its last write.

    `actor` is a user or None (system); `obj` a model instance (its label and pk are taken), or give
    `object_type`/`object_id` directly. `detail` must be JSON-serialisable.
    """
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    # No savepoint: inside an act a failure here must fail the whole act anyway, and two round trips per act
    # (SAVEPOINT, RELEASE) are saved.
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        seq, prev_hash = _advance_head(cursor)
        entry = AuditEntry(
            seq=seq,
            at=timezone.now(),
            actor_id=getattr(actor, "pk", None),
            actor_label=getattr(actor, "username", "") if actor is not None else "system",
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            detail=json.loads(json.dumps(detail, ensure_ascii=False, default=str)),
            prev_hash=prev_hash,
        )
        entry.entry_hash = entry_digest(entry)
        # Every act appends here: plain statements, without the ORM's per-call query compilation.
        values = [field.get_db_prep_save(getattr(entry, field.attname), connection) for field in _ENTRY_FIELDS]
        insert, set_head, of_head = _append_sql()
        if connection.vendor == "postgresql":  # one round trip: the insert as a data-modifying WITH
            cursor.execute(
                f"WITH entry AS ({insert}) {set_head} FROM entry {of_head} RETURNING entry.id",
                [*values, entry.entry_hash],
            )
            entry.pk = cursor.fetchone()[0]
        else:
            cursor.execute(insert, values)
            entry.pk = cursor.fetchone()[0]
            cursor.execute(f"{set_head} {of_head}", [entry.entry_hash])
        entry._state.adding = False
    return entry


_ENTRY_FIELDS = [field for field in AuditEntry._meta.concrete_fields if not field.primary_key]


@functools.cache
def _append_sql() -> tuple[str, str, str]:
    """The entry's INSERT, and the UPDATE that moves the head's hash to it with its WHERE clause."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in _ENTRY_FIELDS)
    placeholders = ", ".join(["%s"] * len(_ENTRY_FIELDS))
    return (
        f"INSERT INTO {AuditEntry._meta.db_table} ({columns}) VALUES ({placeholders}) RETURNING id",
        f"UPDATE {AuditHead._meta.db_table} SET last_hash = %s",
        f"WHERE {AuditHead._meta.db_table}.id = 1",
    )


def _advance_head(cursor) -> tuple[int, str]:
    """Take the next sequence number and the hash it chains to; the head row stays locked until the commit, so
    appends from every process are serialised and the sequence has no gaps."""
    table = AuditHead._meta.db_table
    cursor.execute(f"UPDATE {table} SET seq = seq + 1 WHERE id = 1 RETURNING seq, last_hash")
    row = cursor.fetchone()
    if row is None:  # the first entry ever
        AuditHead.objects.get_or_create(pk=1, defaults={"seq": 0, "last_hash": GENESIS_HASH})
        cursor.execute(f"UPDATE {table} SET seq = seq + 1 WHERE id = 1 RETURNING seq, last_hash")
        row = cursor.fetchone()
    return row[0], row[1]


@dataclass
class ChainBreak:
    seq: int
    reason: str


def verify_chain(batch_size: int = 5000, using: str = DEFAULT_DB_ALIAS) -> tuple[int, ChainBreak | None]:
    """Walk the whole chain; return (entries checked, first break or None).

    `using` names the database: `ops` verifies the chain of a restored backup through an alias of its own.
    """
    expected_prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    last_seq = 0
    while True:
        batch = list(AuditEntry.objects.using(using).filter(seq__gt=last_seq).order_by("seq")[:batch_size])
        if not batch:
            break
        for entry in batch:
            if entry.seq != expected_seq:
                return checked, ChainBreak(expected_seq, _("第 %(seq)s 条记录缺失") % {"seq": expected_seq})
            if entry.prev_hash != expected_prev:
                return checked, ChainBreak(entry.seq, _("与前一条记录的哈希值不衔接"))
            if entry_digest(entry) != entry.entry_hash:
                return checked, ChainBreak(entry.seq, _("记录内容与其哈希值不符，已被篡改"))
            expected_prev = entry.entry_hash
            expected_seq += 1
            checked += 1
            last_seq = entry.seq
    head = AuditHead.objects.using(using).filter(pk=1).first()
    if head and head.seq != last_seq:
        return checked, ChainBreak(last_seq + 1, _("最后一条之后的记录已被删除"))
    return checked, None
