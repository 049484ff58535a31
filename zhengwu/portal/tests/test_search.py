import io

import pytest
from django.core.management import call_command

from zhengwu.catalog import services as catalog
from zhengwu.catalog.models import Matter
from zhengwu.portal import demo
from zhengwu.portal.models import Theme
from zhengwu.search import services as search
from zhengwu.search.models import SearchEntry

pytestmark = pytest.mark.django_db


def test_publishing_a_matter_indexes_it_with_its_guide_text(food_matter):
    entry = SearchEntry.objects.get(kind="matter", object_id=food_matter.pk)
    assert entry.title == "食品经营许可（新办）"
    assert entry.department_id == food_matter.department_id
    assert "营业执照复印件" in entry.body and "食品安全法" in entry.body
    assert [hit.object_id for hit in search.search("matter", "营业执照").hits] == [food_matter.pk]


def test_a_new_published_version_replaces_the_entry(food_matter, actor):
    draft = catalog.draft_new_version(food_matter, actor=actor)
    draft = catalog.update_draft(draft, actor=actor, name="食品经营许可（变更）")
    assert search.search("matter", "变更").total == 0  # a draft is not public
    catalog.publish(draft, actor=actor)
    assert [hit.title for hit in search.search("matter", "食品经营").hits] == ["食品经营许可（变更）"]
    assert SearchEntry.objects.filter(kind="matter").count() == 1


def test_search_page_finds_the_food_licence_from_food_business(client, food_matter, drug_matter):
    response = client.get("/search/", {"q": "食品经营"})
    assert response.status_code == 200
    results = response.context["results"]
    assert results.total == 1
    assert [hit.code for hit in results.hits] == [food_matter.code]
    html = response.content.decode()
    assert "食品经营许可（新办）" in html
    assert "永嘉县市场监督管理局" in html  # department
    assert "可网上办理" in html  # online badge
    assert "<mark>食品</mark>" in html  # snippet


def test_search_by_pinyin_initials_and_by_department(client, food_matter, drug_matter):
    assert [h.code for h in client.get("/search/", {"q": "ypls"}).context["results"].hits] == [drug_matter.code]
    other = client.get("/search/", {"q": "食品经营", "department": food_matter.department_id + 1000})
    assert other.context["form"].errors  # unknown department: a form error, not a crash
    same = client.get("/search/", {"q": "经营许可", "department": food_matter.department_id})
    assert same.context["results"].total == 2


@pytest.mark.parametrize("query", ["", "   ", "\"'*:()&|!", "食品 OR NOT"])
def test_search_page_never_breaks(client, food_matter, query):
    response = client.get("/search/", {"q": query, "page": "2"})
    assert response.status_code == 200


def test_reindex_command_rebuilds_the_matters(food_matter, drug_matter):
    SearchEntry.objects.filter(kind="matter").delete()
    out = io.StringIO()
    call_command("reindex_search", "--kind", "matter", stdout=out)
    assert "matter: 2" in out.getvalue()
    assert search.search("matter", "药品零售").hits[0].object_id == drug_matter.pk


def test_demo_seed_is_idempotent_and_assigns_demo_matters(food_matter):
    assert demo.seed() == 1
    assert demo.seed() == 1
    assert Theme.objects.count() == len(demo.THEMES)
    licences = Theme.objects.get(code="business_licences")
    assert list(licences.matters.all()) == [food_matter]
    assert Theme.objects.get(code="birth").matters.count() == 0  # its demo matter does not exist here
    assert Matter.objects.count() == 1


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "食" * 300}, "搜索词最多100个字，请精简后重试。"),
        ({"q": "食品", "page": "0"}, "页码无效。"),
        ({"q": "食品", "page": "abc"}, "页码无效。"),
        ({"q": "食品", "page": "5000"}, "结果太多，请缩小搜索范围（最多显示前1000页）。"),
        ({"q": "食品", "department": "999999"}, "所选实施部门不存在，请重新选择。"),
    ],
)
def test_bad_search_input_is_named(client, food_matter, params, message):
    response = client.get("/search/", params)
    assert response.status_code == 200
    assert response.context["results"] is None
    html = response.content.decode()
    assert message in html
    assert ('aria-invalid="true"' in html) == ("q" in response.context["form"].errors)
