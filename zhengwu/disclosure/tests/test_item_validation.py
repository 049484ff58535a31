"""Items and categories refused for bad input or the wrong state (each names its field and writes nothing), and
attachments: uploaded with the draft in the workbench, downloadable once the item is public."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zhengwu.audit.models import AuditEntry
from zhengwu.disclosure import publishing
from zhengwu.disclosure.models import Attachment, Category, Item, ItemState
from zhengwu.errors import InvalidInput, StateConflict

from .conftest import D


@pytest.fixture
def nothing_written(db):
    def counts():
        return [m.objects.count() for m in (Category, Item, Attachment, AuditEntry)]

    before = counts()
    yield
    assert counts() == before


@pytest.fixture
def draft(catalogue, staff):
    return publishing.create_item(
        actor=staff.clerk,
        category=catalogue["ZCWJ"],
        title="关于开展2025年食品安全抽检工作的通知",
        issuer="永嘉县市场监督管理局",
        body="为加强食品安全监管，现就抽检工作通知如下。",
        formed_on=D("2025-10-09"),
        on=D("2025-10-10"),
    )


def fields_of(item: Item) -> dict:
    item.refresh_from_db()
    return {name: getattr(item, name) for name in (*publishing.EDITABLE_FIELDS, "state")}


# -- categories ------------------------------------------------------------------------------------------------------
def test_a_category_whose_policy_flag_is_not_yes_or_no_is_refused(dept, catalogue, staff):
    before = Category.objects.count()
    with pytest.raises(InvalidInput) as error:
        publishing.add_category(dept, actor=staff.approver, code="SPAQ", name="食品安全", is_policy="yes")
    assert error.value.field == "is_policy"
    assert Category.objects.count() == before
    category = catalogue["ZCWJ"]
    with pytest.raises(InvalidInput) as error:
        publishing.change_category(category, actor=staff.approver, is_policy="no")
    assert error.value.field == "is_policy"
    category.refresh_from_db()
    assert category.is_policy is True


# -- item fields -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "changes, field",
    [
        ({"document_type": "memo"}, "document_type"),
        ({"formed_on": "2025-10-09"}, "formed_on"),  # text, not a date
        ({"formed_on": dt.datetime(2025, 10, 9, 9, 30)}, "formed_on"),  # a moment, not a date
        ({"valid_until": "2026-12-31"}, "valid_until"),
        ({"formed_on": None}, "formed_on"),
        ({"formed_on": D("2025-10-11")}, "formed_on"),  # after today
        ({"author": "张三"}, "author"),  # not a field of an item
    ],
)
def test_an_item_with_bad_fields_is_not_created(catalogue, staff, nothing_written, changes, field):
    data = {
        "title": "关于开展2025年食品安全抽检工作的通知",
        "issuer": "永嘉县市场监督管理局",
        "body": "为加强食品安全监管，现就抽检工作通知如下。",
        "formed_on": D("2025-10-09"),
        **changes,
    }
    with pytest.raises(InvalidInput) as error:
        publishing.create_item(actor=staff.clerk, category=catalogue["ZCWJ"], on=D("2025-10-10"), **data)
    assert error.value.field == field


def test_an_item_without_its_body_is_not_created(catalogue, staff, nothing_written):
    with pytest.raises(InvalidInput) as error:
        publishing.create_item(
            actor=staff.clerk,
            category=catalogue["ZCWJ"],
            title="关于开展2025年食品安全抽检工作的通知",
            issuer="永嘉县市场监督管理局",
            formed_on=D("2025-10-09"),
            on=D("2025-10-10"),
        )
    assert error.value.field == "body"


@pytest.mark.parametrize(
    "changes, field", [({"author": "张三"}, "author"), ({"formed_on": D("2025-10-11")}, "formed_on")]
)
def test_a_draft_is_not_changed_with_bad_fields(draft, staff, changes, field):
    before = fields_of(draft)
    with pytest.raises(InvalidInput) as error:
        publishing.update_item(draft, actor=staff.clerk, on=D("2025-10-10"), **changes)
    assert error.value.field == field
    assert fields_of(draft) == before


# -- the publishing chain --------------------------------------------------------------------------------------------
def test_a_secrecy_check_without_a_known_conclusion_leaves_the_item_waiting(draft, staff):
    publishing.submit_for_check(draft, actor=staff.clerk, on=D("2025-10-10"))
    with pytest.raises(InvalidInput) as error:
        publishing.check_secrecy(draft, actor=staff.reviewer, result="maybe", opinion="待定", on=D("2025-10-10"))
    assert error.value.field == "result"
    draft.refresh_from_db()
    assert draft.state == ItemState.SECRECY_CHECK and draft.secrecy_reviewer is None


def test_a_review_without_a_yes_or_no_leaves_the_item_in_review(draft, staff):
    publishing.submit_for_check(draft, actor=staff.clerk, on=D("2025-10-10"))
    publishing.check_secrecy(draft, actor=staff.reviewer, result="passed", opinion="不涉密", on=D("2025-10-10"))
    with pytest.raises(InvalidInput) as error:
        publishing.review(draft, actor=staff.approver, approve="1", opinion="同意", on=D("2025-10-10"))
    assert error.value.field == "approve"
    draft.refresh_from_db()
    assert draft.state == ItemState.REVIEW and draft.published_on is None and not draft.index_number


def test_a_published_item_has_one_pending_revision_at_a_time(publish, staff):
    item = publish()
    revision = publishing.revise(item, actor=staff.clerk, reason="抽检范围调整", on=D("2025-10-20"))
    with pytest.raises(StateConflict) as error:
        publishing.revise(item, actor=staff.clerk, reason="再次调整", on=D("2025-10-21"))
    assert error.value.code == "revision_exists"
    assert list(Item.objects.filter(supersedes=item)) == [revision]
    item.refresh_from_db()
    assert item.end_reason == "抽检范围调整"


def test_only_policy_documents_have_a_validity(publish, staff):
    item = publish("本局主要职责", code="JGZN")
    with pytest.raises(InvalidInput) as error:
        publishing.set_validity(item, actor=staff.approver, validity="repealed", reason="机构改革", on=D("2025-10-20"))
    assert error.value.field == "validity"
    item.refresh_from_db()
    assert item.validity == "" and item.validity_changed_on is None


# -- attachments -----------------------------------------------------------------------------------------------------
def test_a_draft_saved_in_the_workbench_keeps_its_attachment_which_the_public_downloads_once_published(
    client, staff, catalogue
):
    client.force_login(staff.clerk)
    content = "抽检计划表".encode()
    response = client.post(
        "/workbench/disclosure/items/new/",
        {
            "category": catalogue["ZCWJ"].pk,
            "title": "关于开展2025年食品安全抽检工作的通知",
            "issuer": "县市场监管局",
            "document_type": "other",
            "mode": "proactive",
            "formed_on": "2025-10-09",
            "body": "为加强食品安全监管，现就抽检工作通知如下。",
            "attachment": SimpleUploadedFile("抽检计划.txt", content),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    item = Item.objects.get()
    attachment = item.attachments.get()
    assert attachment.name == "抽检计划.txt"
    assert AuditEntry.objects.filter(action="disclosure.item.attach").exists()
    url = f"/disclosure/items/{item.pk}/attachments/{attachment.pk}/"
    assert client.get(url).status_code == 404  # a draft is not public
    publishing.submit_for_check(item, actor=staff.clerk)
    publishing.check_secrecy(item, actor=staff.reviewer, result="passed", opinion="不涉密")
    publishing.review(item, actor=staff.approver, approve=True, opinion="同意发布")
    client.logout()
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert client.get(f"/disclosure/items/{item.pk}/attachments/{attachment.pk + 1}/").status_code == 404


def test_an_empty_attachment_is_refused(draft, staff, nothing_written):
    with pytest.raises(InvalidInput) as error:
        publishing.add_attachment(draft, actor=staff.clerk, name="空文件.txt", content=b"")
    assert error.value.field == "file"


def test_only_a_draft_takes_attachments(publish, staff):
    item = publish()
    audit_entries = AuditEntry.objects.count()
    with pytest.raises(StateConflict):
        publishing.add_attachment(item, actor=staff.clerk, name="补充.txt", content=b"x")
    assert not Attachment.objects.exists() and AuditEntry.objects.count() == audit_entries


def test_a_policy_document_takes_only_a_known_validity(publish, staff):
    item = publish()
    with pytest.raises(InvalidInput) as error:
        publishing.set_validity(item, actor=staff.approver, validity="suspended", reason="暂停执行", on=D("2025-10-20"))
    assert error.value.field == "validity"
    item.refresh_from_db()
    assert item.validity == "valid" and item.validity_changed_on == D("2025-10-10")
