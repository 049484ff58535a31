"""Proving that a backup restores: every member against the manifest, then the database restored into a scratch
database whose row counts, migrations and audit chain must be what the manifest says."""

from __future__ import annotations

import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connections
from django.utils.translation import gettext as _

from zhengwu.audit.services import verify_chain

from . import archive, databases
from .archive import BackupInvalid


@dataclass
class Verification:
    file_name: str
    members: int
    tables: int
    rows: int
    audit_entries: int
    audit_last_hash: str | None

    @property
    def summary(self) -> str:
        return _(
            "备份 %(file)s 校验通过：%(members)d 个文件的 SM3 和大小与清单一致；数据库已恢复到临时库，"
            "%(tables)d 张表共 %(rows)d 行与清单一致；审计日志 %(entries)d 条，哈希链完整，末条哈希 %(hash)s。"
        ) % {
            "file": self.file_name,
            "members": self.members,
            "tables": self.tables,
            "rows": self.rows,
            "entries": self.audit_entries,
            "hash": self.audit_last_hash or "-",
        }


def verify_file(path: Path) -> Verification:
    """Verify the backup at `path`; raise BackupInvalid naming the first problem found."""
    with tempfile.TemporaryDirectory(prefix="zhengwu-verify-") as scratch:
        try:
            with tarfile.open(path, mode="r:") as tar:
                manifest = archive.read_manifest(tar)
                dump_path = Path(scratch) / "database"
                members = archive.check_members(tar, manifest, extract={manifest["database_member"]: dump_path})
        except (OSError, tarfile.TarError) as error:
            raise BackupInvalid(_("不是完整的备份文件：%(error)s") % {"error": error}) from None
        with databases.restored(dump_path, manifest["vendor"]) as alias:
            _check_restored(alias, manifest)
    counts = manifest["row_counts"]
    return Verification(
        path.name,
        members,
        len(counts),
        sum(counts.values()),
        manifest["audit"]["entries"],
        manifest["audit"]["last_hash"],
    )


def _check_restored(alias: str, manifest: dict[str, Any]) -> None:
    restored_connection = connections[alias]
    with restored_connection.cursor() as cursor:
        found = databases.take_inventory(cursor, restored_connection.vendor)
    expected: dict[str, int] = manifest["row_counts"]
    for table in sorted(set(expected) | set(found.row_counts)):
        if table not in found.row_counts:
            raise BackupInvalid(_("恢复后的数据库缺少表 %(table)s") % {"table": table})
        if table not in expected:
            raise BackupInvalid(_("恢复后的数据库有清单中没有的表 %(table)s") % {"table": table})
        if found.row_counts[table] != expected[table]:
            raise BackupInvalid(
                _("恢复后表 %(table)s 有 %(actual)d 行，清单记载 %(expected)d 行")
                % {"table": table, "actual": found.row_counts[table], "expected": expected[table]}
            )
    if found.migrations != manifest["migrations"]:
        raise BackupInvalid(_("恢复后的数据库已应用的迁移与清单不符"))
    checked, chain_break = verify_chain(using=alias)
    if chain_break is not None:
        raise BackupInvalid(
            _("恢复后的审计日志校验失败：第 %(seq)d 条，%(reason)s（此前 %(checked)d 条完好）")
            % {"seq": chain_break.seq, "reason": chain_break.reason, "checked": checked}
        )
    audit = manifest["audit"]
    if checked != audit["entries"]:
        raise BackupInvalid(
            _("恢复后的审计日志有 %(actual)d 条，清单记载 %(expected)d 条")
            % {"actual": checked, "expected": audit["entries"]}
        )
    if found.audit_last_hash != audit["last_hash"]:
        raise BackupInvalid(_("恢复后审计日志末条的哈希值与清单不符"))
