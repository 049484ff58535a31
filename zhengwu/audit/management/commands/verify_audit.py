"""`manage.py verify_audit`: walk the SM3 chain of the audit log and report the first broken link.

Exit status 0 when the chain is intact, 1 otherwise, so that cron or monitoring can alert on it.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhengwu.audit.services import verify_chain


class Command(BaseCommand):
    help = gettext_lazy("校验审计日志的 SM3 哈希链，报告第一处断裂。")

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=5000, help=gettext_lazy("每批读取的条数"))

    def handle(self, *args, batch_size: int, **options):
        checked, chain_break = verify_chain(batch_size=batch_size)
        if chain_break is not None:
            raise CommandError(
                _("审计日志校验失败：第 %(seq)d 条，%(reason)s（此前 %(checked)d 条完好）")
                % {"seq": chain_break.seq, "reason": chain_break.reason, "checked": checked},
                returncode=1,
            )
        self.stdout.write(self.style.SUCCESS(_("审计日志校验通过：共 %(n)d 条") % {"n": checked}))
