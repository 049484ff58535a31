"""PostgreSQL: a small stored tsvector of the title alone.

Large result sets are ordered by "title holds every term" without reading each entry's full vector (see
`backends.search`); SQLite needs nothing new (FTS5 answers the title-only query from its own index).
"""

from django.db import migrations

TABLE = "search_searchentry"


def add_title_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE {TABLE} ADD COLUMN title_vector tsvector GENERATED ALWAYS AS "
            "(to_tsvector('simple'::regconfig, coalesce(title_tokens, ''))) STORED"
        )


def drop_title_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS title_vector")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext_index")]

    operations = [migrations.RunPython(add_title_vector, drop_title_vector, elidable=False)]
