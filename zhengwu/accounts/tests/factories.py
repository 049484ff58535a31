"""Test data for applicant accounts: accounts through the registration service, and uploaded-file contents."""

from __future__ import annotations

import io
import itertools
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from zhengwu.accounts import services
from zhengwu.accounts.models import Account, AccountKind
from zhengwu.parties.tests.factories import make_citizen_id, make_uscc

PASSWORD = "Wenzhou2025ok"
_phones = itertools.count(1)


def next_phone() -> str:
    return f"139{next(_phones):08d}"


def register_person(name="王小明", phone=None, password=PASSWORD, **kwargs) -> Account:
    return services.register(
        kind=AccountKind.PERSON,
        name=name,
        id_number=kwargs.pop("id_number", None) or make_citizen_id(),
        phone=phone or next_phone(),
        password=password,
        password2=password,
        **kwargs,
    )


def register_enterprise(name="永嘉县测试商贸有限公司", phone=None, password=PASSWORD) -> Account:
    return services.register(
        kind=AccountKind.ENTERPRISE,
        name=name,
        id_number=make_uscc(),
        phone=phone or next_phone(),
        password=password,
        password2=password,
        representative="张三",
    )


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
HTML = b"<!doctype html><script>alert(1)</script>"
EXE = b"MZ\x90\x00" + b"\x00" * 60


def ofd_bytes(entry="OFD.xml") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr(entry, "<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'/>")
    return buffer.getvalue()


def upload(name="申请书.pdf", content=PDF, content_type="application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored_files(media_root) -> list:
    """Every file stored under MEDIA_ROOT/uploads/."""
    folder = media_root / "uploads"
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []
