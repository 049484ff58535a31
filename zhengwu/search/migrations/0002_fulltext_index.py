"""The vendor's full-text index over `SearchEntry` (see `zhengwu/search/backends.py`).

PostgreSQL: a stored generated tsvector column (title tokens weight A, body tokens B) with a GIN index.
SQLite: an FTS5 table with the entry table as external content, kept in sync by triggers. Note: a later
migration that makes Django rebuild `search_searchentry` on SQLite drops these triggers; recreate them there.
"""

from django.db import migrations

TABLE = "search_searchentry"
FTS = "search_fts"


def fulltext_sql(vendor: str, *, drop: bool = False) -> list[str]:
    if vendor == "postgresql":
        if drop:
            return [
                "DROP INDEX IF EXISTS search_entry_vector_gin",
                f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector",
            ]
        return [
            f"ALTER TABLE {TABLE} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
            "setweight(to_tsvector('simple'::regconfig, coalesce(title_tokens, '')), 'A') || "
            "setweight(to_tsvector('simple'::regconfig, coalesce(tokens, '')), 'B')) STORED",
            f"CREATE INDEX search_entry_vector_gin ON {TABLE} USING gin (search_vector)",
        ]
    if vendor == "sqlite":
        if drop:
            return [f"DROP TRIGGER IF EXISTS {TABLE}_fts_{op}" for op in ("ai", "ad", "au")] + [
                f"DROP TABLE IF EXISTS {FTS}"
            ]
        delete_old = (
            f"INSERT INTO {FTS}({FTS}, rowid, title_tokens, tokens) "
            "VALUES ('delete', old.id, old.title_tokens, old.tokens);"
        )
        insert_new = f"INSERT INTO {FTS}(rowid, title_tokens, tokens) VALUES (new.id, new.title_tokens, new.tokens);"
        return [
            f"CREATE VIRTUAL TABLE {FTS} USING fts5(title_tokens, tokens, content='{TABLE}', content_rowid='id')",
            f"CREATE TRIGGER {TABLE}_fts_ai AFTER INSERT ON {TABLE} BEGIN {insert_new} END",
            f"CREATE TRIGGER {TABLE}_fts_ad AFTER DELETE ON {TABLE} BEGIN {delete_old} END",
            f"CREATE TRIGGER {TABLE}_fts_au AFTER UPDATE ON {TABLE} BEGIN {delete_old} {insert_new} END",
            f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
        ]
    return []


def create_index(apps, schema_editor):
    for statement in fulltext_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement)


def drop_index(apps, schema_editor):
    for statement in fulltext_sql(schema_editor.connection.vendor, drop=True):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
