"""The backup file: an uncompressed tar of the database dump, the media files and `manifest.json`, which records
the SM3 and size of every other member. Reading checks each member against the manifest as it streams by."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import tarfile
import time
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
FORMAT = 1
_CHUNK = 1024 * 1024


class BackupInvalid(Exception):
    """The backup does not prove what it claims; the message (Chinese) names the first problem found."""


def sm3_of_file(path: Path) -> str:
    digest = hashlib.new("sm3")
    with open(path, "rb") as file:
        while chunk := file.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class _HashingReader:
    """Hashes exactly the bytes tarfile reads into the archive, so the manifest describes what was stored even
    when a file changes while it is read."""

    def __init__(self, file: IO[bytes]) -> None:
        self._file = file
        self.digest = hashlib.new("sm3")

    def read(self, size: int = -1) -> bytes:
        data = self._file.read(size)
        self.digest.update(data)
        return data


def add_file(tar: tarfile.TarFile, name: str, path: Path) -> dict[str, Any]:
    """Add the file at `path` as member `name`; return its manifest record."""
    with open(path, "rb") as file:
        info = tar.gettarinfo(arcname=name, fileobj=file)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        reader = _HashingReader(file)
        tar.addfile(info, reader)  # tarfile only calls read()
    return {"sm3": reader.digest.hexdigest(), "size": info.size}


def add_media(tar: tarfile.TarFile, root: Path, *, exclude: Path) -> dict[str, dict[str, Any]]:
    """Add every regular file under `root` (skipping `exclude`, the backup directory, should it lie inside)."""
    records: dict[str, dict[str, Any]] = {}
    if not root.is_dir():
        return records
    exclude = exclude.resolve()
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if (here / d).resolve() != exclude)
        for filename in sorted(filenames):
            path = here / filename
            if path.is_symlink() or not path.is_file():
                continue
            name = MEDIA_PREFIX + path.relative_to(root).as_posix()
            try:
                records[name] = add_file(tar, name, path)
            except FileNotFoundError:  # deleted since the walk saw it: it is no longer part of the data
                continue
    return records


def add_manifest(tar: tarfile.TarFile, manifest: dict[str, Any]) -> None:
    data = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
    info = tarfile.TarInfo(MANIFEST)
    info.size = len(data)
    info.mtime = int(time.time())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


def read_manifest(tar: tarfile.TarFile) -> dict[str, Any]:
    try:
        member = tar.getmember(MANIFEST)
    except KeyError:
        raise BackupInvalid(_("备份中没有清单 manifest.json")) from None
    file = tar.extractfile(member)
    if file is None:
        raise BackupInvalid(_("备份中没有清单 manifest.json"))
    try:
        manifest = json.loads(file.read())
    except ValueError as error:
        raise BackupInvalid(_("清单 manifest.json 无法读取：%(error)s") % {"error": error}) from None
    required = ("format", "created_at", "vendor", "database_member", "migrations", "row_counts", "audit", "members")
    missing = [key for key in required if not isinstance(manifest, dict) or key not in manifest]
    if missing:
        raise BackupInvalid(_("清单 manifest.json 不完整：缺少 %(key)s") % {"key": missing[0]})
    if manifest["format"] != FORMAT:
        raise BackupInvalid(_("清单格式版本 %(format)s 无法识别") % {"format": manifest["format"]})
    if manifest["database_member"] not in manifest["members"]:
        raise BackupInvalid(_("清单中没有数据库文件 %(name)s") % {"name": manifest["database_member"]})
    return manifest


def check_members(tar: tarfile.TarFile, manifest: dict[str, Any], *, extract: dict[str, Path]) -> int:
    """Check the SM3 and size of every member against the manifest, writing the members named in `extract` to
    their paths on the way (nothing else is extracted, so member names never reach the file system).
    Return the number of members checked."""
    expected: dict[str, dict[str, Any]] = manifest["members"]
    seen: set[str] = set()
    for member in tar:
        if member.name == MANIFEST:
            continue
        record = expected.get(member.name)
        if record is None or not member.isfile() or member.name in seen:
            raise BackupInvalid(_("备份中的文件 %(name)s 不在清单中") % {"name": member.name})
        seen.add(member.name)
        digest, size = _stream(tar, member, extract.get(member.name))
        if size != record["size"]:
            raise BackupInvalid(
                _("文件 %(name)s 的大小与清单不符（%(actual)d 字节，清单记载 %(expected)d 字节）")
                % {"name": member.name, "actual": size, "expected": record["size"]}
            )
        if digest != record["sm3"]:
            raise BackupInvalid(_("文件 %(name)s 的 SM3 与清单不符，内容已被改动") % {"name": member.name})
    for name in sorted(set(expected) - seen):
        raise BackupInvalid(_("清单中的文件 %(name)s 不在备份中") % {"name": name})
    return len(seen)


def _stream(tar: tarfile.TarFile, member: tarfile.TarInfo, target: Path | None) -> tuple[str, int]:
    source = tar.extractfile(member)
    assert source is not None  # a regular file
    digest = hashlib.new("sm3")
    size = 0
    with open(target, "wb") if target is not None else contextlib.nullcontext() as out:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            if out is not None:
                out.write(chunk)
    return digest.hexdigest(), size
