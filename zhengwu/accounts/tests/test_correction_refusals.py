"""A refused correction (补正) names every bad, missing or unlisted item at once, next to its item, and changes
nothing: no file is stored (there is no draft to keep the good ones in) and the case still awaits the correction."""

from __future__ import annotations

import re

import pytest

from zhengwu.accounts import applications
from zhengwu.accounts.models import ApplicationFile
from zhengwu.audit.models import AuditEntry
from zhengwu.cases import services as case_services
from zhengwu.cases.models import CaseState
from zhengwu.cases.tests.conftest import D

from .factories import EXE, stored_files, upload

pytestmark = pytest.mark.django_db

BAD_CONTENT = "文件内容与其扩展名不符"
BAD_TYPE = "只接受 PDF、JPG、PNG 或 OFD 格式的文件。"


@pytest.fixture
def notice_items(account, online_version, staff):
    """An online case whose correction notice lists all three materials: (case, items by material name)."""
    m = {material.name: material for material in online_version.materials.all()}
    application = applications.save_application(
        account,
        online_version,
        uploads={m["申请书"].pk: upload("申请书.pdf"), m["营业执照"].pk: upload("执照.pdf")},
        submit=True,
        on=D("2025-09-26"),
    )
    notice = case_services.request_correction(
        application.case,
        actor=staff.clerk,
        on=D("2025-09-29"),
        items=[{"material_id": m[name].pk, "reason": f"{name}不清晰。"} for name in ("申请书", "营业执照", "委托书")],
    )
    return application.case, {item.material_name: item for item in notice.items.all()}


def _assert_nothing_changed(case, media_root):
    case.refresh_from_db()
    assert case.state == CaseState.CORRECTION_REQUESTED
    assert case.correction_notices.get().resubmitted_on is None
    assert not ApplicationFile.objects.filter(round__gt=0).exists()
    assert len(stored_files(media_root)) == 2  # the two files of the application itself
    assert not AuditEntry.objects.filter(action="accounts.resubmit_correction").exists()


def test_every_bad_missing_and_unlisted_item_is_named_at_once(account, notice_items, settings):
    case, items = notice_items
    unlisted = max(item.pk for item in items.values()) + 999
    with pytest.raises(applications.InputRefused) as refused:
        applications.resubmit_correction(
            account,
            case.number,
            uploads={
                items["申请书"].pk: upload("申请书.pdf", EXE),  # an executable renamed .pdf
                items["营业执照"].pk: upload("执照.txt", b"plain text", "text/plain"),
                unlisted: upload("其他.pdf"),
            },  # 委托书 left out
        )
    named = {error.field: error.message for error in refused.value.errors}
    assert named == {
        f"item_{items['申请书'].pk}": "文件内容与其扩展名不符，或不是 PDF、JPG、PNG、OFD 文件。",
        f"item_{items['营业执照'].pk}": BAD_TYPE,
        f"item_{unlisted}": "只能提交补正告知书所列的材料。",
        f"item_{items['委托书'].pk}": "请上传补正材料：委托书。",
    }
    assert refused.value.status == 400
    _assert_nothing_changed(case, settings.MEDIA_ROOT)


def test_a_good_file_of_a_refused_correction_is_not_stored(account, notice_items, settings):
    case, items = notice_items
    with pytest.raises(applications.InputRefused) as refused:
        applications.resubmit_correction(
            account,
            case.number,
            uploads={
                items["申请书"].pk: upload("申请书.pdf"),
                items["营业执照"].pk: upload("空.pdf", b""),
                items["委托书"].pk: upload("委托书.pdf"),
            },
        )
    assert [error.field for error in refused.value.errors] == [f"item_{items['营业执照'].pk}"]
    _assert_nothing_changed(case, settings.MEDIA_ROOT)


def _error_of(html: str, item) -> str:
    """The text of the error block tied to the item's field (empty if there is none)."""
    found = re.search(rf'<div class="errors" id="id_item_{item.pk}_error">(.*?)</div>', html, re.S)
    return found.group(1) if found else ""


def test_the_page_shows_each_error_next_to_its_item(applicant_client, notice_items, settings):
    case, items = notice_items
    response = applicant_client.post(
        f"/my/cases/{case.number}/correct/",
        {
            f"item_{items['申请书'].pk}": upload("申请书.pdf", EXE),
            f"item_{items['营业执照'].pk}": upload("执照.txt", b"plain text", "text/plain"),
        },  # 委托书 left out
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert BAD_CONTENT in _error_of(html, items["申请书"])
    assert BAD_TYPE in _error_of(html, items["营业执照"])
    assert "请上传补正材料：委托书。" in _error_of(html, items["委托书"])
    for item in items.values():
        described = re.search(rf'<input[^>]*name="item_{item.pk}"[^>]*>', html).group(0)
        assert 'aria-invalid="true"' in described and f"id_item_{item.pk}_error" in described
    _assert_nothing_changed(case, settings.MEDIA_ROOT)
