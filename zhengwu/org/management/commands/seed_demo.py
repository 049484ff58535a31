"""manage.py seed_demo [--if-empty] [--cases N] [--seed S]: demo data of 永嘉县 for development and demonstration.

Refused in production. Everything is written in one transaction; the notices of a few recent cases are rendered
afterwards (a WeasyPrint that cannot run only warns).
"""

import importlib
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count
from django.test import override_settings

from zhengwu.cases.models import Case, CaseState
from zhengwu.org import seeding
from zhengwu.org.models import Department

# Apps that add their own demo data after the organisation, catalogue and cases exist (each `zhengwu.<app>.demo`
# has an idempotent `seed(stdout)`), in this order.
DEMO_APPS = ("portal", "accounts", "disclosure", "hall", "fees", "cases", "projects")


class Command(BaseCommand):
    help = "生成永嘉县演示数据（区划、部门、大厅窗口、事项、工作人员和办件）；生产环境禁止使用。"

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="已有部门数据时不做任何操作")
        parser.add_argument("--cases", type=int, default=320, help="生成的办件数（默认 320）")
        parser.add_argument("--seed", type=int, default=42, help="随机种子（相同种子生成相同数据）")
        parser.add_argument("--notices", type=int, default=20, help="为最近办理的多少个办件生成文书 PDF（默认 20）")

    def handle(self, *args, if_empty=False, cases=320, seed=42, notices=20, **options):
        if settings.ZHENGWU_ENV == "production":
            raise CommandError("生产环境（ZHENGWU_ENV=production）禁止生成演示数据。")
        if Department.objects.exists():
            if if_empty:
                self.stdout.write("已有演示数据（部门已存在），未做任何修改。")
                return
            raise CommandError("数据库中已有部门数据：请使用空数据库，或加 --if-empty 跳过。")
        if cases < 0:
            raise CommandError("--cases 不能为负数。")

        started = time.monotonic()
        with override_settings(ZHENGWU_RENDER_NOTICES=False), transaction.atomic():
            result = seeding.seed_demo(cases=cases, seed=seed)
            for app in DEMO_APPS:
                importlib.import_module(f"zhengwu.{app}.demo").seed(stdout=self.stdout)
        rendered = seeding.render_recent_notices(notices, self._warn)
        self._summary(result, rendered, time.monotonic() - started)

    def _warn(self, message: str) -> None:
        self.stderr.write(self.style.WARNING(message))

    def _summary(self, result: seeding.SeedResult, rendered: int, seconds: float) -> None:
        out = self.stdout.write
        for year in result.declared_years:
            self._warn(
                f"注意：工作日历尚未收录{year}年的节假日，已暂按周一至周五登记该年度；"
                f"请系统管理员在管理后台“工作日调整”中录入{year}年的节假日和调休安排。"
            )
        out(
            self.style.SUCCESS(
                f"演示数据已生成（{seconds:.1f} 秒）：{result.departments} 个部门，{result.matters} 个事项，"
                f"{result.users} 个账号，{result.parties} 个服务对象，{len(result.cases)} 个办件，{rendered} 份文书。"
            )
        )
        counts = dict(Case.objects.values("state").annotate(n=Count("id")).values_list("state", "n"))
        out("办件状态分布：")
        for state in CaseState:
            out(f"  {state.label}（{state.value}）：{counts.get(state.value, 0)}")
        deemed = Case.objects.filter(deemed_accepted=True).count()
        out(f"  其中视为受理：{deemed}")
        out("")
        sample = (
            Case.objects.filter(state=CaseState.IN_REVIEW, applicant__phone_masked__gt="").select_related("applicant")
        ).first()
        if sample is not None:
            out(f"进度查询示例: 办件编号 {sample.number}，手机号后四位 {sample.applicant.phone_masked[-4:]}")
        out("网上办事大厅: http://127.0.0.1:8000/")
        out("工作台: http://127.0.0.1:8000/workbench/  管理后台: http://127.0.0.1:8000/admin/")
        out(
            "演示账号: scjg_clerk / scjg_review1 / scjg_review2 / scjg_approver / scjg_head（其他部门同理，"
            "如 mz_clerk、ga_approver），finance_clerk（统一收费窗口），supervisor、sysadmin、secadmin、auditor、admin"
        )
        out(f"密码: {seeding.DEMO_PASSWORD}")
