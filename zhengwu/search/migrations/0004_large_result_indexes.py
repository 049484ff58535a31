"""PostgreSQL indexes for large result sets (see `backends.search`): a GIN over the title vector, to count and
find title matches without reading the bodies, and the newest-first order of a kind, which a search of a
frequent term walks until the page is full. SQLite needs neither (FTS5 answers both from its own index)."""

from django.db import migrations

TABLE = "search_searchentry"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX search_entry_title_gin ON {TABLE} USING gin (title_vector)")
        schema_editor.execute(
            f"CREATE INDEX search_entry_kind_newest ON {TABLE} (kind, published_on DESC NULLS LAST, id DESC)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_title_gin")
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_kind_newest")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_title_vector")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
