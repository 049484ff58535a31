"""Database triggers that refuse UPDATE and DELETE on audit entries, below the ORM guard in models.py.

The triggers stop the application (and anyone using its database account carelessly) from rewriting history;
a database owner can still drop them, which is why the SM3 chain and `manage.py verify_audit` exist too.
PostgreSQL's TRUNCATE is left alone: Django's test runner empties tables with it.
"""

from django.db import migrations

_MESSAGE = "audit log is append-only"


def trigger_sql(vendor: str, table: str, *, drop: bool = False) -> list[str]:
    """The statements that create (or, with drop=True, remove) the triggers on `table` for `vendor`."""
    if vendor == "sqlite":
        if drop:
            return [f"DROP TRIGGER IF EXISTS {table}_no_{op}" for op in ("update", "delete")]
        return [
            f"CREATE TRIGGER {table}_no_{op} BEFORE {op.upper()} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END"
            for op in ("update", "delete")
        ]
    if vendor == "postgresql":
        if drop:
            return [
                f'DROP TRIGGER IF EXISTS {table}_append_only ON "{table}"',
                f"DROP FUNCTION IF EXISTS {table}_refuse_change()",
            ]
        return [
            f"CREATE OR REPLACE FUNCTION {table}_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{_MESSAGE}' USING ERRCODE = 'integrity_constraint_violation'; END $$",
            f'CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON "{table}" '
            f"FOR EACH ROW EXECUTE FUNCTION {table}_refuse_change()",
        ]
    return []  # other databases: the ORM guard and the hash chain only


def _run(apps, schema_editor, *, drop: bool) -> None:
    table = apps.get_model("audit", "AuditEntry")._meta.db_table
    for statement in trigger_sql(schema_editor.connection.vendor, table, drop=drop):
        schema_editor.execute(statement)


def create_triggers(apps, schema_editor):
    _run(apps, schema_editor, drop=False)


def drop_triggers(apps, schema_editor):
    _run(apps, schema_editor, drop=True)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_initial")]

    operations = [migrations.RunPython(create_triggers, drop_triggers, elidable=False)]
