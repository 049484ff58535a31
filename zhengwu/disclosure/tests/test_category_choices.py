"""Category choices (the public filter, the workbench item form) in tree order: roots by `order`, each root's
children right under it. When they span several departments, an <optgroup> per department, the departments in
their usual order (by code), so that the same standard category of two departments can be told apart."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from zhengwu.disclosure import publishing
from zhengwu.disclosure.models import Category, DisclosureMode, DocumentType, Item
from zhengwu.org.tests.factories import StaffFactory

from .conftest import D

pytestmark = pytest.mark.django_db

TREE = ["JGZN", "JGSZ", "ZCWJ", "GFXWJ", "QTWJ", "ZCJD", "GHJH", "CZYJS", "XZXK", "XZCF", "ZDXM", "RSXX", "JYTA"]


class SelectParser(HTMLParser):
    """The options of one <select>, as [(optgroup label or None, [(value, text)])], in document order."""

    def __init__(self, name: str):
        super().__init__()
        self.name, self.inside, self.in_group, self.in_option = name, False, False, False
        self.groups: list[tuple[str | None, list[list[str]]]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self.inside = attrs.get("name") == self.name
        elif self.inside and tag == "optgroup":
            self.in_group = True
            self.groups.append((attrs["label"], []))
        elif self.inside and tag == "option":
            if not self.in_group and (not self.groups or self.groups[-1][0] is not None):
                self.groups.append((None, []))
            self.in_option = True
            self.groups[-1][1].append([attrs.get("value"), ""])

    def handle_data(self, data):
        if self.in_option:
            self.groups[-1][1][-1][1] += data

    def handle_endtag(self, tag):
        if tag == "option":
            self.in_option = False
        elif tag == "optgroup":
            self.in_group = False
        elif tag == "select":
            self.inside = False


def select_options(html: str, name: str = "category") -> list[tuple[str | None, list[tuple[str, str]]]]:
    parser = SelectParser(name)
    parser.feed(html)
    return [(label, [tuple(option) for option in options]) for label, options in parser.groups]


def codes(options) -> list[str]:
    by_pk = {str(c.pk): c.code for c in Category.objects.all()}
    return [by_pk[value] for value, _text in options if value]


@pytest.fixture
def two_catalogues(dept, other_dept, staff, other_staff):
    """Both departments keep the standard catalogue (the same names twice), each with a child of its own under
    机构职能 (order 10, no standard children) so that a child sits between two roots."""
    for department, people in ((dept, staff), (other_dept, other_staff)):
        publishing.ensure_catalogue(department)
        root = Category.objects.get(department=department, code="JGZN")
        publishing.add_category(department, actor=people.approver, code="JGSZ", name="机构设置", parent=root)
    return dept, other_dept


@pytest.fixture
def superuser(db):
    return StaffFactory(department=None, is_superuser=True)


def test_the_public_filter_groups_the_categories_by_department_in_code_order(client, two_catalogues):
    dept, other_dept = two_catalogues
    html = client.get("/disclosure/items/").content.decode()
    groups = select_options(html)
    assert groups[0] == (None, [("", "---------")])
    assert [label for label, _options in groups[1:]] == [other_dept.name, dept.name]  # YJ-JT before YJ-SCJG
    for (_label, options), department in zip(groups[1:], (other_dept, dept), strict=True):
        assert codes(options) == TREE
        pks = {str(c.pk) for c in Category.objects.filter(department=department)}
        assert {value for value, _text in options} == pks
        assert options[0][1] == "机构职能" and options[2][1] == "政策文件"  # the label, not the code


def test_the_item_form_of_a_user_covering_several_departments_groups_them(client, two_catalogues, superuser):
    dept, other_dept = two_catalogues
    client.force_login(superuser)
    html = client.get("/workbench/disclosure/items/new/").content.decode()
    groups = select_options(html)
    assert [label for label, _options in groups[1:]] == [other_dept.name, dept.name]
    assert [codes(options) for _label, options in groups[1:]] == [TREE, TREE]


def test_a_single_department_user_gets_a_flat_list_in_tree_order(client, two_catalogues, staff):
    client.force_login(staff.clerk)
    html = client.get("/workbench/disclosure/items/new/").content.decode()
    assert "<optgroup" not in html
    groups = select_options(html)
    assert len(groups) == 1
    options = groups[0][1]
    assert options[0] == ("", "---------")
    assert codes(options) == TREE
    assert set(Category.objects.filter(pk__in=[v for v, _t in options if v]).values_list("department", flat=True)) == {
        staff.clerk.department_id
    }


def test_a_filter_over_one_department_is_a_flat_list(client, dept, catalogue):
    html = client.get("/disclosure/items/").content.decode()
    assert "<optgroup" not in html
    assert codes(select_options(html)[0][1]) == [code for code in TREE if code != "JGSZ"]


def test_a_grouped_choice_submits_the_category(client, two_catalogues, superuser):
    _dept, other_dept = two_catalogues
    category = Category.objects.get(department=other_dept, code="GFXWJ")
    client.force_login(superuser)
    response = client.post(
        "/workbench/disclosure/items/new/",
        {
            "category": category.pk,
            "title": "关于规范道路运输市场秩序的通知",
            "issuer": "永嘉县交通运输局",
            "document_type": DocumentType.OTHER,
            "mode": DisclosureMode.PROACTIVE,
            "formed_on": "2025-10-09",
            "body": "为规范道路运输市场秩序，现通知如下。",
        },
    )
    assert response.status_code == 302, response.content.decode()
    item = Item.objects.get()
    assert item.category == category and item.department_id == other_dept.pk


def test_filtering_by_a_grouped_choice_lists_that_departments_items(client, two_catalogues, staff, other_staff):
    dept, other_dept = two_catalogues
    for department, people, title in ((dept, staff, "市场监管规范性文件"), (other_dept, other_staff, "交通规范性文件")):
        item = publishing.create_item(
            actor=people.clerk,
            category=Category.objects.get(department=department, code="GFXWJ"),
            title=title,
            issuer=department.name,
            body="正文。",
            formed_on=D("2025-10-09"),
            on=D("2025-10-10"),
        )
        publishing.submit_for_check(item, actor=people.clerk, on=D("2025-10-10"))
        publishing.check_secrecy(item, actor=people.reviewer, result="passed", opinion="不涉密", on=D("2025-10-10"))
        publishing.review(item, actor=people.approver, approve=True, opinion="同意发布", on=D("2025-10-10"))
    category = Category.objects.get(department=other_dept, code="GFXWJ")
    html = client.get(f"/disclosure/items/?category={category.pk}").content.decode()
    assert "交通规范性文件" in html and "市场监管规范性文件" not in html
    selected = [line for line in html.splitlines() if "selected" in line and "<option" in line]
    assert any(f'value="{category.pk}"' in line for line in selected), selected
