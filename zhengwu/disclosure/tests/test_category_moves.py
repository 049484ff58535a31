"""Moving a category keeps the 公开目录 at two levels: a parent is a root, a category with children stays a root.

A move locks the category and its new parent in one statement, in primary-key order, and checks the rule once
both rows are held. Two crossing moves (A under B, B under A) then queue on the same first row instead of each
holding one row and waiting for the other (a deadlock, a 500): one is made, the other refused with the usual 400.
The lock statement is asserted on every database; the queueing of two connections on PostgreSQL.
"""

from __future__ import annotations

import pytest
from django.db import DatabaseError

from zhengwu.disclosure import publishing
from zhengwu.disclosure.models import Category
from zhengwu.errors import InvalidInput

from .locking import category_locks, while_in_flight


@pytest.fixture
def two_roots(dept, staff, catalogue):
    """Two root categories of the department, with no children."""
    a = publishing.add_category(dept, actor=staff.approver, code="SGJS", name="双公示", order=95)
    b = publishing.add_category(dept, actor=staff.approver, code="YHYSHJ", name="优化营商环境", order=96)
    return a, b


def move(staff, category, parent):
    return publishing.change_category(category.pk, actor=staff.approver, parent=parent.pk)


def parents(*categories):
    return [Category.objects.get(pk=c.pk).parent_id for c in categories]


# -- every database -------------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_category_moved_under_another_makes_that_one_unable_to_move_under_it(staff, two_roots):
    a, b = two_roots
    move(staff, a, b)
    with pytest.raises(InvalidInput) as refused:
        move(staff, b, a)
    assert refused.value.field == "parent" and refused.value.status == 400
    assert parents(a, b) == [b.pk, None]


@pytest.mark.django_db
def test_the_refused_move_is_a_400_on_the_workbench(client, staff, two_roots):
    a, b = two_roots
    move(staff, a, b)
    client.force_login(staff.approver)
    response = client.post(
        f"/workbench/disclosure/catalogue/categories/{b.pk}/",
        {"code": b.code, "name": b.name, "order": b.order, "parent": a.pk},
    )
    assert response.status_code == 400
    assert parents(a, b) == [b.pk, None]


@pytest.mark.django_db
def test_a_move_locks_the_category_and_its_new_parent_in_one_statement_in_key_order(staff, two_roots):
    a, b = two_roots
    with category_locks() as locked:
        move(staff, b, a)
    assert len(locked) == 1
    assert list(locked[0].order_by) == ["pk"]
    assert parents(a, b) == [None, a.pk]


@pytest.mark.django_db
def test_a_move_to_the_top_or_a_rename_locks_only_the_category(staff, two_roots):
    a, b = two_roots
    move(staff, a, b)
    with category_locks() as locked:
        publishing.change_category(a.pk, actor=staff.approver, parent=None)
        publishing.change_category(a.pk, actor=staff.approver, name="双公示信息")
    assert len(locked) == 2
    assert parents(a, b) == [None, None]


@pytest.mark.django_db
def test_a_move_under_a_category_deleted_meanwhile_is_refused_as_input(staff, two_roots):
    a, b = two_roots
    publishing.delete_category(b, actor=staff.approver)
    with pytest.raises(InvalidInput) as refused:
        move(staff, a, b)
    assert refused.value.field == "parent"


# -- PostgreSQL: two connections -------------------------------------------------------------------------------------
@pytest.mark.django_db(transaction=True)
@pytest.mark.postgres_only
@pytest.mark.parametrize("first_moved", ["lower_key", "higher_key"])
def test_of_two_crossing_moves_the_second_waits_and_is_then_refused(staff, two_roots, first_moved):
    a, b = two_roots if first_moved == "lower_key" else reversed(two_roots)
    waited, outcome = while_in_flight(lambda: move(staff, a, b), lambda: move(staff, b, a))
    assert waited
    assert isinstance(outcome.get("error"), InvalidInput), outcome
    assert outcome["error"].field == "parent"
    assert parents(a, b) == [b.pk, None]


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgres_only
def test_a_move_waiting_for_one_of_its_rows_holds_no_lock_on_the_other(staff, two_roots):
    """The interleaving that deadlocked: one act holds A and then wants B, the other holds B and wants A. With
    both rows taken in one statement in key order, a move waiting for A (the lower key) has not taken B."""
    a, b = sorted(two_roots, key=lambda c: c.pk)

    def take_b_as_well():
        try:
            Category.objects.select_for_update(nowait=True).get(pk=b.pk)
        except DatabaseError as exc:  # the old order: the waiting move held B
            raise AssertionError("the waiting move holds a lock on the other category") from exc

    waited, outcome = while_in_flight(
        lambda: publishing.change_category(a.pk, actor=staff.approver, name="双公示信息"),
        lambda: move(staff, b, a),
        meanwhile=take_b_as_well,
    )
    assert waited
    assert isinstance(outcome.get("result"), Category), outcome
    assert parents(a, b) == [None, a.pk]
