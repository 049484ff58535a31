"""Keeping the 公开目录 (条例第十二条): publishing staff add, change, move and delete categories through services,
on the workbench; the two-level tree, the department and the codes already in index numbers are protected."""

from __future__ import annotations

import pytest
from django.test import Client

from zhengwu.audit.models import AuditEntry
from zhengwu.disclosure import publishing
from zhengwu.disclosure.models import Category
from zhengwu.errors import InvalidInput, NotFound, NotPermitted, StateConflict

from .conftest import D

WB = "/workbench/disclosure/catalogue/"


def snapshot(department) -> list[tuple]:
    """Everything about a department's categories, to assert a refused act changed nothing."""
    return list(
        Category.objects.filter(department=department)
        .order_by("pk")
        .values_list("pk", "code", "name", "parent_id", "order", "is_policy")
    )


def audit_actions(category_pk: int) -> list[str]:
    return list(
        AuditEntry.objects.filter(object_type="disclosure.category", object_id=str(category_pk)).values_list(
            "action", flat=True
        )
    )


@pytest.fixture
def extra(dept, staff, catalogue):
    """A department's own root category, not a standard one, with nothing filed under it."""
    return publishing.add_category(dept, actor=staff.approver, code="SGJS", name="双公示", order=95)


def draft_in(category, staff):
    return publishing.create_item(
        actor=staff.clerk,
        category=category,
        title="双公示目录",
        issuer="永嘉县市场监督管理局",
        body="行政许可和行政处罚信息。",
        formed_on=D("2025-10-09"),
        on=D("2025-10-10"),
    )


# -- services ------------------------------------------------------------------------------------------------------
def test_add_category_with_order_and_policy_flag_is_audited(dept, staff, catalogue):
    category = publishing.add_category(
        dept, actor=staff.head, code="xzgf", name="行政规范性文件", parent=catalogue["ZCWJ"], order=2, is_policy=False
    )
    category.refresh_from_db()
    assert (category.code, category.parent, category.order, category.is_policy) == (
        "XZGF",
        catalogue["ZCWJ"],
        2,
        False,
    )
    assert audit_actions(category.pk) == ["disclosure.category.add"]


def test_add_category_without_order_or_flag_goes_last_and_inherits_the_policy_flag(dept, staff, catalogue):
    category = publishing.add_category(
        dept, actor=staff.approver, code="ZCWD", name="政策问答", parent=catalogue["ZCWJ"]
    )
    siblings = Category.objects.filter(parent=catalogue["ZCWJ"]).exclude(pk=category.pk)
    assert category.order > max(s.order for s in siblings)
    assert category.is_policy is True  # as before: the parent's flag


def test_add_category_refuses_duplicates_third_levels_and_foreign_parents(dept, other_dept, staff, catalogue):
    publishing.ensure_catalogue(other_dept)
    foreign_root = Category.objects.get(department=other_dept, code="JGZN")
    before = snapshot(dept)
    cases = [
        ({"code": "jgzn", "name": "重复"}, "code"),
        ({"code": "SJ", "name": "第三级", "parent": catalogue["GFXWJ"]}, "parent"),
        ({"code": "WB", "name": "外部门", "parent": foreign_root}, "parent"),
        ({"code": "中文", "name": "代码"}, "code"),
        ({"code": "OK", "name": "排序", "order": -1}, "order"),
    ]
    for kwargs, field in cases:
        with pytest.raises(InvalidInput) as refused:
            publishing.add_category(dept, actor=staff.approver, **kwargs)
        assert refused.value.field == field, kwargs
    with pytest.raises(NotPermitted):  # a window clerk drafts items but does not keep the catalogue
        publishing.add_category(dept, actor=staff.clerk, code="CLERK", name="窗口")
    assert snapshot(dept) == before


def test_change_renames_reorders_and_reflags_with_one_audit_entry(staff, catalogue):
    category = publishing.change_category(
        catalogue["JGZN"], actor=staff.approver, name="机构概况", order=5, is_policy=True
    )
    category.refresh_from_db()
    assert (category.name, category.order, category.is_policy, category.code) == ("机构概况", 5, True, "JGZN")
    entry = AuditEntry.objects.get(action="disclosure.category.change", object_id=str(category.pk))
    assert entry.detail["changes"] == {"name": ["机构职能", "机构概况"], "order": [10, 5], "is_policy": [False, True]}
    assert entry.actor == staff.approver


