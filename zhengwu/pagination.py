"""Keyset pagination of API lists ordered by a date and then the primary key.

A page ends with an opaque cursor (`next`) naming the list and the (date, id) key of its last row; the following
page is asked for with `after=<next>` and starts strictly past that key, so rows added or removed meanwhile never
shift a page (as with page numbers). A cursor that was not issued by us, or belongs to another list, is a 400 naming
`after`, never a database error.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from ninja import Field, Schema

from zhengwu.errors import InvalidInput

MAX_PAGE = 500  # rows per page at most
MAX_ID = 2**63  # 64-bit primary keys: a forged id beyond them would fail in the database
AFTER_DESCRIPTION = "分页游标：上一页返回的 next"

_KEY = re.compile(r"([a-z_]+):([0-9]{4}-[0-9]{2}-[0-9]{2}):([1-9][0-9]{0,18})", re.ASCII)


class CursorPage(Schema):
    """A page of a keyset-paginated list; subclasses add `items`."""

    next: str | None = Field(None, description="下一页游标（作为 after 参数传回）；最后一页为 null")


def encode_cursor(list_name: str, on: dt.date, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{list_name}:{on.isoformat()}:{pk}".encode()).decode().rstrip("=")


def decode_cursor(list_name: str, cursor: str | None) -> tuple[dt.date, int] | None:
    """The (date, id) key of a cursor of `list_name`; None without a cursor; InvalidInput on `after` otherwise."""
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
        match = _KEY.fullmatch(raw)
        if match is None or match[1] != list_name:
            raise ValueError(raw)
        on, pk = dt.date.fromisoformat(match[2]), int(match[3])
        if pk >= MAX_ID:
            raise ValueError(raw)
        return on, pk
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise InvalidInput(_("分页游标无效。"), field="after") from exc


def _value(row, field: str):
    return row[field] if isinstance(row, dict) else getattr(row, field)


def keyset_page(
    queryset: QuerySet, list_name: str, date_field: str, *, descending: bool, after: str | None, limit: int
) -> tuple[list, str | None]:
    """One page of `queryset` in (date_field, id) order — descending or ascending in both — past the `after`
    cursor, and the cursor of the following page (None on the last). `limit` is clamped to 1…MAX_PAGE."""
    limit = max(1, min(limit, MAX_PAGE))
    key = decode_cursor(list_name, after)
    past = "lt" if descending else "gt"
    if key is not None:
        on, pk = key
        # The redundant bound on the date alone lets the (…, date) indexes serve the range.
        queryset = queryset.filter(
            Q(**{f"{date_field}__{past}e": on}) & (Q(**{f"{date_field}__{past}": on}) | Q(**{f"id__{past}": pk}))
        )
    sign = "-" if descending else ""
    rows = list(queryset.order_by(f"{sign}{date_field}", f"{sign}id")[: limit + 1])
    if len(rows) <= limit:
        return rows, None
    last = rows[limit - 1]
    return rows[:limit], encode_cursor(list_name, _value(last, date_field), _value(last, "id"))
