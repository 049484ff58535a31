"""Backups and their verification as operations: each run, good or bad, leaves a row in the operations log (运维日志)
and an entry in the audit chain (网络安全等级保护: 数据备份与恢复, 安全审计)."""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengwu.audit import services as audit
from zhengwu.audit.models import AuditEntry

from .archive import BackupInvalid, sm3_of_file
from .backup import BACKUP_NAME, write_backup
from .databases import BackupFailed
from .models import Operation, OperationKind, Outcome
from .verification import verify_file

FAILED_SUFFIX = ".failed"


@dataclass
class BackupFile:
    """What the operations log and the audit entry record of a backup file."""

    name: str
    size: int | None = None
    sm3: str = ""

    @classmethod
    def of(cls, path: Path) -> BackupFile:
        return cls(path.name, path.stat().st_size, sm3_of_file(path))


def run_backup(*, output_dir: Path | None = None, keep: int | None = None, verify: bool = True) -> Operation:
    """Write a backup, verify it by restoring it, then delete the oldest backups beyond `keep`.

    A backup that fails its verification is renamed `*.failed` and nothing old is deleted; with `verify=False`
    nothing old is deleted either, since only a verified backup may replace one.
    """
    directory = Path(output_dir or settings.ZHENGWU_BACKUP_DIR)
    keep = settings.ZHENGWU_BACKUP_KEEP if keep is None else keep
    if keep < 1:
        raise ValueError("keep must be at least 1")
    started_at = timezone.now()
    try:
        result = write_backup(directory)
        path = result.path
        written = BackupFile.of(path)
    except Exception as error:  # every failure belongs in the operations log, expected or not
        return _failed(OperationKind.BACKUP, started_at, _("备份失败：%(problem)s"), error)
    facts = {"file": written.name, "size": written.size}
    cleaned = ""
    if result.leftovers:
        names = "、".join(result.leftovers)
        cleaned = _("已清除此前中断的备份留下的文件：%(files)s") % {"files": names}
    if not verify:
        summary = _("备份完成（未校验）：%(file)s，%(size)d 字节；未经校验的备份不替换旧备份，旧备份均保留。") % facts
        return _record(OperationKind.BACKUP, started_at, Outcome.SUCCEEDED, summary, written, cleaned)
    try:
        verification = verify_file(path)
    except Exception as error:
        failed = path.with_name(path.name + FAILED_SUFFIX)
        os.rename(path, failed)
        written.name = failed.name
        template = _("备份校验未通过，文件已改名为 %(file)s：%(problem)s")
        summary = template % {"file": failed.name, "problem": _problem(error)}
        detail = "\n".join(filter(None, [cleaned, _trace(error)]))
        return _record(OperationKind.BACKUP, started_at, Outcome.FAILED, summary, written, detail)
    removed = prune_backups(directory, keep=keep, newest=path)
    detail = cleaned
    if removed:
        names = "、".join(p.name for p in removed)
        pruned = _("已删除超出保留份数（%(keep)d）的旧备份：%(files)s") % {"keep": keep, "files": names}
        detail = "\n".join(filter(None, [detail, pruned]))
    summary = _("备份完成：%(file)s，%(size)d 字节。") % facts + "\n" + verification.summary
    return _record(OperationKind.BACKUP, started_at, Outcome.SUCCEEDED, summary, written, detail)


def run_verification(path: Path) -> Operation:
    """Verify the backup at `path` by restoring it into a scratch database (see `verification.verify_file`); when
    the audit chain recorded this file at backup time, its SM3 must still be the one recorded, which also protects
    the manifest itself."""
    started_at = timezone.now()
    checked = BackupFile(path.name)
    try:
        checked = BackupFile.of(path)
        verification = verify_file(path)
        recorded = _recorded_sm3s(path.name)
        if recorded and checked.sm3 not in recorded:
            raise BackupInvalid(_("备份文件的 SM3 与备份时审计日志记载的不符，文件已被改动"))
    except Exception as error:
        return _failed(OperationKind.VERIFY_BACKUP, started_at, _("备份校验未通过：%(problem)s"), error, checked)
    return _record(OperationKind.VERIFY_BACKUP, started_at, Outcome.SUCCEEDED, verification.summary, checked)


def prune_backups(directory: Path, *, keep: int, newest: Path) -> list[Path]:
    """Delete the oldest backup files (by the time in their names) so that `keep` remain, `newest` among them.
    Only files named like a backup are touched: never a `.failed` one, nor anything else (`.partial` files of crashed
    runs are `write_backup`'s to remove)."""
    others = sorted(
        (p for p in directory.iterdir() if BACKUP_NAME.match(p.name) and p != newest and p.is_file()),
        key=lambda p: p.name,
    )
    removed = others[: max(len(others) - (keep - 1), 0)]
    for path in removed:
        path.unlink()
    return removed


def _recorded_sm3s(file_name: str) -> set[str]:
    entries = AuditEntry.objects.filter(action=f"ops.{OperationKind.BACKUP.value}", detail__file=file_name)
    return {entry.detail.get("sm3") for entry in entries if entry.detail.get("sm3")}


def _problem(error: Exception) -> str:
    if isinstance(error, BackupFailed | BackupInvalid):
        return str(error)
    return f"{type(error).__name__}: {error}"


def _trace(error: Exception) -> str:
    if isinstance(error, BackupFailed | BackupInvalid):
        return ""
    return "".join(traceback.format_exception(error))


def _failed(kind: str, started_at, template: str, error: Exception, file: BackupFile | None = None) -> Operation:
    summary = template % {"problem": _problem(error)}
    return _record(kind, started_at, Outcome.FAILED, summary, file, _trace(error))


def _record(
    kind: str, started_at, outcome: str, summary: str, file: BackupFile | None = None, detail: str = ""
) -> Operation:
    """One row in the operations log and one audit entry, in a transaction of their own."""
    file = file or BackupFile("")
    with transaction.atomic():
        operation = Operation.objects.create(
            kind=kind,
            started_at=started_at,
            finished_at=timezone.now(),
            outcome=outcome,
            file_name=file.name,
            size=file.size,
            sm3=file.sm3,
            summary=summary,
            detail=detail,
        )
        action = f"ops.{OperationKind(kind).value}"
        audit.record(None, action, operation, file=file.name, outcome=outcome, size=file.size, sm3=file.sm3)
    return operation
