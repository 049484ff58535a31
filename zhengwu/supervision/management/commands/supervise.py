"""manage.py supervise [--date YYYY-MM-DD]: the deadline watch (also run by Celery beat every 10 minutes)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from zhengwu.calendar.services import horizon_warning
from zhengwu.supervision.services import run_supervision


class Command(BaseCommand):
    help = "电子监察：为进入预警或超期的办件和审查环节生成提醒并发送（可重复运行，不会重复发送）。"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按该日期计算时效（YYYY-MM-DD，默认今天）")

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError("--date must be YYYY-MM-DD") from error
        stats = run_supervision(today)
        for name, value in stats.as_dict().items():
            self.stdout.write(f"{name}: {value}")
        warning = horizon_warning(today)
        if warning:  # the deadline watch is what operators read every day
            self.stderr.write(self.style.WARNING(warning))
