"""Disclosure items in the shared full-text search (`zhengwu.search.services`, kind "disclosure_item").

Only a published item has an entry; any other state (draft, under check, refused, withdrawn, superseded)
removes it, so nothing unpublished can ever be found. An item disclosed upon request (依申请公开) is found by its
title, not its body.
"""

from __future__ import annotations

from zhengwu.search import services as search

from .models import DisclosureMode, Item, ItemState

KIND = "disclosure_item"


def _entry(item: Item) -> dict:
    body = item.body if item.mode == DisclosureMode.PROACTIVE else ""
    extra = " ".join(part for part in (item.document_number, item.subject_terms, item.issuer) if part)
    return {
        "title": item.title,
        "body": f"{extra}\n{body}" if extra else body,
        "public": True,
        "department_id": item.department_id,
        "published_on": item.published_on,
    }


def sync(item: Item) -> None:
    """Index or unindex `item` according to its state (call inside the act's transaction)."""
    if item.state == ItemState.PUBLISHED:
        search.index(KIND, item.pk, **_entry(item))
    else:
        search.unindex(KIND, item.pk)


def source():
    """Every published item, for `manage.py reindex_search --kind disclosure_item`."""
    for item in Item.objects.filter(state=ItemState.PUBLISHED).iterator(chunk_size=1000):
        yield {"object_id": item.pk, **_entry(item)}
