"""Audit indexes without PostgreSQL's varchar_pattern_ops copies (`unique=True`/`db_index=True` on a CharField
build one more index for LIKE 'x%', which nothing asks of these columns, and every append paid for it).

On SQLite, altering the fields rebuilds the table, and its append-only triggers go with the old table: they are
created again at the end (dropped first, so the step is the same on PostgreSQL, where they survive).
"""

import importlib

from django.conf import settings
from django.db import migrations, models

_triggers = importlib.import_module("zhengwu.audit.migrations.0003_append_only_triggers")


def recreate_triggers(apps, schema_editor):
    _triggers.drop_triggers(apps, schema_editor)
    _triggers.create_triggers(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_append_only_triggers"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditentry",
            name="action",
            field=models.CharField(max_length=60, verbose_name="动作"),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="entry_hash",
            field=models.CharField(max_length=64),
        ),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(fields=["action"], name="audit_action_idx"),
        ),
        migrations.AddConstraint(
            model_name="auditentry",
            constraint=models.UniqueConstraint(fields=("entry_hash",), name="audit_entry_hash_unique"),
        ),
        migrations.RunPython(recreate_triggers, recreate_triggers, elidable=False),
    ]
