"""Demo data of what happens to a granted licence (行政许可法 第六十九条、第七十条): the demo seeder revokes one
licence of a safety-critical matter obtained with forged materials (第六十九条第二款, so that its holder is barred
for three years, 第七十九条) and then cancels it (第七十条第四项), and cancels another because its holder was
dissolved (第七十条第三项). Everything goes through `cases.licences`; nothing is written twice."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zhengwu.errors import DomainError
from zhengwu.org.models import Role, User

from . import licences
from .models import CancellationGround, Case, CaseState, LicenceCancellation, LicenceRevocation, RevocationGround

REVOCATION_REASON = (
    "经核查，被许可人申请时提交的从业人员健康证明系伪造，隐瞒了主要负责人不符合从业条件的情况，"
    "属于以欺骗手段取得行政许可。本机关已评估，撤销该许可不会对公共利益造成重大损害。"
)
CANCELLATION_AFTER_REVOCATION = "行政许可已依法撤销，依照第七十条第四项予以注销，并收回许可证件。"
CANCELLATION_DISSOLVED = "被许可人已办理注销登记，主体资格依法终止，依照第七十条第三项注销该行政许可。"


def _granted(safety_critical: bool):
    return (
        Case.objects.filter(
            state=CaseState.CLOSED,
            decision=CaseState.APPROVED,
            matter_version__safety_critical=safety_critical,
            revocation__isnull=True,
            cancellation__isnull=True,
        )
        .exclude(result_number="")
        .order_by("closed_on", "pk")
    )


def _head(case: Case) -> User | None:
    return (
        User.objects.filter(department_id=case.department_id, role_grants__role=Role.DEPARTMENT_HEAD)
        .order_by("pk")
        .first()
    )


def _after(day: dt.date, days: int) -> dt.date:
    return min(day + dt.timedelta(days=days), timezone.localdate())


def seed(stdout=None) -> int:
    """Revoke and cancel the demo licences (idempotent: once there are any, nothing is added); returns how many
    licences were revoked or cancelled."""
    if LicenceRevocation.objects.exists() or LicenceCancellation.objects.exists():
        _out(stdout, "演示的撤销/注销行政许可已存在，未做修改。")
        return 0
    done = 0
    for case in _granted(safety_critical=True)[:5]:
        head = _head(case)
        if head is None:
            continue
        try:
            revoked_on = _after(case.closed_on, 30)
            licences.revoke(
                case,
                actor=head,
                ground=RevocationGround.IMPROPER_MEANS,
                reason=REVOCATION_REASON,
                public_interest_weighed=True,
                on=revoked_on,
            )
            licences.cancel_licence(
                case,
                actor=head,
                ground=CancellationGround.REVOKED,
                reason=CANCELLATION_AFTER_REVOCATION,
                on=_after(revoked_on, 3),
            )
        except DomainError:
            continue  # e.g. a calendar year not entered yet: try the next licence
        done += 1
        break
    for case in _granted(safety_critical=False)[:5]:
        head = _head(case)
        if head is None:
            continue
        try:
            licences.cancel_licence(
                case,
                actor=head,
                ground=CancellationGround.ORGANISATION_TERMINATED,
                reason=CANCELLATION_DISSOLVED,
                on=_after(case.closed_on, 60),
            )
        except DomainError:
            continue
        done += 1
        break
    _out(stdout, f"撤销/注销行政许可：{done} 个演示许可。")
    return done


def _out(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(message)
