"""Helpers shared by the services of every app that records acts (cases, evaluation, complaints, supervision,
disclosure).

`on` is the date of an act: None means now; tests and the demo seeder act on given dates.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengwu.errors import InvalidInput, StateConflict


def act(func):
    """Run `func` as one act: one transaction, with the statements it repeats prepared (`prepared_statements`)."""

    @functools.wraps(func)
    def run(*args, **kwargs):
        with transaction.atomic(), prepared_statements():
            return func(*args, **kwargs)

    return run


@contextlib.contextmanager
def prepared_statements():
    """On PostgreSQL, bind parameters on the server and let psycopg prepare the statements run inside, from their
    `ZHENGWU_DB_PREPARE_THRESHOLD`th run on the connection: every act runs the same few lookups by key, inserts
    and updates, which PostgreSQL then parses and plans once per connection instead of every time (half its CPU
    per act). Outside, statements are neither prepared nor bound on the server, so that lists and searches are
    always planned for their own filters."""
    threshold = settings.ZHENGWU_DB_PREPARE_THRESHOLD
    if connection.vendor != "postgresql" or threshold is None:
        yield
        return
    # Defined only when psycopg 3 is installed, which the stubs cannot know.
    from django.db.backends.postgresql.base import ServerBindingCursor  # type: ignore[attr-defined]

    connection.ensure_connection()
    raw = connection.connection
    outer = raw.prepare_threshold, raw.cursor_factory
    raw.prepare_threshold, raw.cursor_factory = threshold, ServerBindingCursor
    try:
        yield
    finally:
        raw.prepare_threshold, raw.cursor_factory = outer


def next_number(counter_model, prefix: str) -> str:
    """`<prefix>-<n, 5 digits>`, n the next value of `prefix`'s row in `counter_model` (a table of `prefix`, `last`).

    One statement creates or increments the counter and returns it (PostgreSQL and SQLite ≥ 3.35); the row stays
    locked until the act commits, so numbers are gapless and never given twice."""
    table = counter_model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (prefix, last) VALUES (%s, 1) "
            f"ON CONFLICT (prefix) DO UPDATE SET last = {table}.last + 1 RETURNING last",
            [prefix],
        )
        last = cursor.fetchone()[0]
    return f"{prefix}-{last:05d}"


def act_date(on: dt.date | None) -> dt.date:
    """The date of an act (today in Asia/Shanghai unless given)."""
    return on or timezone.localdate()


def act_moment(on: dt.date | None) -> dt.datetime:
    """Now, or the present time of day on the given date."""
    now = timezone.now()
    if on is None or on == timezone.localdate(now):
        return now
    return timezone.localtime(now).replace(year=on.year, month=on.month, day=on.day)


def clean_text(value: str, field: str, label: str, *, required: bool = True, max_length: int = 2000) -> str:
    """Stripped text of a form or API field; empty (when required) or too long → InvalidInput naming the field."""
    text = (value or "").strip()
    if required and not text:
        raise InvalidInput(_("请填写%(label)s。") % {"label": label}, field=field)
    if len(text) > max_length:
        raise InvalidInput(_("%(label)s过长（最多%(n)s字）。") % {"label": label, "n": max_length}, field=field)
    return text


def require_state(obj, allowed, act: str, message: str) -> None:
    """409 (`invalid_state`) unless `obj.state` is one of `allowed` (a value or a collection of them).

    `message` names the kind of record and takes `%(state)s` (the current state's label) and `%(act)s`.
    """
    allowed = (allowed,) if isinstance(allowed, str) else allowed
    if obj.state not in allowed:
        raise StateConflict(
            message % {"state": obj.get_state_display(), "act": act}, code="invalid_state", state=obj.state
        )
