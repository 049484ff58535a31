"""Online application: draft, submission into the common workflow, required materials, correction and
resubmission of exactly the listed materials."""

from __future__ import annotations

import pytest

from zhengwu.accounts import applications
from zhengwu.accounts.models import Application, ApplicationFile, ApplicationState
from zhengwu.cases import services as case_services
from zhengwu.cases.models import Case, CaseState, Channel
from zhengwu.cases.tests.conftest import D
from zhengwu.errors import InvalidInput, StateConflict

from .factories import JPEG, PDF, PNG, ofd_bytes, stored_files, upload

pytestmark = pytest.mark.django_db


def _materials(version):
    return {m.name: m for m in version.materials.all()}


def _post(client, version, action, **files):
    m = _materials(version)
    data = {"action": action, "title": ""}
    for name, content in files.items():
        data[f"material_{m[name].pk}"] = content
    return client.post(f"/my/apply/{version.matter.code}/", data)


def test_apply_form_lists_the_matter_materials_with_labels(applicant_client, online_version):
    response = applicant_client.get(f"/my/apply/{online_version.matter.code}/")
    html = response.content.decode()
    assert response.status_code == 200
    for material in online_version.materials.all():
        assert f'<label for="id_material_{material.pk}">{material.name}' in html
    assert "必要材料" in html and "非必要材料" in html
    assert 'enctype="multipart/form-data"' in html


def test_material_help_is_joined_with_the_languages_separator(online_version):
    from django.utils import translation

    from zhengwu.accounts.forms import ApplicationForm

    material = _materials(online_version)["申请书"]
    material.notes = "加盖公章"
    with translation.override("en"):
        form = ApplicationForm(materials=[material], existing={})
        help_text = form.fields[f"material_{material.pk}"].help_text
        assert help_text.endswith(", 加盖公章") and "；" not in help_text
    form = ApplicationForm(materials=[material], existing={})
    assert form.fields[f"material_{material.pk}"].help_text == "必要材料，加盖公章"


