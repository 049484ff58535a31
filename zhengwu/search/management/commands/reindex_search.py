"""Rebuild the full-text search entries from their owning apps (all kinds, or one with --kind)."""

from django.core.management.base import BaseCommand, CommandError

from zhengwu.errors import InvalidInput
from zhengwu.search import services


class Command(BaseCommand):
    help = "Rebuild the search index (all registered kinds, or one with --kind)."

    def add_arguments(self, parser):
        parser.add_argument("--kind", help="only this kind (e.g. matter)")

    def handle(self, *args, kind=None, **options):
        kinds = [kind] if kind else services.registered_kinds()
        for name in kinds:
            try:
                count = services.reindex(name)
            except InvalidInput as error:
                raise CommandError(error.message) from None
            self.stdout.write(f"{name}: {count}")