def test_change_without_a_difference_writes_nothing(staff, catalogue):
    publishing.change_category(catalogue["JGZN"], actor=staff.approver, name="机构职能", order=10)
    assert "disclosure.category.change" not in audit_actions(catalogue["JGZN"].pk)


def test_move_under_another_root_and_back_to_the_top(staff, catalogue, extra):
    publishing.change_category(catalogue["ZCJD"], actor=staff.approver, parent=extra)
    assert Category.objects.get(pk=catalogue["ZCJD"].pk).parent == extra
    publishing.change_category(catalogue["ZCJD"].pk, actor=staff.approver, parent=None)
    assert Category.objects.get(pk=catalogue["ZCJD"].pk).parent is None
    entries = AuditEntry.objects.filter(action="disclosure.category.change", object_id=str(catalogue["ZCJD"].pk))
    assert [e.detail["changes"]["parent"] for e in entries] == [
        [catalogue["ZCWJ"].pk, extra.pk],
        [extra.pk, None],
    ]


def test_move_keeps_two_levels_no_cycles_and_the_department(dept, other_dept, staff, catalogue, extra):
    publishing.ensure_catalogue(other_dept)
    foreign_root = Category.objects.get(department=other_dept, code="JGZN")
    before = snapshot(dept)
    refused = [
        (catalogue["JGZN"], catalogue["GFXWJ"]),  # under a child: a third level
        (catalogue["ZCWJ"], extra),  # a category with children becomes a child
        (extra, extra),  # its own parent
        (extra, foreign_root),  # another department's category
    ]
    for category, parent in refused:
        with pytest.raises(InvalidInput) as error:
            publishing.change_category(category, actor=staff.approver, parent=parent, name="改了名")
        assert error.value.field == "parent", (category.code, parent.code)
    assert snapshot(dept) == before


def test_code_changes_only_while_no_item_uses_the_category(dept, staff, catalogue, extra):
    publishing.change_category(extra, actor=staff.approver, code="sgs")
    assert Category.objects.get(pk=extra.pk).code == "SGS"
    draft_in(extra, staff)
    before = snapshot(dept)
    with pytest.raises(StateConflict) as used:
        publishing.change_category(extra, actor=staff.approver, code="SGSX", name="双公示信息")
    assert used.value.field == "code" and used.value.code == "category_in_use"
    with pytest.raises(InvalidInput) as standard:  # the standard codes are recreated by ensure_catalogue
        publishing.change_category(catalogue["RSXX"], actor=staff.approver, code="RSGL")
    assert standard.value.field == "code"
    assert snapshot(dept) == before
    publishing.change_category(extra, actor=staff.approver, code="sgs", name="双公示信息")  # same code: fine
    assert Category.objects.get(pk=extra.pk).name == "双公示信息"


def test_code_stays_unique_in_the_department_on_change(dept, staff, extra):
    before = snapshot(dept)
    with pytest.raises(InvalidInput) as duplicate:
        publishing.change_category(extra, actor=staff.approver, code="JGZN")
    assert duplicate.value.field == "code"
    assert snapshot(dept) == before


def test_delete_only_an_unused_leaf(dept, staff, catalogue, extra):
    child = publishing.add_category(dept, actor=staff.approver, code="SGSXK", name="许可公示", parent=extra)
    used = publishing.add_category(dept, actor=staff.approver, code="LSXX", name="临时信息")
    draft_in(used, staff)
    before = snapshot(dept)
    for category, code in [
        (extra, "category_has_children"),
        (used, "category_in_use"),
        (catalogue["JYTA"], "standard_category"),
    ]:
        with pytest.raises(StateConflict) as refused:
            publishing.delete_category(category, actor=staff.approver)
        assert refused.value.code == code
    assert snapshot(dept) == before
    publishing.delete_category(child, actor=staff.approver)
    publishing.delete_category(extra.pk, actor=staff.head)
    assert not Category.objects.filter(pk__in=[child.pk, extra.pk]).exists()
    entry = AuditEntry.objects.get(action="disclosure.category.delete", object_id=str(extra.pk))
    assert entry.detail["code"] == "SGJS" and entry.actor == staff.head


def test_other_departments_and_clerks_cannot_change_or_delete(dept, staff, other_staff, extra):
    before = snapshot(dept)
    with pytest.raises(NotFound):
        publishing.change_category(extra, actor=other_staff.approver, name="改名")
    with pytest.raises(NotFound):
        publishing.delete_category(extra, actor=other_staff.head)
    with pytest.raises(NotPermitted):
        publishing.change_category(extra, actor=staff.clerk, name="改名")
    with pytest.raises(NotPermitted):
        publishing.delete_category(extra, actor=staff.clerk)
    assert snapshot(dept) == before


