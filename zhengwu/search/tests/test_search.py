import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from zhengwu.org.models import Department
from zhengwu.org.tests.factories import DepartmentFactory
from zhengwu.search import services
from zhengwu.search.models import SearchEntry

pytestmark = pytest.mark.django_db


def titles(page):
    return [hit.title for hit in page.hits]


def test_tokenize_segments_lowercases_and_drops_punctuation():
    assert services.tokenize("食品经营许可（新办），COVID-19!") == "食品 经营 许可 新办 covid 19"
    assert services.tokenize("") == ""


def test_food_business_finds_the_food_business_licence():
    services.index("matter", 1, title="食品经营许可（新办）", body="申请人已依法取得营业执照")
    services.index("matter", 2, title="药品零售企业经营许可", body="药品经营质量管理规范")
    page = services.search("matter", "食品经营")
    assert page.total == 1
    assert titles(page) == ["食品经营许可（新办）"]
    assert page.hits[0].object_id == 1


def test_a_long_query_word_finds_the_words_it_is_made_of():
    services.index("matter", 1, title="建设工程规划许可证核发")
    assert titles(services.search("matter", "工程规划许可")) == ["建设工程规划许可证核发"]
    assert titles(services.search("matter", "建设工程")) == ["建设工程规划许可证核发"]


def test_a_space_typed_inside_a_chinese_word_does_not_split_it():
    services.index("matter", 1, title="排污许可证核发")
    services.index("matter", 2, title="取水许可")
    assert titles(services.search("matter", "许可 证")) == ["排污许可证核发"]
    # Between Chinese words a space still separates terms that must all match.
    assert titles(services.search("matter", "排污 核发")) == ["排污许可证核发"]
    assert titles(services.search("matter", "取水  许可")) == ["取水许可"]


def test_title_matches_rank_above_body_matches():
    services.index("matter", 1, title="动物诊疗许可", body="食品经营者应当……食品经营食品经营食品经营")
    services.index("matter", 2, title="食品经营许可", body="")
    services.index("matter", 3, title="农药经营许可", body="不涉及食品经营")
    page = services.search("matter", "食品经营")
    assert page.total == 3
    assert page.hits[0].title == "食品经营许可"
    assert page.hits[0].score > page.hits[1].score


def test_only_public_entries_of_the_kind_are_found():
    services.index("matter", 1, title="食品经营许可", public=False)
    services.index("disclosure_item", 1, title="食品经营许可办理情况公示")
    assert services.search("matter", "食品经营").total == 0
    assert services.search("disclosure_item", "食品经营").total == 1


def test_index_replaces_the_entry_and_unindex_removes_it():
    services.index("matter", 7, title="食品经营许可")
    services.index("matter", 7, title="烟草专卖零售许可")
    assert SearchEntry.objects.filter(kind="matter", object_id=7).count() == 1
    assert services.search("matter", "食品").total == 0
    assert titles(services.search("matter", "烟草专卖")) == ["烟草专卖零售许可"]
    services.unindex("matter", 7)
    services.unindex("matter", 7)  # twice: nothing to remove, no error
    assert services.search("matter", "烟草").total == 0


def test_department_filter():
    services.index("matter", 1, title="取水许可", department_id=10)
    services.index("matter", 2, title="取水许可延续", department_id=11)
    assert [h.object_id for h in services.search("matter", "取水", department_id=11).hits] == [2]


@pytest.mark.parametrize("query", ["", "   ", "？！，。", None])
def test_blank_query_gives_an_empty_page(query):
    services.index("matter", 1, title="食品经营许可")
    page = services.search("matter", query)
    assert page.total == 0 and page.hits == []
    assert list(services.matching_ids("matter", query)) == []


@pytest.mark.parametrize(
    "query",
    [
        '"食品',
        "食品*",
        "食品' OR 1=1 --",
        "食品 AND NEAR(经营",
        "{title_tokens} : 食品",
        "食品 & | ! <-> :*",
        "title_tokens:食品^",
        "-食品 +经营 (许可",
        "%_\\",
        "a" * 5000,
        "\x00食品",
    ],
)
def test_query_syntax_characters_never_raise(query):
    services.index("matter", 1, title="食品经营许可")
    page = services.search("matter", query)
    assert page.total >= 0
    list(services.matching_ids("matter", query))


