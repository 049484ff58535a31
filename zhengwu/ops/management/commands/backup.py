"""`manage.py backup [--output-dir DIR] [--keep N] [--no-verify]`: write one backup file and prove it restores.

Exit status 0 when the backup was written (and verified), 1 otherwise, so that cron or monitoring can alert on it.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_lazy

from zhengwu.ops.models import Outcome
from zhengwu.ops.services import run_backup


def _at_least_one(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = gettext_lazy("备份数据库和上传文件，恢复到临时库校验，并只在校验通过后清理最旧的备份。")

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir", type=Path, default=None, help=gettext_lazy("备份目录（默认 ZHENGWU_BACKUP_DIR）")
        )
        parser.add_argument(
            "--keep",
            type=_at_least_one,
            default=None,
            help=gettext_lazy("保留最近的几份备份（默认 ZHENGWU_BACKUP_KEEP）"),
        )
        parser.add_argument("--no-verify", action="store_true", help=gettext_lazy("不校验新备份（此时也不清理旧备份）"))

    def handle(self, *args, output_dir: Path | None, keep: int | None, no_verify: bool, **options):
        operation = run_backup(output_dir=output_dir, keep=keep, verify=not no_verify)
        if operation.outcome == Outcome.FAILED:
            if operation.detail:
                self.stderr.write(operation.detail)
            raise CommandError(operation.summary, returncode=1)
        self.stdout.write(self.style.SUCCESS(operation.summary))
        if operation.detail:
            self.stdout.write(operation.detail)
