"""Rebuild every indicator fact from the cases (after a calendar change, a bulk import, or to verify)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from zhengwu.indicators.facts import rebuild_all


class Command(BaseCommand):
    help = "Rebuild the per-case indicator facts (indicators.CaseFact) from the cases; idempotent."

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        written = rebuild_all()
        self.stdout.write(f"refreshed {written} case facts in {time.perf_counter() - started:.1f} s")
