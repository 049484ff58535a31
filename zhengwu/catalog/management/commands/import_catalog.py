"""Load a catalogue file written by export_catalog; changed matters get a new published version."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zhengwu.catalog import exchange
from zhengwu.errors import DomainError
from zhengwu.org.models import User


class Command(BaseCommand):
    help = "Import a matters catalogue from a .json or .xml file (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .json or .xml file written by export_catalog")
        parser.add_argument("--actor", help="username recorded in the audit log (default: system)")

    def handle(self, *args, file, actor, **options):
        path = Path(file)
        importers = {".json": exchange.import_json, ".xml": exchange.import_xml}
        importer = importers.get(path.suffix.lower())
        if importer is None:
            raise CommandError("the file name must end in .json or .xml")
        user = None
        if actor:
            user = User.objects.filter(username=actor).first()
            if user is None:
                raise CommandError(f"no such user: {actor}")
        try:
            result = importer(path.read_bytes(), actor=user)
        except DomainError as error:
            field = f" ({error.field})" if error.field else ""
            raise CommandError(f"{error.message}{field}; nothing was imported") from None
        self.stdout.write(
            f"created {len(result.created)}, updated {len(result.updated)}, unchanged {len(result.unchanged)}"
        )
