"""Upload abuse: wrong type, oversize, path tricks, another account's file, staff outside the case's scope —
refused, and nothing stored."""

from __future__ import annotations

import pytest
from django.test import Client

from zhengwu.accounts import applications
from zhengwu.accounts.models import ApplicationFile
from zhengwu.accounts.uploads import check_upload, clean_name
from zhengwu.cases.models import Case
from zhengwu.errors import InvalidInput

from .factories import EXE, HTML, JPEG, PDF, PNG, ofd_bytes, stored_files, upload

pytestmark = pytest.mark.django_db


def _licence(version):
    return version.materials.get(name="申请书")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("申请书.pdf", HTML),  # HTML disguised as PDF
        ("申请书.pdf", EXE),  # a Windows executable disguised as PDF
        ("照片.png", JPEG),  # real image, wrong extension
        ("申请书.exe", EXE),
        ("页面.html", HTML),
        ("包.ofd", ofd_bytes("other.xml")),  # a ZIP that is not an OFD package
        ("申请书", PDF),  # no extension
    ],
)
def test_wrong_type_is_refused_and_nothing_stored(applicant_client, online_version, settings, name, content):
    material = _licence(online_version)
    response = applicant_client.post(
        f"/my/apply/{online_version.matter.code}/",
        {"action": "draft", f"material_{material.pk}": upload(name, content)},
    )
    assert response.status_code == 400
    assert f'id="id_material_{material.pk}_error"' in response.content.decode()
    assert stored_files(settings.MEDIA_ROOT) == []
    assert not ApplicationFile.objects.exists()


@pytest.mark.parametrize(("name", "content"), [("a.pdf", PDF), ("b.PNG", PNG), ("c.jpeg", JPEG), ("d.ofd", None)])
def test_accepted_types(name, content):
    checked = check_upload(upload(name, content or ofd_bytes()), "f")
    assert checked.original_name == name and checked.size > 0 and len(checked.sha256) == 64


def test_oversize_is_refused_and_nothing_stored(applicant_client, online_version, settings):
    settings.ZHENGWU_UPLOAD_MAX_BYTES = 1024
    material = _licence(online_version)
    big = PDF + b"0" * 1024
    response = applicant_client.post(
        f"/my/apply/{online_version.matter.code}/", {"action": "draft", f"material_{material.pk}": upload("a.pdf", big)}
    )
    assert response.status_code == 400
    assert "文件过大" in response.content.decode()
    assert stored_files(settings.MEDIA_ROOT) == []


def test_default_size_limit_is_10_mb(settings):
    del settings.ZHENGWU_UPLOAD_MAX_BYTES
    from zhengwu.accounts.uploads import max_bytes

    assert max_bytes() == 10 * 1024 * 1024


def test_empty_file_is_refused():
    with pytest.raises(InvalidInput):
        check_upload(upload("a.pdf", b""), "f")


@pytest.mark.parametrize("name", ["../../x.pdf", "..\\..\\x.pdf", "a\x00.pdf", "/etc/passwd.pdf", "..", "a\n.pdf"])
def test_path_tricks_in_names_are_refused(name):
    with pytest.raises(InvalidInput) as error:
        clean_name(name, "material_1")
    assert error.value.field == "material_1"


def test_path_tricks_via_the_service_store_nothing(account, online_version, settings):
    material = _licence(online_version)
    trick = upload("x.pdf", PDF)
    trick._name = "../../x.pdf"  # bypass the basename Django's upload handling applies to names
    with pytest.raises(InvalidInput):
        applications.save_application(account, online_version, uploads={material.pk: trick})
    assert stored_files(settings.MEDIA_ROOT) == []
    assert not (settings.MEDIA_ROOT.parent / "x.pdf").exists()


def test_a_tricky_name_over_http_ends_up_as_metadata_only(applicant_client, online_version, settings):
    material = _licence(online_version)
    applicant_client.post(
        f"/my/apply/{online_version.matter.code}/",
        {"action": "draft", f"material_{material.pk}": upload("../../x.pdf", PDF)},
    )
    stored = stored_files(settings.MEDIA_ROOT)
    assert len(stored) == 1 and stored[0].name != "x.pdf"
    assert ApplicationFile.objects.get().original_name == "x.pdf"  # Django keeps only the base name


@pytest.fixture
def submitted_file(account, online_version):
    m = {x.name: x for x in online_version.materials.all()}
    application = applications.save_application(
        account,
        online_version,
        uploads={m["申请书"].pk: upload("申请书.pdf"), m["营业执照"].pk: upload("执照.pdf")},
        submit=True,
    )
    return application.files.get(material_name="申请书")


def test_owner_downloads_the_file_as_attachment(applicant_client, submitted_file):
    response = applicant_client.get(f"/my/files/{submitted_file.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF


def test_another_accounts_file_url_is_404(other_client, submitted_file):
    assert other_client.get(f"/my/files/{submitted_file.pk}/").status_code == 404


def test_anonymous_file_url_goes_to_login(client, submitted_file):
    response = client.get(f"/my/files/{submitted_file.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/my/login/")


def test_media_url_does_not_serve_uploads(client, submitted_file):
    assert client.get(f"/media/{submitted_file.file.name}").status_code == 404


def test_staff_of_the_department_download_other_departments_get_404(staff, other_staff, submitted_file):
    ours, theirs = Client(), Client()
    ours.force_login(staff.clerk)
    theirs.force_login(other_staff.clerk)
    assert ours.get(f"/my/staff/files/{submitted_file.pk}/").status_code == 200
    assert theirs.get(f"/my/staff/files/{submitted_file.pk}/").status_code == 404
    assert Client().get(f"/my/staff/files/{submitted_file.pk}/").status_code == 302  # staff login required


def test_a_staff_read_of_an_uploaded_material_is_audited(staff, other_staff, submitted_file):
    from zhengwu.audit.models import AuditEntry

    reads = AuditEntry.objects.filter(action="accounts.staff_read_file", object_id=str(submitted_file.pk))
    theirs = Client()
    theirs.force_login(other_staff.clerk)
    assert theirs.get(f"/my/staff/files/{submitted_file.pk}/").status_code == 404
    assert not reads.exists()
    ours = Client()
    ours.force_login(staff.clerk)
    assert ours.get(f"/my/staff/files/{submitted_file.pk}/").status_code == 200
    entry = reads.get()
    assert entry.actor_id == staff.clerk.pk and entry.detail["case"] == Case.objects.get().number


def test_draft_files_are_not_visible_to_staff(staff, account, online_version):
    material = _licence(online_version)
    draft = applications.save_application(account, online_version, uploads={material.pk: upload()})
    client = Client()
    client.force_login(staff.clerk)
    assert client.get(f"/my/staff/files/{draft.files.get().pk}/").status_code == 404


def test_staff_include_lists_the_uploaded_materials(staff, submitted_file):
    from django.template.loader import render_to_string

    case = Case.objects.get()
    html = render_to_string("accounts/_case_materials.html", {"case": case})
    assert f"/my/staff/files/{submitted_file.pk}/" in html and "申请书.pdf" in html


def test_workbench_case_detail_shows_the_uploaded_materials_to_staff(staff, submitted_file):
    case = Case.objects.get()
    client = Client()
    client.force_login(staff.clerk)
    html = client.get(f"/workbench/cases/{case.number}/").content.decode()
    assert "网上申请材料" in html and f"/my/staff/files/{submitted_file.pk}/" in html