def test_syntax_characters_are_searched_as_words():
    services.index("matter", 1, title="食品经营许可")
    assert services.search("matter", '"食品" (经营*').total == 1
    assert services.search("matter", "食品 AND 经营").total == 0  # "and" is a word here, not an operator


def test_pinyin_initials_find_a_title():
    services.index("matter", 1, title="食品经营许可（新办）")
    services.index("matter", 2, title="食品许可")
    services.index("matter", 3, title="排污许可证核发")
    assert titles(services.search("matter", "spjyxk")) == ["食品经营许可（新办）"]
    assert titles(services.search("matter", "SPJY")) == ["食品经营许可（新办）"]
    assert titles(services.search("matter", "spxk")) == ["食品许可"]
    assert {h.object_id for h in services.search("matter", "xk").hits} == {1, 2, 3}
    assert titles(services.search("matter", "pwxkz")) == ["排污许可证核发"]


def test_matching_ids_filters_another_queryset():
    food, drugs = DepartmentFactory(), DepartmentFactory()
    services.index("dept", food.pk, title="食品安全监督管理")
    services.index("dept", drugs.pk, title="药品监督管理")
    ids = services.matching_ids("dept", "食品安全")
    assert list(Department.objects.filter(pk__in=ids)) == [food]
    assert set(Department.objects.filter(pk__in=services.matching_ids("dept", "监督管理"))) == {food, drugs}


def test_pages_and_totals():
    for number in range(1, 26):
        services.index("item", number, title=f"第{number}号 政务公开通知", published_on=dt.date(2026, 1, number))
    first = services.search("item", "政务公开", limit=10)
    third = services.search("item", "政务公开", limit=10, offset=20)
    assert first.total == third.total == 25
    assert len(first.hits) == 10 and len(third.hits) == 5
    # equal relevance: newest first
    assert first.hits[0].published_on == dt.date(2026, 1, 25)
    assert services.search("item", "政务公开", offset=100).hits == []


def test_snippet_marks_the_terms_and_escapes_html():
    body = "前言" * 100 + "本许可适用于<script>alert(1)</script>食品经营活动。" + "结尾" * 100
    services.index("matter", 1, title="许可说明", body=body)
    snippet = services.search("matter", "食品经营").hits[0].snippet
    assert "<mark>食品</mark>" in snippet and "<mark>经营</mark>" in snippet
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet
    assert snippet.startswith("…") and snippet.endswith("…")


def test_reindex_rebuilds_a_kind_from_its_source(monkeypatch):
    services.index("test_kind", 99, title="旧条目")
    monkeypatch.setattr(services, "_sources", dict(services._sources))  # the registration ends with the test
    services.register_source(
        "test_kind",
        lambda: ({"object_id": n, "title": f"户口迁移{n}", "public": n != 2} for n in range(1, 4)),
    )
    call_command("reindex_search", "--kind", "test_kind", stdout=open("/dev/null", "w"))
    assert services.search("test_kind", "旧条目").total == 0
    assert sorted(h.object_id for h in services.search("test_kind", "户口迁移").hits) == [1, 3]
    with pytest.raises(CommandError):
        call_command("reindex_search", "--kind", "no_such_kind")


def test_large_result_sets_are_capped_and_keep_title_matches_first(monkeypatch):
    from zhengwu.search import backends

    monkeypatch.setattr(backends, "MAX_COUNTED", 5)  # PostgreSQL: from this many matches on, no ts_rank
    services.index("item", 1, title="户口迁移办事指南", published_on=dt.date(2020, 1, 1))
    for number in range(2, 9):
        services.index(
            "item", number, title=f"通知{number}", body="关于户口迁移的说明", published_on=dt.date(2026, 1, number)
        )
    page = services.search("item", "户口迁移", limit=3)
    assert page.total == 5 and page.total_is_capped
    assert [hit.object_id for hit in page.hits] == [1, 8, 7]  # the title match although oldest, then newest
    assert [hit.object_id for hit in services.search("item", "户口迁移", limit=3, offset=3).hits] == [6, 5, 4]
    small = services.search("item", "办事指南")
    assert small.total == 1 and not small.total_is_capped