# -- workbench pages -----------------------------------------------------------------------------------------------
def test_workbench_adds_edits_moves_and_deletes_a_category(client, dept, staff, catalogue):
    client.force_login(staff.approver)
    page = client.get(WB).content.decode()
    assert "新增类目" in page and f"{WB}categories/{catalogue['JGZN'].pk}/" in page
    assert client.get(f"{WB}categories/new/").status_code == 200
    added = client.post(
        f"{WB}categories/new/", {"code": "sgjs", "name": "双公示", "parent": catalogue["ZCWJ"].pk, "order": "7"}
    )
    assert added.status_code == 302
    category = Category.objects.get(department=dept, code="SGJS")
    assert (category.parent, category.order, category.is_policy) == (catalogue["ZCWJ"], 7, False)
    assert client.get(f"{WB}categories/{category.pk}/").status_code == 200
    moved = client.post(
        f"{WB}categories/{category.pk}/",
        {"code": "SGJS", "name": "双公示信息", "parent": "", "order": "95", "is_policy": "on"},
    )
    assert moved.status_code == 302
    category.refresh_from_db()
    assert (category.name, category.parent, category.order, category.is_policy) == ("双公示信息", None, 95, True)
    assert "双公示信息" in client.get(WB).content.decode()
    assert client.post(f"{WB}categories/{category.pk}/delete/").status_code == 302
    assert not Category.objects.filter(pk=category.pk).exists()
    assert audit_actions(category.pk) == [
        "disclosure.category.add",
        "disclosure.category.change",
        "disclosure.category.delete",
    ]


def test_workbench_shows_refusals_on_the_form_and_changes_nothing(client, dept, staff, catalogue, extra):
    draft_in(extra, staff)
    client.force_login(staff.approver)
    before = snapshot(dept)
    url = f"{WB}categories/{extra.pk}/"
    recoded = client.post(url, {"code": "SGJSX", "name": "双公示", "parent": "", "order": "95"})
    assert recoded.status_code == 409
    assert "类目代码是其索引号的一部分，不能修改" in recoded.content.decode()
    duplicate = client.post(f"{WB}categories/new/", {"code": "JGZN", "name": "重复", "order": ""})
    assert duplicate.status_code == 400 and "类目代码已存在" in duplicate.content.decode()
    deleted = client.post(f"{url}delete/")
    assert deleted.status_code == 409 and "不能删除" in deleted.content.decode()
    third_level = client.post(
        f"{WB}categories/{catalogue['JGZN'].pk}/",
        {"code": "JGZN", "name": "机构职能", "parent": catalogue["GFXWJ"].pk, "order": "10"},
    )
    assert third_level.status_code == 400  # not even offered as a choice
    assert snapshot(dept) == before


def test_workbench_category_of_another_department_is_not_found(client, dept, staff, other_staff, extra):
    client.force_login(other_staff.approver)
    before = snapshot(dept)
    url = f"{WB}categories/{extra.pk}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"code": "SGJS", "name": "改名", "parent": "", "order": "1"}).status_code == 404
    assert client.post(f"{url}delete/").status_code == 404
    assert snapshot(dept) == before


def test_workbench_changes_are_post_only_and_need_the_csrf_token(staff, extra):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(staff.approver)
    url = f"{WB}categories/{extra.pk}/delete/"
    assert browser.get(url).status_code == 405
    assert browser.post(url).status_code == 403
    assert Category.objects.filter(pk=extra.pk).exists()


def test_clerk_sees_the_catalogue_without_edit_controls_and_is_refused(client, dept, staff, extra):
    client.force_login(staff.clerk)
    page = client.get(WB).content.decode()
    assert "双公示" in page and f"{WB}categories/{extra.pk}/" not in page
    refused = client.post(f"{WB}categories/{extra.pk}/delete/")
    assert refused.status_code == 403
    assert Category.objects.filter(pk=extra.pk).exists()


def test_public_catalogue_shows_the_renamed_category(client, dept, staff, catalogue, publish):
    publish(code="JGZN")
    client.force_login(staff.approver)
    response = client.post(
        f"{WB}categories/{catalogue['JGZN'].pk}/", {"code": "JGZN", "name": "机构概况", "parent": "", "order": "10"}
    )
    assert response.status_code == 302
    client.logout()
    page = client.get(f"/disclosure/dept/{dept.code}/").content.decode()
    assert "机构概况" in page and "机构职能" not in page
