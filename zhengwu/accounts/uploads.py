"""Checks on an uploaded material before anything is stored: name, size and real type (magic bytes).

Only PDF, JPG, PNG and OFD are accepted, and the content must be what the extension says (a `.pdf` that is really
HTML or an executable is refused). The applicant's file name is kept only as metadata; path parts, NUL and other
control characters are refused. Files are stored under MEDIA_ROOT/uploads/ (outside the web root) with a random
name and served only through views that check who asks.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from zhengwu.errors import InvalidInput

from .models import FileKind

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
EXTENSIONS = {
    ".pdf": FileKind.PDF,
    ".jpg": FileKind.JPEG,
    ".jpeg": FileKind.JPEG,
    ".png": FileKind.PNG,
    ".ofd": FileKind.OFD,
}
CONTENT_TYPES = {
    FileKind.PDF: "application/pdf",
    FileKind.JPEG: "image/jpeg",
    FileKind.PNG: "image/png",
    FileKind.OFD: "application/ofd",
}
MAX_NAME_LENGTH = 200


def max_bytes() -> int:
    return int(getattr(settings, "ZHENGWU_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


@dataclass
class CheckedUpload:
    upload: object  # django UploadedFile
    kind: str
    original_name: str
    size: int
    sha256: str


def clean_name(name: str, field: str) -> str:
    """The file name as metadata: no directories, no `..`, no NUL or control characters."""
    name = name or ""
    if any(ord(char) < 32 or ord(char) == 127 for char in name):
        raise InvalidInput(_("文件名含有不允许的字符。"), field=field)
    if "/" in name or "\\" in name or ".." in name or name.strip() in {"", "."}:
        raise InvalidInput(_("文件名不能包含路径。"), field=field)
    name = name.strip()
    if len(name) > MAX_NAME_LENGTH:
        stem, ext = os.path.splitext(name)
        name = stem[: MAX_NAME_LENGTH - len(ext)] + ext
    return name


def _sniff(upload) -> str | None:
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return FileKind.PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileKind.PNG
    if head.startswith(b"\xff\xd8\xff"):
        return FileKind.JPEG
    if head.startswith(b"PK\x03\x04"):
        # OFD (GB/T 33190) is a ZIP package whose entry point is OFD.xml at the root.
        try:
            with zipfile.ZipFile(upload) as package:
                names = {entry.lower() for entry in package.namelist()}
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            upload.seek(0)
        return FileKind.OFD if "ofd.xml" in names else None
    return None


def _digest(upload) -> str:
    upload.seek(0)
    sha = hashlib.sha256()
    for chunk in upload.chunks():
        sha.update(chunk)
    upload.seek(0)
    return sha.hexdigest()


def check_upload(upload, field: str) -> CheckedUpload:
    """Check one uploaded file; InvalidInput naming `field` if it is refused (nothing is stored here)."""
    name = clean_name(getattr(upload, "name", ""), field)
    size = upload.size or 0
    if size == 0:
        raise InvalidInput(_("上传的文件是空的。"), field=field)
    limit = max_bytes()
    if size > limit:
        raise InvalidInput(_("文件过大：每个文件不得超过%(mb)s MB。") % {"mb": f"{limit / 1024 / 1024:g}"}, field=field)
    expected = EXTENSIONS.get(os.path.splitext(name)[1].lower())
    if expected is None:
        raise InvalidInput(_("只接受 PDF、JPG、PNG 或 OFD 格式的文件。"), field=field)
    if _sniff(upload) != expected:
        raise InvalidInput(_("文件内容与其扩展名不符，或不是 PDF、JPG、PNG、OFD 文件。"), field=field)
    return CheckedUpload(upload=upload, kind=expected, original_name=name, size=size, sha256=_digest(upload))
