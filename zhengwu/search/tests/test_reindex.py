"""Rebuilding a kind: in batches every entry is indexed once; outside any transaction (the management command) the
rebuild also tidies the PostgreSQL table; a blank query matches nothing when used to filter another queryset."""

import io

import pytest
from django.core.management import call_command

from zhengwu.org.models import Department
from zhengwu.org.tests.factories import DepartmentFactory
from zhengwu.search import services
from zhengwu.search.models import SearchEntry


def _source(count: int):
    return lambda: ({"object_id": n, "title": f"户口迁移登记{n}"} for n in range(1, count + 1))


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "   ", "，。！"])
def test_a_blank_query_filters_another_queryset_down_to_nothing(query):
    food = DepartmentFactory()
    services.index("dept", food.pk, title="食品安全监督管理")
    assert not Department.objects.filter(pk__in=services.matching_ids("dept", query)).exists()


@pytest.mark.django_db
def test_a_rebuild_in_batches_indexes_every_entry_once(monkeypatch):
    monkeypatch.setattr(services, "REINDEX_BATCH", 2)
    monkeypatch.setitem(services._sources, "batch_kind", _source(5))
    assert services.reindex("batch_kind") == 5
    assert sorted(SearchEntry.objects.filter(kind="batch_kind").values_list("object_id", flat=True)) == [1, 2, 3, 4, 5]
    assert services.search("batch_kind", "户口迁移").total == 5


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_outside_a_transaction_leaves_every_entry_searchable(monkeypatch):
    """The command runs outside a transaction: on PostgreSQL the rebuild then ends with VACUUM ANALYZE, which a
    transaction block would refuse."""
    monkeypatch.setitem(services._sources, "vacuum_kind", _source(3))
    services.index("vacuum_kind", 99, title="旧条目")
    assert services.reindex("vacuum_kind") == 3
    assert services.search("vacuum_kind", "旧条目").total == 0
    assert sorted(h.object_id for h in services.search("vacuum_kind", "户口迁移").hits) == [1, 2, 3]


@pytest.mark.django_db
def test_the_command_without_a_kind_rebuilds_every_registered_kind(monkeypatch):
    monkeypatch.setattr(services, "_sources", {"kind_b": _source(2), "kind_a": _source(3)})
    services.index("kind_a", 99, title="旧条目")
    out = io.StringIO()
    call_command("reindex_search", stdout=out)
    assert out.getvalue().splitlines() == ["kind_a: 3", "kind_b: 2"]
    assert services.search("kind_a", "旧条目").total == 0
    assert services.search("kind_b", "户口迁移").total == 2
