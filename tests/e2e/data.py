"""Small demo data for the browser tests, made through the real services (catalogue, cases) and the factories.

One department (永嘉县市场监督管理局) with its staff and two published matters taken from the demo catalogue:
食品经营许可（新办） (online, reviewed in steps) and 个体工商户设立登记 (a distractor for the search).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from types import SimpleNamespace

from django.utils import timezone

from zhengwu.calendar.models import KnownYear
from zhengwu.cases import services as acts
from zhengwu.cases.models import Case, CaseState, DeliveryMethod, StepState
from zhengwu.catalog import services as catalog
from zhengwu.catalog.demo_matters import MATTERS
from zhengwu.catalog.models import MatterVersion
from zhengwu.org.models import Role
from zhengwu.org.tests.factories import DepartmentFactory, StaffFactory, approver, clerk, reviewer
from zhengwu.parties.tests.factories import make_citizen_id

FOOD_CODE = "330324-SCJG-001"  # 食品经营许可（新办）: online, promised 3 working days
SHOP_CODE = "330324-SCJG-002"  # 个体工商户设立登记
STAFF_PASSWORD = "Zhengwu-test-1"  # the StaffFactory password


@dataclass
class Citizen:
    """A person who registers on the portal (the values typed into the forms)."""

    name: str
    id_number: str
    phone: str
    password: str = "Kx9!portal-2026"

    @property
    def phone_last4(self) -> str:
        return self.phone[-4:]


def citizen(seed: int, name: str = "王小明") -> Citizen:
    rng = random.Random(seed)
    return Citizen(name=name, id_number=make_citizen_id(rng), phone=f"139{rng.randint(0, 99_999_999):08d}")


def _demo_matter(code: str) -> dict:
    return next(m for m in MATTERS if m["code"] == code)


def publish_demo_matter(code: str, department, actor) -> MatterVersion:
    data = _demo_matter(code)
    guide = {k: v for k, v in data.items() if k not in ("code", "department", "joint_departments")}
    matter = catalog.create_matter(actor=actor, code=code, department=department, **guide)
    return catalog.publish(matter.versions.get(), actor=actor, change_note="初始发布")


def make_world() -> SimpleNamespace:
    """The department, its staff (one per post) and the two published matters."""
    for year in (timezone.localdate().year, timezone.localdate().year + 1):
        # Deadlines of a case received late in the year run into the next one.
        KnownYear.objects.get_or_create(year=year, defaults={"source": "测试：假定已公布"})
    dept = DepartmentFactory(code="YJ-SCJG", name="永嘉县市场监督管理局", short_name="县市场监管局")
    staff = SimpleNamespace(
        clerk=clerk(dept, username="scjg_clerk"),
        first_reviewer=reviewer(dept, post_codes=["first_review"], username="scjg_review1"),
        reviewer=reviewer(dept, post_codes=["review"], username="scjg_review2"),
        approver=approver(dept, username="scjg_approver"),
        head=StaffFactory(department=dept, roles=[Role.DEPARTMENT_HEAD], username="scjg_head"),
    )
    food = publish_demo_matter(FOOD_CODE, dept, staff.head)
    shop = publish_demo_matter(SHOP_CODE, dept, staff.head)
    return SimpleNamespace(dept=dept, staff=staff, food=food, shop=shop)


# -- staff acts, straight through the services (the workbench has its own tests) -----------------------------------
def request_correction(case: Case, staff, material_names: list[str], reason: str) -> None:
    materials = {m.name: m for m in case.matter_version.materials.all()}
    items = [{"material_id": materials[name].pk, "material_name": name, "reason": reason} for name in material_names]
    acts.request_correction(case, actor=staff.clerk, items=items, note="请补正后重新提交。")


def accept_decide_close(case: Case, staff, *, approve: bool = True) -> Case:
    """Accept, pass every review step, decide and deliver (electronically)."""
    case = acts.accept(case, actor=staff.clerk)
    by_post = {"first_review": staff.first_reviewer, "review": staff.reviewer, "approval": staff.approver}
    while True:
        case.refresh_from_db()
        steps = list(case.steps.filter(state=StepState.OPEN).select_related("post"))
        if not steps:
            break
        for step in steps:
            case = acts.complete_step(
                case, actor=by_post[step.post.code], step_id=step.pk, outcome="pass", opinion="材料齐全，符合条件"
            )
    case = acts.decide(case, actor=staff.approver, approve=approve, reason="" if approve else "不符合许可条件")
    assert case.state in (CaseState.APPROVED, CaseState.DENIED)
    return acts.close(
        case, actor=staff.clerk, delivery_method=DeliveryMethod.ELECTRONIC, result_number="JY13303240000001"
    )
