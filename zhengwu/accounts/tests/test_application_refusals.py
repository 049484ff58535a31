"""A refused online application loses nothing: the valid files of the request are kept in the draft and shown as
uploaded, every bad file is marked at once, and nothing is submitted until the application is complete."""

from __future__ import annotations

import pytest

from zhengwu.accounts import applications
from zhengwu.accounts.models import Application, ApplicationFile, ApplicationState
from zhengwu.audit.models import AuditEntry
from zhengwu.cases.models import Case
from zhengwu.catalog.models import VersionStatus

from .factories import EXE, PDF, stored_files, upload

pytestmark = pytest.mark.django_db

KEPT_NOTE = "本次选择的有效文件已保存到草稿"


def _materials(version):
    return {m.name: m for m in version.materials.all()}


def _post(client, version, action, title="", **files):
    m = _materials(version)
    data = {"action": action, "title": title}
    for name, content in files.items():
        data[f"material_{m[name].pk}"] = content
    return client.post(f"/my/apply/{version.matter.code}/", data)


def _error_id(version, name):
    return f'id="id_material_{_materials(version)[name].pk}_error"'


def _draft_files(account):
    draft = Application.objects.get(account=account, state=ApplicationState.DRAFT)
    return sorted((f.material_name, f.original_name) for f in draft.files.all())


def test_a_refused_submission_keeps_the_valid_new_file_in_the_draft_and_shows_it(
    applicant_client, account, online_version, settings
):
    assert _post(applicant_client, online_version, "draft", 申请书=upload("申请书.pdf")).status_code == 302
    # The QA case: a file chosen for another material, a required one left empty, then 提交申请.
    response = _post(applicant_client, online_version, "submit", 委托书=upload("委托书.pdf"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "尚缺：营业执照" in html and _error_id(online_version, "营业执照") in html
    assert "已上传：委托书.pdf（再次选择文件将替换）" in html and "已上传：申请书.pdf" in html
    assert KEPT_NOTE in html
    assert _draft_files(account) == [("委托书", "委托书.pdf"), ("申请书", "申请书.pdf")]
    assert len(stored_files(settings.MEDIA_ROOT)) == 2
    # The kept file is there when the page is opened again.
    assert "已上传：委托书.pdf" in applicant_client.get(f"/my/apply/{online_version.matter.code}/").content.decode()


def test_every_bad_file_is_marked_at_once_and_none_is_stored(applicant_client, online_version, settings):
    response = _post(
        applicant_client,
        online_version,
        "submit",
        申请书=upload("申请书.pdf", EXE),  # an executable renamed .pdf
        营业执照=upload("执照.txt", b"plain text", "text/plain"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert _error_id(online_version, "申请书") in html and _error_id(online_version, "营业执照") in html
    assert "文件内容与其扩展名不符" in html and "只接受 PDF、JPG、PNG 或 OFD 格式的文件。" in html
    assert KEPT_NOTE not in html
    assert not Application.objects.exists() and not ApplicationFile.objects.exists()
    assert stored_files(settings.MEDIA_ROOT) == []


def test_a_bad_file_is_refused_and_the_good_one_of_the_same_request_kept(
    applicant_client, account, online_version, settings
):
    response = _post(
        applicant_client,
        online_version,
        "draft",
        申请书=upload("空.pdf", b""),
        营业执照=upload("执照.pdf"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "上传的文件是空的。" in html and _error_id(online_version, "申请书") in html
    assert _error_id(online_version, "营业执照") not in html
    assert "已上传：执照.pdf" in html and KEPT_NOTE in html
    assert _draft_files(account) == [("营业执照", "执照.pdf")]
    assert len(stored_files(settings.MEDIA_ROOT)) == 1


def test_a_title_too_long_refuses_the_submission_but_keeps_the_files(applicant_client, account, online_version):
    response = _post(
        applicant_client,
        online_version,
        "submit",
        title="摘" * 201,
        申请书=upload("申请书.pdf"),
        营业执照=upload("执照.pdf"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "申请事项摘要过长（最多200字）。" in html and 'id="id_title_error"' in html
    assert not Case.objects.exists()
    assert _draft_files(account) == [("申请书", "申请书.pdf"), ("营业执照", "执照.pdf")]


def test_nothing_is_submitted_when_refused(account, online_version):
    m = _materials(online_version)
    with pytest.raises(applications.ApplicationRefused) as refused:
        applications.save_application(
            account,
            online_version,
            uploads={m["申请书"].pk: upload("a.pdf", EXE), m["委托书"].pk: upload("委托书.pdf")},
            submit=True,
        )
    fields = [error.field for error in refused.value.errors]
    assert fields == [f"material_{m['申请书'].pk}", f"material_{m['申请书'].pk}"]  # its own error, then 尚缺
    assert "尚缺：申请书、营业执照" in refused.value.errors[1].message
    assert refused.value.kept == [m["委托书"].pk]
    draft = refused.value.draft
    assert draft.state == ApplicationState.DRAFT and draft.case is None and draft.submitted_at is None
    assert not Case.objects.exists()
    actions = list(AuditEntry.objects.filter(action__startswith="accounts.").values_list("action", flat=True))
    assert "accounts.save_draft" in actions and "accounts.submit_application" not in actions


def test_after_a_refusal_supplying_what_was_missing_submits_the_case_with_all_materials(
    applicant_client, account, online_version
):
    files = {"申请书": upload("申请书.pdf"), "委托书": upload("委托书.pdf")}
    refused = _post(applicant_client, online_version, "submit", **files)
    assert refused.status_code == 400 and not Case.objects.exists()
    response = _post(applicant_client, online_version, "submit", 营业执照=upload("执照.pdf", PDF))
    assert response.status_code == 302
    case = Case.objects.get()
    assert response["Location"] == f"/my/cases/{case.number}/"
    application = Application.objects.get(case=case)
    assert application.state == ApplicationState.SUBMITTED
    assert sorted(f.original_name for f in application.files.all()) == ["委托书.pdf", "执照.pdf", "申请书.pdf"]
    page = applicant_client.get(response["Location"]).content.decode()
    assert all(name in page for name in ("委托书.pdf", "执照.pdf", "申请书.pdf"))


def test_a_case_that_cannot_be_created_keeps_the_files_in_the_draft(account, online_version, settings):
    m = _materials(online_version)
    online_version.status = VersionStatus.SUPERSEDED  # withdrawn while the applicant was filling in the form
    with pytest.raises(applications.ApplicationRefused) as refused:
        applications.save_application(
            account,
            online_version,
            uploads={m["申请书"].pk: upload("申请书.pdf"), m["营业执照"].pk: upload("执照.pdf")},
            submit=True,
        )
    assert refused.value.message == "该事项版本未发布，不能受理申请。"
    assert not Case.objects.exists()
    assert _draft_files(account) == [("申请书", "申请书.pdf"), ("营业执照", "执照.pdf")]
    assert len(stored_files(settings.MEDIA_ROOT)) == 2
