"""Category names on pages: a standard category (条例第十二条 catalogue) still bearing its standard name reads in the
active language; a category staff renamed shows its stored name as typed. The stored name stays Chinese, and the
API, audit entries and index numbers keep it."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext

from zhengwu.disclosure import publishing
from zhengwu.disclosure.constants import STANDARD_CATEGORY_NAMES, STANDARD_CODES
from zhengwu.disclosure.forms import CategoryForm, ItemForm, PublicFilterForm

pytestmark = pytest.mark.django_db

# Stand-ins for the English catalogue the lead's .po file will hold (the tests do not depend on its wording).
ENGLISH = {"机构职能": "Functions of the agency", "政策文件": "Policy documents", "规范性文件": "Normative documents"}


@pytest.fixture
def english_names(monkeypatch):
    """Translations of some standard names, in effect while English is active (as a compiled catalogue would be)."""
    real = translation._trans.gettext

    def gettext_with_names(message):
        if translation.get_language() == "en" and message in ENGLISH:
            return ENGLISH[message]
        return real(message)

    monkeypatch.setattr(translation._trans, "gettext", gettext_with_names)
    return ENGLISH


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def renamed(staff, catalogue):
    """机构职能 renamed by the department: its own wording, shown as typed in every language."""
    return publishing.change_category(catalogue["JGZN"], actor=staff.approver, name="机构概况")


def test_every_standard_code_has_its_standard_name():
    assert set(STANDARD_CATEGORY_NAMES) == STANDARD_CODES
    assert STANDARD_CATEGORY_NAMES["JGZN"] == "机构职能" and STANDARD_CATEGORY_NAMES["GFXWJ"] == "规范性文件"


def test_standard_category_label_is_its_name_in_the_active_language(catalogue):
    for code in STANDARD_CODES:
        category = catalogue[code]
        assert category.name == STANDARD_CATEGORY_NAMES[code]  # stored Chinese
        assert category.label == category.name  # Chinese is the default language
        with translation.override("en"):
            assert category.label == gettext(category.name)


def test_standard_label_uses_the_translation_once_one_exists(catalogue, english_names):
    with translation.override("en"):
        assert catalogue["JGZN"].label == "Functions of the agency"
        assert catalogue["GFXWJ"].label == "Normative documents"
    assert catalogue["JGZN"].label == "机构职能"
    assert catalogue["JGZN"].name == "机构职能"


def test_renamed_or_own_category_label_is_its_stored_name(dept, staff, catalogue, renamed, english_names):
    own = publishing.add_category(dept, actor=staff.approver, code="SGJS", name="机构职能")  # a standard name, own code
    with translation.override("en"):
        assert renamed.label == "机构概况"
        assert own.label == "机构职能"
        assert catalogue["ZCWJ"].label == "Policy documents"
    renamed = publishing.change_category(renamed, actor=staff.approver, name="机构职能")  # back to the standard name
    with translation.override("en"):
        assert renamed.label == "Functions of the agency"


def test_public_pages_show_the_translated_standard_names_and_the_renamed_one_as_stored(
    english, dept, catalogue, publish, english_names, staff
):
    item = publish(code="GFXWJ")
    publish("机构设置说明", code="JGZN")
    publishing.change_category(catalogue["JGZN"], actor=staff.approver, name="机构概况")
    tree = english.get(f"/disclosure/dept/{dept.code}/").content.decode()
    assert "Policy documents" in tree and "Normative documents" in tree
    assert "机构概况" in tree and "机构职能" not in tree and "规范性文件" not in tree
    page = english.get(f"/disclosure/items/{item.pk}/").content.decode()
    assert "Normative documents" in page and "规范性文件" not in page
    listing = english.get(f"/disclosure/items/?category={catalogue['GFXWJ'].pk}").content.decode()
    assert "<h1>Normative documents</h1>" in listing
    feed = english.get(f"/disclosure/feeds/{catalogue['GFXWJ'].pk}/atom/").content.decode()
    assert f"<title>{dept.name} · Normative documents</title>" in feed
    renamed_page = english.get(f"/disclosure/items/?category={catalogue['JGZN'].pk}").content.decode()
    assert "<h1>机构概况</h1>" in renamed_page


def test_the_api_and_the_index_number_keep_the_stored_name_and_code(english, catalogue, publish, english_names):
    item = publish(code="GFXWJ")
    assert "/GFXWJ-2025-" in item.index_number
    listed = english.get("/api/v1/disclosure/items").json()["items"]
    assert [row["category"] for row in listed if row["index_number"] == item.index_number] == ["规范性文件"]


def test_workbench_pages_and_form_choices_show_the_labels(english, staff, catalogue, renamed, publish, english_names):
    item = publish(code="GFXWJ")
    english.force_login(staff.approver)
    tree = english.get("/workbench/disclosure/catalogue/").content.decode()
    assert "GFXWJ Normative documents" in tree and "JGZN 机构概况" in tree
    category_page = english.get(f"/workbench/disclosure/catalogue/categories/{catalogue['GFXWJ'].pk}/")
    html = category_page.content.decode()
    assert "<dd>Policy documents</dd>" in html  # the parent
    assert 'value="规范性文件"' in html  # the name field edits the stored name
    for path in (f"/workbench/disclosure/items/{item.pk}/", "/workbench/disclosure/items/"):
        html = english.get(path).content.decode()
        assert "Normative documents" in html and "规范性文件" not in html, path
    with translation.override("en"):
        item_choices = dict(ItemForm(departments=[catalogue["JGZN"].department_id]).fields["category"].choices)
        filter_choices = dict(PublicFilterForm().fields["category"].choices)
        parent_choices = dict(CategoryForm(department_id=catalogue["JGZN"].department_id).fields["parent"].choices)
    for choices in (item_choices, filter_choices, parent_choices):
        labels = {str(label) for label in choices.values()}
        assert {"Policy documents", "机构概况"} <= labels and "政策文件" not in labels