def test_apply_with_uploads_creates_an_online_case_in_the_common_workflow(
    applicant_client, account, online_version, settings, staff
):
    response = _post(
        applicant_client,
        online_version,
        "submit",
        申请书=upload("申请书.pdf", PDF),
        营业执照=upload("执照.png", PNG, "image/png"),
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert response["Location"] == f"/my/cases/{case.number}/"
    assert case.channel == Channel.ONLINE and case.state == CaseState.SUBMITTED
    assert case.applicant_id == account.party_id and case.window is None
    assert case.events.get().actor is None
    application = Application.objects.get()
    assert application.state == ApplicationState.SUBMITTED and application.case == case
    files = list(application.files.order_by("material_name"))
    assert [f.original_name for f in files] == ["申请书.pdf", "执照.png"]
    stored = stored_files(settings.MEDIA_ROOT)
    assert len(stored) == 2
    for f in files:
        # random stored name under uploads/, never the applicant's name
        assert f.file.name.startswith("uploads/") and f.original_name not in f.file.name
    # The window clerk accepts it like any case.
    case_services.accept(case, actor=staff.clerk, on=None)
    assert Case.objects.get().state == CaseState.ACCEPTED


def test_draft_is_saved_without_a_case_and_submitted_later(
    applicant_client, online_version, settings, django_capture_on_commit_callbacks
):
    response = _post(applicant_client, online_version, "draft", 申请书=upload("申请书.pdf", PDF))
    assert response.status_code == 302
    assert not Case.objects.exists()
    draft = Application.objects.get()
    assert draft.state == ApplicationState.DRAFT and draft.files.count() == 1
    page = applicant_client.get(f"/my/apply/{online_version.matter.code}/").content.decode()
    assert "已上传：申请书.pdf" in page
    # A newer file replaces the draft's older one (drafts keep one per material).
    with django_capture_on_commit_callbacks(execute=True):
        _post(applicant_client, online_version, "draft", 申请书=upload("申请书-新.pdf", PDF))
    assert list(draft.files.values_list("original_name", flat=True)) == ["申请书-新.pdf"]
    assert len(stored_files(settings.MEDIA_ROOT)) == 1
    # Submit with only the remaining material: the draft's file counts.
    response = _post(applicant_client, online_version, "submit", 营业执照=upload("执照.jpg", JPEG, "image/jpeg"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == ApplicationState.SUBMITTED and draft.case.channel == Channel.ONLINE


def test_required_material_missing_is_refused_and_nothing_changes(applicant_client, online_version, settings):
    # Without any file to keep (a refusal keeps the valid files: test_application_refusals.py).
    response = _post(applicant_client, online_version, "submit")
    assert response.status_code == 400
    html = response.content.decode()
    assert "尚缺：申请书、营业执照" in html
    form = _materials(online_version)["申请书"]
    assert f'id="id_material_{form.pk}_error"' in html
    assert not Case.objects.exists()
    assert not Application.objects.exists() and not ApplicationFile.objects.exists()
    assert stored_files(settings.MEDIA_ROOT) == []


def test_missing_materials_are_listed_with_the_languages_separator(account, online_version):
    from django.utils import translation

    with translation.override("en"), pytest.raises(InvalidInput) as error:
        applications.save_application(account, online_version, uploads={}, submit=True)
    assert "申请书, 营业执照" in error.value.message and "、" not in error.value.message


def test_optional_material_is_not_required(account, online_version):
    m = _materials(online_version)
    application = applications.save_application(
        account,
        online_version,
        uploads={m["申请书"].pk: upload(), m["营业执照"].pk: upload("b.ofd", ofd_bytes())},
        submit=True,
    )
    assert application.case is not None
    assert {f.kind for f in application.files.all()} == {"pdf", "ofd"}


def test_a_material_of_another_matter_is_refused(account, online_version, online_immediate):
    foreign = online_immediate.materials.get()
    with pytest.raises(InvalidInput) as error:
        applications.save_application(account, online_version, uploads={foreign.pk: upload()})
    assert error.value.field == f"material_{foreign.pk}"


def test_matter_not_available_online_is_404(applicant_client, version):
    assert applicant_client.get(f"/my/apply/{version.matter.code}/").status_code == 404
    assert applicant_client.get("/my/apply/NO-SUCH-CODE/").status_code == 404


def test_apply_needs_login(client, online_version):
    response = client.get(f"/my/apply/{online_version.matter.code}/")
    assert response.status_code == 302 and response["Location"].startswith("/my/login/?next=")


# -- correction (补正) -----------------------------------------------------------------------------------------------
@pytest.fixture
def corrected(account, online_version, staff):
    """An online case for which the clerk asked to correct 营业执照 only."""
    m = _materials(online_version)
    application = applications.save_application(
        account,
        online_version,
        uploads={m["申请书"].pk: upload("申请书.pdf"), m["营业执照"].pk: upload("执照.pdf")},
        submit=True,
        on=D("2025-09-26"),
    )
    case = application.case
    notice = case_services.request_correction(
        case,
        actor=staff.clerk,
        on=D("2025-09-29"),
        items=[{"material_id": m["营业执照"].pk, "reason": "执照已过有效期，请提供有效执照。"}],
    )
    return application, case, notice.items.get()


def test_personal_space_shows_exactly_the_listed_materials_and_reasons(applicant_client, corrected):
    _, case, item = corrected
    html = applicant_client.get(f"/my/cases/{case.number}/").content.decode()
    assert "执照已过有效期，请提供有效执照。" in html
    assert f'name="item_{item.pk}"' in html
    assert html.count('type="file"') == 1  # only the listed material can be uploaded


def test_resubmit_only_the_listed_materials_keeps_earlier_files(applicant_client, corrected, settings):
    application, case, item = corrected
    response = applicant_client.post(
        f"/my/cases/{case.number}/correct/", {f"item_{item.pk}": upload("新执照.pdf", PDF)}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.SUBMITTED
    assert case.correction_notices.get().resubmitted_on is not None
    files = list(application.files.order_by("round", "id"))
    assert [(f.material_name, f.round, f.original_name) for f in files] == [
        ("申请书", 0, "申请书.pdf"),
        ("营业执照", 0, "执照.pdf"),
        ("营业执照", 1, "新执照.pdf"),
    ]
    assert files[2].correction_item == item
    assert len(stored_files(settings.MEDIA_ROOT)) == 3  # versioned, not overwritten


def test_resubmission_without_the_listed_material_is_refused(applicant_client, corrected, settings):
    _, case, item = corrected
    response = applicant_client.post(f"/my/cases/{case.number}/correct/", {})
    assert response.status_code == 400
    assert f'id="id_item_{item.pk}_error"' in response.content.decode()
    case.refresh_from_db()
    assert case.state == CaseState.CORRECTION_REQUESTED
    assert len(stored_files(settings.MEDIA_ROOT)) == 2


def test_resubmission_of_an_unlisted_material_is_refused(account, corrected, settings):
    _, case, item = corrected
    with pytest.raises(InvalidInput) as error:
        applications.resubmit_correction(account, case.number, uploads={item.pk: upload(), item.pk + 999: upload()})
    assert error.value.field == f"item_{item.pk + 999}"
    case.refresh_from_db()
    assert case.state == CaseState.CORRECTION_REQUESTED
    assert len(stored_files(settings.MEDIA_ROOT)) == 2


def test_resubmission_when_no_correction_is_pending_is_refused(account, online_version):
    m = _materials(online_version)
    application = applications.save_application(
        account, online_version, uploads={m["申请书"].pk: upload(), m["营业执照"].pk: upload()}, submit=True
    )
    with pytest.raises(StateConflict):
        applications.resubmit_correction(account, application.case.number, uploads={})


def test_another_account_cannot_resubmit(other_account, corrected):
    _, case, item = corrected
    from zhengwu.errors import NotFound

    with pytest.raises(NotFound):
        applications.resubmit_correction(other_account, case.number, uploads={item.pk: upload()})
