"""`manage.py verify_backup FILE`: prove that a backup restores (members, row counts, migrations, audit chain).

Exit status 0 with a summary when it does, 1 with the first problem found when it does not.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhengwu.ops.models import Outcome
from zhengwu.ops.services import run_verification


class Command(BaseCommand):
    help = gettext_lazy("校验备份文件：逐个核对 SM3，恢复到临时库，核对各表行数和审计日志哈希链。")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help=gettext_lazy("备份文件"))

    def handle(self, *args, file: Path, **options):
        if not file.exists() and file.parent == Path() and (settings.ZHENGWU_BACKUP_DIR / file).exists():
            file = settings.ZHENGWU_BACKUP_DIR / file  # a bare name, as `backup` prints it
        if not file.is_file():
            raise CommandError(_("备份文件不存在：%(file)s") % {"file": file}, returncode=1)
        operation = run_verification(file)
        if operation.outcome == Outcome.FAILED:
            if operation.detail:
                self.stderr.write(operation.detail)
            raise CommandError(operation.summary, returncode=1)
        self.stdout.write(self.style.SUCCESS(operation.summary))
