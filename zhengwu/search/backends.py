"""The database side of full-text search, one implementation per vendor.

PostgreSQL: `search_searchentry.search_vector`, a stored generated `tsvector` (title tokens weighted A, body
tokens B, `simple` configuration: the tokens are already segmented by jieba) with a GIN index.
SQLite: `search_fts`, an FTS5 table over the entry table's `title_tokens`/`tokens` (external content), kept in
sync by triggers. Both are created by migration 0002; query terms are only letters and digits (see
`analysis.query_terms`) and are quoted anyway, so user input never reaches the query syntax.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models.expressions import RawSQL

from .analysis import is_prefix_term

TABLE = "search_searchentry"
FTS_TABLE = "search_fts"
MAX_COUNTED = 1_000  # totals from here on are shown as "1,000+"


@dataclass(frozen=True)
class Row:
    object_id: int
    title: str
    body: str
    department_id: int | None
    published_on: dt.date | None
    title_hit: bool
    rank: float


def _pg_query(terms: list[str]) -> str:
    return " & ".join("'" + term.replace("'", "''") + "'" + (":*" if is_prefix_term(term) else "") for term in terms)


def _fts_query(terms: list[str], *, title_only: bool = False) -> str:
    parts = ['"' + term.replace('"', '""') + '"' + ("*" if is_prefix_term(term) else "") for term in terms]
    expression = " AND ".join(parts)
    return f"{{title_tokens}} : ({expression})" if title_only else expression


def matching_entry_ids(kind: str, terms: list[str]) -> RawSQL:
    """A subquery of the ids of public entries of `kind` that contain every term (for `id__in`, at any alias).

    The kind and visibility filters are inside: the outer query then only looks rows up by primary key.
    """
    if connection.vendor == "postgresql":
        inner = f"SELECT id FROM {TABLE} WHERE search_vector @@ to_tsquery('simple', %s) AND kind = %s AND public"
        if any(is_prefix_term(term) for term in terms):
            # The planner cannot estimate a prefix: "OFFSET 0" keeps it from choosing a sequential scan for the
            # caller's LIMIT on a guess (the GIN index then answers, whatever the caller does around it).
            inner = f"SELECT id FROM ({inner} OFFSET 0) AS matches"
        return RawSQL(inner, [_pg_query(terms), kind])
    return RawSQL(
        f"SELECT e.id FROM {FTS_TABLE} CROSS JOIN {TABLE} e ON e.id = {FTS_TABLE}.rowid "
        f"WHERE {FTS_TABLE} MATCH %s AND e.kind = %s AND e.public",
        [_fts_query(terms), kind],
    )


def _filters(kind: str, department_id: int | None) -> tuple[str, list]:
    sql, params = " AND e.kind = %s AND e.public", [kind]
    if department_id is not None:
        sql += " AND e.department_id = %s"
        params.append(department_id)
    return sql, params


_COLUMNS = "e.object_id, e.title, e.body, e.department_id, e.published_on"
_NEWEST = "e.published_on DESC NULLS LAST, e.id DESC"  # the order of index search_entry_kind_newest


def _row(r) -> Row:
    return Row(
        object_id=r[0],
        title=r[1],
        body=r[2],
        department_id=r[3],
        published_on=dt.date.fromisoformat(r[4]) if isinstance(r[4], str) else r[4],
        title_hit=bool(r[5]),
        rank=float(r[6] or 0),
    )


def _count(cursor, source: str, params: list) -> int:
    cursor.execute(f"SELECT count(*) FROM (SELECT 1 {source} LIMIT {MAX_COUNTED}) AS matches", params)
    return cursor.fetchone()[0]


def search(kind: str, terms: list[str], *, department_id: int | None, limit: int, offset: int) -> tuple[int, list[Row]]:
    """(total, rows of the page): entries with every term, title matches first, then by relevance.

    `total` is exact below `MAX_COUNTED` and capped there; see `_pg_search` for what PostgreSQL does then.
    """
    where, where_params = _filters(kind, department_id)
    if connection.vendor == "postgresql":
        return _pg_search(_pg_query(terms), where, where_params, limit=limit, offset=offset)
    # CROSS JOIN keeps the FTS5 table as the outer loop: the other order re-runs the MATCH for every entry.
    source = f"FROM {FTS_TABLE} CROSS JOIN {TABLE} e ON e.id = {FTS_TABLE}.rowid WHERE {FTS_TABLE} MATCH %s{where}"
    source_params = [_fts_query(terms), *where_params]
    with connection.cursor() as cursor:
        total = _count(cursor, source, source_params)
        if not total or offset >= total:
            return total, []
        select = (
            f"SELECT {_COLUMNS}, "
            f"{FTS_TABLE}.rowid IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s) AS title_hit, "
            f"-bm25({FTS_TABLE}, 10.0, 1.0) AS rank "
        )
        order = " ORDER BY title_hit DESC, rank DESC, e.published_on IS NULL, e.published_on DESC, e.id DESC"
        cursor.execute(
            f"{select}{source}{order} LIMIT %s OFFSET %s",
            [_fts_query(terms, title_only=True), *source_params, limit, offset],
        )
        return total, [_row(r) for r in cursor.fetchall()]


@contextmanager
def _walk_newest_first(cursor):
    """Make the planner walk the newest-first index (its text-search estimates are fixed guesses); the
    settings are put back afterwards, since an enclosing transaction may run other queries."""
    cursor.execute("SET LOCAL enable_bitmapscan = off; SET LOCAL enable_seqscan = off")
    try:
        yield
    finally:
        cursor.execute("RESET enable_bitmapscan; RESET enable_seqscan")


def _pg_search(query: str, where: str, where_params: list, *, limit: int, offset: int) -> tuple[int, list[Row]]:
    """PostgreSQL: fewer than `MAX_COUNTED` matches are all ranked (title match, then `ts_rank`, then newest).

    From `MAX_COUNTED` on, ranking would read every match's full vector (a second per 100,000 matches): title
    matches come first (found through the title's own small GIN index), newest first, then the other matches,
    read by walking the kind's newest-first index until the page is full (quick, since matches are frequent).
    Title matches are counted up to `MAX_COUNTED` too, so past that many the page boundaries are approximate.
    """
    match = "e.search_vector @@ to_tsquery('simple', %s)"
    title_match = "e.title_vector @@ to_tsquery('simple', %s)"
    source = f"FROM {TABLE} e WHERE {match}{where}"
    with connection.cursor() as cursor:
        total = _count(cursor, source, [query, *where_params])
        if not total or offset >= total:
            return total, []
        if total < MAX_COUNTED:
            cursor.execute(
                f"SELECT {_COLUMNS}, {title_match} AS title_hit, ts_rank(e.search_vector, to_tsquery('simple', %s)) "
                f"{source} ORDER BY 6 DESC, 7 DESC, {_NEWEST} LIMIT %s OFFSET %s",
                [query, query, query, *where_params, limit, offset],
            )
            return total, [_row(r) for r in cursor.fetchall()]
        title_source = f"FROM {TABLE} e WHERE {title_match}{where}"
        titles = _count(cursor, title_source, [query, *where_params])
        rows = []
        if offset < titles:
            # Few title matches: sort them (the "+ 0" keeps the planner off the newest-first walk).
            order = _NEWEST if titles >= MAX_COUNTED else "e.published_on + 0 DESC NULLS LAST, e.id DESC"
            cursor.execute(
                f"SELECT {_COLUMNS}, true, 0.0 {title_source} ORDER BY {order} LIMIT %s OFFSET %s",
                [query, *where_params, limit, offset],
            )
            rows = [_row(r) for r in cursor.fetchall()]
        if len(rows) < limit:
            with transaction.atomic(), _walk_newest_first(cursor):  # SET LOCAL needs a transaction
                cursor.execute(
                    f"SELECT {_COLUMNS}, false, 0.0 {source} AND NOT {title_match} "
                    f"ORDER BY {_NEWEST} LIMIT %s OFFSET %s",
                    [query, *where_params, query, limit - len(rows), max(0, offset - titles)],
                )
                rows += [_row(r) for r in cursor.fetchall()]
        return total, rows
