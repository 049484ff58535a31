"""Writing one backup file `zhengwu-<YYYYmmdd-HHMMSS>.tar`: the database dump, the media files, the manifest."""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from . import archive, databases
from .databases import BackupFailed

BACKUP_NAME = re.compile(r"^zhengwu-\d{8}-\d{6}\.tar$")
PARTIAL_SUFFIX = ".partial"
STAGING_PREFIX = ".zhengwu-staging-"
LOCK_NAME = ".zhengwu-backup.lock"
LEFTOVER = re.compile(r"^(zhengwu-\d{8}-\d{6}\.tar\.partial|\.zhengwu-staging-.+)$")


@dataclass
class Written:
    path: Path
    leftovers: list[str] = field(default_factory=list)  # what crashed runs had left, removed before writing


def write_backup(directory: Path) -> Written:
    """Write a backup into `directory`.

    The tar is written under a `.partial` name and renamed only once complete and on disk, so a crash never leaves
    a file that looks like a backup. The database is dumped before the media are read: every file the dumped rows
    refer to was stored before the dump, so it is in the backup too.

    One backup writes into a directory at a time (a lock on `LOCK_NAME`); holding it, a run first removes what a
    crashed run left behind (a `.partial` file, a staging folder), which would otherwise fill the disk over time.
    """
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    with _exclusive(directory):
        leftovers = _remove_leftovers(directory)
        return Written(_write(directory), leftovers)


@contextmanager
def _exclusive(directory: Path) -> Iterator[None]:
    descriptor = os.open(directory / LOCK_NAME, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BackupFailed(_("另一备份正在写入 %(dir)s，本次未执行") % {"dir": directory}) from None
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def _remove_leftovers(directory: Path) -> list[str]:
    removed = []
    for path in sorted(directory.iterdir()):
        if not LEFTOVER.match(path.name):
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
        removed.append(path.name)
    return removed


def _write(directory: Path) -> Path:
    created_at = timezone.localtime()
    final = directory / f"zhengwu-{created_at:%Y%m%d-%H%M%S}.tar"
    if final.exists():
        raise BackupFailed(_("备份文件 %(file)s 已存在") % {"file": final.name})
    partial = final.with_name(final.name + PARTIAL_SUFFIX)
    try:
        # Staged next to the backups, not in /tmp: the dump can be as large as the database.
        with tempfile.TemporaryDirectory(prefix=STAGING_PREFIX, dir=directory) as staging:
            dump_member = databases.DUMP_MEMBERS.get(connection.vendor, "database")
            dump_path = Path(staging) / dump_member
            inventory = databases.dump(dump_path)
            # The backup holds personal data (encrypted, but still): readable by its owner only.
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as file:
                with tarfile.open(fileobj=file, mode="w", format=tarfile.PAX_FORMAT) as tar:
                    members = {dump_member: archive.add_file(tar, dump_member, dump_path)}
                    members |= archive.add_media(tar, Path(settings.MEDIA_ROOT), exclude=directory)
                    archive.add_manifest(tar, _manifest(created_at, dump_member, inventory, members))
                file.flush()
                os.fsync(file.fileno())
        os.rename(partial, final)
        _fsync_directory(directory)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return final


def _manifest(
    created_at, dump_member: str, inventory: databases.Inventory, members: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    return {
        "format": archive.FORMAT,
        "created_at": created_at.isoformat(),
        "vendor": connection.vendor,
        "database_member": dump_member,
        "migrations": inventory.migrations,
        "row_counts": inventory.row_counts,
        "audit": {"entries": inventory.audit_entries, "last_hash": inventory.audit_last_hash},
        "members": members,
    }


def _fsync_directory(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
