"""Demo applicant accounts for `manage.py seed_demo` (after org, catalogue and cases are seeded).

A citizen and an enterprise, each with online cases in different states — submitted, awaiting correction,
accepted (in review), closed — produced by the real acts (`accounts.applications`, `cases.services`), and a
consultation that was answered and published as FAQ. Idempotent: when the demo citizen exists, nothing is written.
"""

from __future__ import annotations

import datetime as dt
import sys

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from zhengwu.calendar.services import is_working_day
from zhengwu.cases import services as acts
from zhengwu.cases.models import Case, DeliveryMethod, StepOutcome, StepState
from zhengwu.catalog.models import MatterType, MatterVersion, VersionStatus
from zhengwu.consultation import services as consultation
from zhengwu.org.models import User
from zhengwu.parties import crypto
from zhengwu.parties.validators import citizen_id_check_char, uscc_check_char

from . import applications, services
from .models import Account, AccountKind

DEMO_PASSWORD = "Zhengwu-demo-2025"
CITIZEN_PHONE = "13957700001"
ENTERPRISE_PHONE = "13957700002"
_PDF = b"%PDF-1.4\n% demo material\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _citizen_id() -> str:
    first17 = "33032419880512002"
    return first17 + citizen_id_check_char(first17)


def _uscc() -> str:
    first17 = "91330324MA2D8E7K0"
    return first17 + uscc_check_char(first17)


def _working_day(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def _online_version(name: str, matter_type: str) -> MatterVersion:
    published = MatterVersion.objects.filter(status=VersionStatus.PUBLISHED, online_available=True)
    return (
        published.filter(name=name).first()
        or published.filter(matter_type=matter_type).order_by("matter__code").first()
    )


def _holder(department_id: int, post_code: str) -> User:
    return User.objects.filter(posts__department_id=department_id, posts__code=post_code, is_active=True).first()


def _apply(account: Account, version: MatterVersion, day: dt.date) -> Case:
    uploads = {
        m.pk: SimpleUploadedFile(f"{m.name[:40]}.pdf", _PDF, content_type="application/pdf")
        for m in version.materials.all()
    }
    return applications.save_application(account, version, uploads=uploads, submit=True, on=day).case


def _correct(case: Case, day: dt.date) -> None:
    material = case.matter_version.materials.order_by("position").first()
    acts.request_correction(
        case,
        actor=_holder(case.department_id, "acceptance"),
        items=[{"material_id": material.pk, "reason": "扫描件不清晰，请重新上传清晰的彩色扫描件。"}],
        note="请补正后重新提交。",
        on=day,
    )


def _review(case: Case, day: dt.date, *, finish: bool) -> Case:
    acts.accept(case, actor=_holder(case.department_id, "acceptance"), on=day)
    while finish:
        case.refresh_from_db()
        steps = list(case.steps.filter(state=StepState.OPEN).select_related("post"))
        if not steps:
            break
        for step in steps:
            acts.complete_step(
                case,
                actor=_holder(step.department_id, step.post.code),
                step_id=step.pk,
                outcome=StepOutcome.PASS,
                opinion="材料齐全，符合法定条件。",
                on=day,
            )
    case.refresh_from_db()
    return case


def _close(case: Case, day: dt.date) -> Case:
    clerk = _holder(case.department_id, "acceptance")
    if case.matter_version.matter_type == MatterType.IMMEDIATE:
        acts.accept_and_decide(case, actor=clerk, approve=True, on=day)
    else:
        _review(case, day, finish=True)
        acts.decide(case, actor=_holder(case.department_id, "approval"), approve=True, on=day)
    return acts.close(case, actor=clerk, delivery_method=DeliveryMethod.ELECTRONIC, result_number="", on=day)


def _out(stdout, text: str) -> None:
    (stdout or sys.stdout).write(text + "\n")


@transaction.atomic
def seed(stdout=None) -> list[Account]:
    """Write the demo applicants (idempotent). Needs the demo departments, staff and catalogue."""
    if Account.objects.filter(phone_digest=crypto.lookup_digest(CITIZEN_PHONE)).exists():
        _out(stdout, "演示申请人账户已存在，未做修改。")
        return list(Account.objects.order_by("pk"))
    promised = _online_version("食品经营许可（新办）", MatterType.PROMISED)
    immediate = _online_version("个体工商户设立登记", MatterType.IMMEDIATE)
    firm_promised = _online_version("药品零售企业经营许可（新办）", MatterType.PROMISED)
    firm_immediate = _online_version("第二类医疗器械经营备案", MatterType.IMMEDIATE)
    if not all((promised, immediate, firm_promised, firm_immediate)):
        _out(stdout, "没有可网上办理的事项，请先生成事项目录演示数据。")
        return []
    day = _working_day(timezone.localdate())
    citizen = services.register(
        kind=AccountKind.PERSON,
        name="陈小民",
        id_number=_citizen_id(),
        phone=CITIZEN_PHONE,
        password=DEMO_PASSWORD,
        password2=DEMO_PASSWORD,
    )
    firm = services.register(
        kind=AccountKind.ENTERPRISE,
        name="永嘉县演示商贸有限公司",
        id_number=_uscc(),
        phone=ENTERPRISE_PHONE,
        password=DEMO_PASSWORD,
        password2=DEMO_PASSWORD,
        representative="陈大成",
    )
    _apply(citizen, promised, day)  # submitted, awaiting the acceptance decision
    _correct(_apply(citizen, promised, day), day)  # awaiting correction
    _close(_apply(citizen, immediate, day), day)  # closed: can be rated
    _review(_apply(firm, firm_promised, day), day, finish=False)  # accepted, first review step open
    _close(_apply(firm, firm_immediate, day), day)  # closed
    asked = consultation.ask(
        account=citizen,
        matter=promised.matter,
        subject="小餐饮店是否需要办理食品经营许可",
        question="我叫陈小民，准备在县城开一家小面馆，需要办理食品经营许可吗？",
        on=day,
    )
    clerk = _holder(asked.department_id, "acceptance")
    consultation.answer(asked, actor=clerk, answer="从事餐饮服务需取得食品经营许可，可在网上办事大厅申请。", on=day)
    consultation.publish_faq(
        asked,
        actor=clerk,
        question="开办小餐饮店需要办理食品经营许可吗？",
        answer="从事餐饮服务需取得食品经营许可，可在网上办事大厅在线申请，也可到政务服务中心窗口办理。",
    )
    _out(stdout, f"演示申请人：个人 {CITIZEN_PHONE}，企业 {ENTERPRISE_PHONE}，密码 {DEMO_PASSWORD}（我的办件：/my/）")
    return [citizen, firm]
