"""Write the catalogue (current published versions, or every version) as JSON or XML."""

from pathlib import Path

from django.core.management.base import BaseCommand

from zhengwu.catalog import exchange


class Command(BaseCommand):
    help = "Export the matters catalogue as JSON or XML (see zhengwu/catalog/exchange.py for the layout)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "xml"], default="json")
        parser.add_argument("--output", help="file to write; standard output when omitted")
        parser.add_argument("--all-versions", action="store_true", help="also list every version of each matter")

    def handle(self, *args, format, output, all_versions, **options):
        if format == "xml":
            data = exchange.export_xml(all_versions=all_versions)
        else:
            data = exchange.export_json(all_versions=all_versions).encode()
        if output:
            Path(output).write_bytes(data)
        else:
            self.stdout.write(data.decode(), ending="")
