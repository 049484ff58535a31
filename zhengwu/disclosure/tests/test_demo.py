"""The demo seeder runs through the real services and is idempotent."""

from __future__ import annotations

import io

from zhengwu.disclosure import demo
from zhengwu.disclosure.models import AnnualReport, Item, Request


def test_demo_seed_is_idempotent(staff, other_staff):
    out = io.StringIO()
    first = demo.seed(stdout=out)
    assert first["items"] >= 50 and first["requests"] == 30
    assert Item.objects.filter(state="published").exists() and Item.objects.filter(state="withdrawn").exists()
    assert Request.objects.exclude(outcome="").count() >= 15
    assert AnnualReport.objects.filter(published_on__isnull=False).count() == 1
    assert demo.seed(stdout=out) == {"items": 0, "requests": 0}
