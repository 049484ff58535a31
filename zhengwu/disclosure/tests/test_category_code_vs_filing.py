"""A category's code goes into the index number (索引号) of every item filed under it, so it changes only while no
item uses the category. Filing an item (a draft, a revision), numbering it on publication and changing the code all
lock the category row: a code change and a filing at the same moment happen one after the other, never interleaved.

The row locks are asserted on every database (the acts ask for them); that they order two connections is proven
on PostgreSQL (SQLite serialises whole-database writes, so the race cannot happen there).
"""

from __future__ import annotations

import pytest

from zhengwu.audit.models import AuditEntry
from zhengwu.disclosure import publishing
from zhengwu.disclosure.models import Category, Item
from zhengwu.errors import InvalidInput, StateConflict

from .conftest import D
from .locking import category_locks, while_in_flight


def draft(staff, category, title="双公示目录"):
    return publishing.create_item(
        actor=staff.clerk,
        category=category,
        title=title,
        issuer="永嘉县市场监督管理局",
        body="行政许可和行政处罚信息。",
        formed_on=D("2025-10-09"),
        on=D("2025-10-10"),
    )


@pytest.fixture
def own(dept, staff, catalogue):
    """A department's own category (its code may change while nothing is filed under it)."""
    return publishing.add_category(dept, actor=staff.approver, code="SGJS", name="双公示", order=95)


# -- every database -------------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_filing_a_draft_locks_the_category(staff, own):
    with category_locks() as locked:
        draft(staff, own)
    assert len(locked) == 1


@pytest.mark.django_db
def test_a_revision_and_a_publication_lock_the_category_they_file_and_number_under(staff, catalogue, publish):
    item = publish(code="ZCWJ")
    with category_locks() as locked:
        revision = publishing.revise(item, actor=staff.clerk, reason="条款调整", on=D("2025-10-20"))
    assert len(locked) == 1 and revision.category_id == item.category_id
    publishing.submit_for_check(revision, actor=staff.clerk, on=D("2025-10-20"))
    publishing.check_secrecy(revision, actor=staff.reviewer, result="passed", opinion="不涉密", on=D("2025-10-20"))
    with category_locks() as locked:
        published = publishing.review(
            revision, actor=staff.approver, approve=True, opinion="同意发布", on=D("2025-10-21")
        )
    assert len(locked) == 1 and published.index_number.startswith(f"{catalogue['ZCWJ'].department.code}/ZCWJ-")


@pytest.mark.django_db
def test_a_returned_draft_takes_no_category_lock(staff, own):
    item = draft(staff, own)
    publishing.submit_for_check(item, actor=staff.clerk, on=D("2025-10-10"))
    publishing.check_secrecy(item, actor=staff.reviewer, result="passed", opinion="不涉密", on=D("2025-10-10"))
    with category_locks() as locked:
        publishing.review(item, actor=staff.approver, approve=False, opinion="请补充", on=D("2025-10-10"))
    assert locked == []


@pytest.mark.django_db
def test_changing_the_code_locks_the_category(staff, own):
    with category_locks() as locked:
        publishing.change_category(own, actor=staff.approver, code="SGS")
    assert len(locked) == 1


@pytest.mark.django_db
def test_filing_reads_the_category_as_it_is_now_not_as_the_caller_saw_it(staff, own):
    seen_by_the_form = Category.objects.get(pk=own.pk)
    publishing.change_category(own, actor=staff.approver, code="SGS")
    item = draft(staff, seen_by_the_form)
    entry = AuditEntry.objects.filter(action="disclosure.item.create", object_id=str(item.pk)).get()
    assert entry.detail["category"] == "SGS"


@pytest.mark.django_db
def test_filing_into_a_category_deleted_meanwhile_is_refused_as_input(staff, own):
    seen_by_the_form = Category.objects.get(pk=own.pk)
    publishing.delete_category(own, actor=staff.approver)
    with pytest.raises(InvalidInput) as refused:
        draft(staff, seen_by_the_form)
    assert refused.value.field == "category"
    assert not Item.objects.exists()


# -- PostgreSQL: two connections -------------------------------------------------------------------------------------
@pytest.mark.django_db(transaction=True)
@pytest.mark.postgres_only
def test_a_code_change_waits_for_a_filing_in_flight_and_is_then_refused(staff, own):
    waited, outcome = while_in_flight(
        lambda: draft(staff, own),
        lambda: publishing.change_category(own.pk, actor=staff.approver, code="SGS"),
    )
    assert waited
    assert isinstance(outcome.get("error"), StateConflict), outcome
    assert outcome["error"].code == "category_in_use"
    assert Category.objects.get(pk=own.pk).code == "SGJS"


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgres_only
def test_a_filing_waits_for_a_code_change_in_flight_and_files_under_the_new_code(staff, own):
    waited, outcome = while_in_flight(
        lambda: publishing.change_category(own.pk, actor=staff.approver, code="SGS"),
        lambda: draft(staff, own),
    )
    assert waited
    item = outcome.get("result")
    assert isinstance(item, Item), outcome
    entry = AuditEntry.objects.filter(action="disclosure.item.create", object_id=str(item.pk)).get()
    assert entry.detail["category"] == "SGS"
    change = AuditEntry.objects.filter(action="disclosure.category.change", object_id=str(own.pk)).get()
    assert change.seq < entry.seq
