"""The legal acts of case handling (行政许可法 第二十九条 to 第四十四条), one function each.

Every act: one transaction; the case row locked (`select_for_update`) and re-read, so that two concurrent acts
on one case are serialised and the second sees the first's result; scope (404), role/post (403) and state
(409) checked before anything is written; then the change, the step history (`CaseEvent`, with the agent when
one acts for the applicant) and the audit entry, last. Notices are rendered after commit (a Celery task,
inline by default). `on` is the date of the act (default today, Asia/Shanghai): tests and the demo seeder act
on given dates.

`actor=None` means the applicant acting for themselves through the portal (online submission, resubmission,
withdrawal); the caller has checked that they are the applicant.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from zhengwu.acts import act, act_date, act_moment, clean_text, next_number, require_state
from zhengwu.audit import services as audit
from zhengwu.catalog.models import Material, MatterType, MatterVersion, VersionStatus
from zhengwu.errors import InvalidInput, NotFound, NotPermitted, StateConflict
from zhengwu.org.models import Post, Role

from . import bars, deadlines
from .models import (
    Case,
    CaseEvent,
    CaseNumberCounter,
    CaseState,
    Channel,
    CorrectionItem,
    CorrectionNotice,
    DeliveryMethod,
    DenialGround,
    DocumentKind,
    NotAcceptedGround,
    ReviewStep,
    SpecialProcedure,
    StepOutcome,
    StepState,
    Suspension,
)
from .permissions import (
    REVIEW_ROLES,
    get_case_for,
    letter_authority,
    may_end_suspension,
    require_decision_authority,
    require_department,
    require_review_department,
    require_role,
    step_by_letter,
)
from .workflow import REJECT, ReviewProcess

S = CaseState
OPEN_STATES = (S.SUBMITTED, S.CORRECTION_REQUESTED, S.ACCEPTED, S.IN_REVIEW, S.SUSPENDED)
REVIEW_STATES = (S.ACCEPTED, S.IN_REVIEW)
WITHDRAWABLE_STATES = (S.SUBMITTED, S.CORRECTION_REQUESTED, S.ACCEPTED, S.IN_REVIEW, S.SUSPENDED)
# Events recorded by the system, not by a person: `actor=None` there is not the applicant.
SYSTEM_ACTIONS = frozenset({"deemed_accepted"})


# -- helpers ---------------------------------------------------------------------------------------------------
def _locked(case: Case | str, actor, *, applicant_may_act: bool = False) -> Case:
    number = case.number if isinstance(case, Case) else case
    if actor is None:
        if not applicant_may_act:
            raise NotPermitted(_("该操作需要工作人员办理。"), code="staff_only")
        locked = Case.objects.select_for_update().filter(number=number).first()
        if locked is None:
            raise NotFound(_("办件不存在或不在您的办理范围内。"), code="case_not_found")
        return locked
    return get_case_for(actor, number, lock=True)


def _require_state(case: Case, allowed, act: str) -> None:
    require_state(case, allowed, act, _("办件当前状态为“%(state)s”，不能%(act)s。"))


def _posts_of(actor) -> list[Post]:
    """The actor's posts, read once per request (the user object lives for one request)."""
    cached = getattr(actor, "_posts_cache", None)
    if cached is None:
        cached = actor._posts_cache = list(actor.posts.all())
    return cached


def _actor_post(actor, department_id: int, *codes: str) -> Post | None:
    if actor is None:
        return None
    return next((p for p in _posts_of(actor) if p.department_id == department_id and p.code in codes), None)


def _review_post(case: Case, actor) -> Post | None:
    """The actor's post among the case's open review steps (None for, say, a department head without one)."""
    open_posts = set(case.steps.filter(state=StepState.OPEN).values_list("post_id", flat=True))
    return next((p for p in _posts_of(actor) if p.pk in open_posts), None)


def _record(case: Case, actor, action: str, from_state: str, *, on, post=None, opinion: str = "", **data) -> None:
    data = {key: value.isoformat() if isinstance(value, dt.date) else value for key, value in data.items()}
    CaseEvent.objects.create(
        case=case,
        at=act_moment(on),
        actor=actor,
        post=post,
        agent_id=None if action in SYSTEM_ACTIONS else case.agent_id,  # no agent acts in what the law does itself
        action=action,
        from_state=from_state,
        to_state=case.state,
        opinion=opinion,
        data=data,
    )
    audit.record(
        actor,
        f"case.{action}",
        case,
        number=case.number,
        from_state=from_state,
        to_state=case.state,
        agent=case.agent_id,
        **data,
    )


def record_event(case: Case, actor, action: str, from_state: str, *, on, opinion: str = "", **data) -> None:
    """The history entry and audit entry of another app's act on the case (e.g. `fees`), inside that act."""
    _record(case, actor, action, from_state, on=on, opinion=opinion, **data)


def _schedule_notice(case: Case, kind: str, correction_notice: CorrectionNotice | None = None) -> None:
    if not settings.ZHENGWU_RENDER_NOTICES:
        return
    from .tasks import render_notice

    case_id, notice_id = case.pk, correction_notice.pk if correction_notice else None
    transaction.on_commit(lambda: render_notice.delay(case_id, kind, notice_id))


def _next_number(department, on: dt.date) -> str:
    return next_number(CaseNumberCounter, f"{department.code[:14]}-{on:%Y%m%d}")


# -- application and acceptance (第二十九条 to 第三十四条) ----------------------------------------------------------
@act
def submit_application(
    *, actor, matter_version: MatterVersion, applicant, agent=None, channel: str, window=None, title: str = "", on=None
) -> Case:
    """Receive an application (收件): the acceptance clock starts (5 working days, 第三十二条)."""
    today = act_date(on)
    if channel not in Channel.values:
        raise InvalidInput(_("申请渠道无效。"), field="channel")
    if matter_version.status != VersionStatus.PUBLISHED:
        raise InvalidInput(_("该事项版本未发布，不能受理申请。"), field="matter")
    if agent is not None and agent.pk == applicant.pk:
        raise InvalidInput(_("代办人不能是申请人本人。"), field="agent")
    department = matter_version.matter.department
    if actor is None:
        if channel != Channel.ONLINE:
            raise NotPermitted(_("窗口收件需要工作人员办理。"), code="staff_only")
    else:
        require_role(actor, Role.WINDOW_CLERK)
        if not actor.is_superuser and actor.department_id != department.pk:
            window_departments = set(actor.windows.values_list("departments", flat=True))
            if department.pk not in window_departments:
                raise NotPermitted(_("您所在的部门或窗口不受理该事项。"), code="wrong_department")
    if window is not None and not window.departments.filter(pk=department.pk).exists():
        raise InvalidInput(_("该窗口未进驻该事项的实施部门。"), field="window")
    bar = bars.reapplication_bar(applicant, matter_version, today)
    if bar is not None:
        raise StateConflict(bar.message(), code="reapplication_barred", until=bar.until.isoformat())
    case = Case(
        number=_next_number(department, today),
        matter_version=matter_version,
        department=department,
        window=window,
        hall=window.hall if window is not None else None,
        channel=channel,
        applicant=applicant,
        agent=agent,
        title=clean_text(title, "title", _("申请事项摘要"), required=False, max_length=200) or matter_version.name,
        state=S.SUBMITTED,
        submitted_at=act_moment(on),
        received_on=today,
    )
    deadlines.set_acceptance_clock(case)
    case.save()
    _record(case, actor, "submit", "", on=on, post=_actor_post(actor, department.pk, "acceptance"), channel=channel)
    return case


# A one-time notice lists each missing or defective material once; more items than this is a mistake, not a notice.
MAX_CORRECTION_ITEMS = 50


@act
def request_correction(case, *, actor, items, note: str = "", on=None) -> CorrectionNotice:
    """补正告知 — one time, listing every missing or defective material with its reason (第三十二条第一款第四项);
    never a material obtained by data sharing (`Material.shared`, 免于提交)."""
    today = act_date(on)
    case = _locked(case, actor)
    require_role(actor, Role.WINDOW_CLERK)
    require_department(actor, case)
    _require_state(case, (S.SUBMITTED,), _("要求补正"))
    if case.correction_notices.exists():
        raise StateConflict(_("补正材料应当一次性告知，本件已发出过补正告知书。"), code="correction_already_requested")
    if deadlines.acceptance_period_over(case, today):
        raise StateConflict(
            _("已超过五个工作日的受理审查期限，依法自收到申请材料之日起即为受理，不能再要求补正。"),
            code="acceptance_period_expired",
        )
    if not items:
        raise InvalidInput(_("请列明需要补正的全部材料及原因。"), field="items")
    if len(items) > MAX_CORRECTION_ITEMS:
        raise InvalidInput(_("补正材料最多列明 %(n)d 项。") % {"n": MAX_CORRECTION_ITEMS}, field="items")
    materials = {m.pk: m for m in Material.objects.filter(version_id=case.matter_version_id)}
    shared = {m.name: m for m in materials.values() if m.shared}
    cleaned = []
    listed_at: dict[str, int] = {}  # material name → its item number: each material is listed once
    for index, item in enumerate(items):
        material_id = item.get("material_id")
        material = None
        if material_id is not None:
            material = materials.get(int(material_id))
            if material is None:
                raise InvalidInput(_("所列材料不属于本事项。"), field=f"items[{index}].material_id")
        name = (item.get("material_name") or (material.name if material else "")).strip()
        if not name:
            raise InvalidInput(_("请填写材料名称。"), field=f"items[{index}].material_name")
        # The office fetches a material obtained by data sharing itself (免于提交): it is never the applicant's to
        # supply, whether listed as the matter's material or typed in by its name.
        listed = material or shared.get(name)
        if listed is not None and listed.shared:
            raise InvalidInput(
                _("“%(name)s”可通过数据共享获取，申请人免于提交，不能列为补正材料。") % {"name": listed.name},
                code="shared_material",
                field=f"items[{index}].{'material_id' if material else 'material_name'}",
            )
        if name in listed_at:
            raise InvalidInput(
                _("“%(name)s”已列为第 %(n)d 项：同一材料只列一次，原因合并写明。")
                % {"name": name, "n": listed_at[name]},
                code="duplicate_item",
                field=f"items[{index}].{'material_id' if material else 'material_name'}",
            )
        listed_at[name] = index + 1
        reason = clean_text(item.get("reason", ""), f"items[{index}].reason", _("补正原因"), max_length=500)
        cleaned.append((material, name[:200], reason))
    notice = CorrectionNotice.objects.create(
        case=case, issued_on=today, issued_by=actor, note=clean_text(note, "note", _("补充说明"), required=False)
    )
    CorrectionItem.objects.bulk_create(
        CorrectionItem(notice=notice, material=m, material_name=n, reason=r) for m, n, r in cleaned
    )
    from_state = case.state
    case.state = S.CORRECTION_REQUESTED
    deadlines.stop_clock(case)  # the applicant's turn: no clock runs against the office
    case.save()
    _record(
        case,
        actor,
        "request_correction",
        from_state,
        on=on,
        post=_actor_post(actor, case.department_id, "acceptance"),
        opinion=notice.note,
        items=[{"material": n, "reason": r} for _m, n, r in cleaned],
    )
    _schedule_notice(case, DocumentKind.CORRECTION_NOTICE, notice)
    return notice


@act
def resubmit(case, *, actor, on=None) -> Case:
    """The corrected materials arrive: the acceptance clock restarts from this day."""
    today = act_date(on)
    case = _locked(case, actor, applicant_may_act=True)
    if actor is not None:
        require_role(actor, Role.WINDOW_CLERK)
        require_department(actor, case)
    _require_state(case, (S.CORRECTION_REQUESTED,), _("提交补正材料"))
    notice = case.correction_notices.order_by("-issued_on", "-id").first()
    notice.resubmitted_on = today
    notice.save(update_fields=["resubmitted_on"])
    from_state = case.state
    case.state = S.SUBMITTED
    case.received_on = today
    deadlines.set_acceptance_clock(case)
    case.save()
    _record(case, actor, "resubmit", from_state, on=on, post=_actor_post(actor, case.department_id, "acceptance"))
    return case


def _open_steps(case: Case, process: ReviewProcess, on, known: set[str]) -> None:
    """Create a ReviewStep for each newly ready BPMN task (not in `known`, the tasks that already have a step),
    with its share of the promised limit."""
    today = act_date(on)
    promised = case.matter_version.promised_limit_days
    for task in process.open_tasks():
        if task.task_id in known:
            continue
        department_id = process.branches[task.branch]
        post = Post.objects.filter(department_id=department_id, code=task.post_code).first()
        if post is None:
            raise StateConflict(
                _("办理部门未设置“%(post)s”岗位，无法流转。") % {"post": task.post_code}, code="process_misconfigured"
            )
        share = max(1, promised // max(1, process.steps_in_branch(task.branch)))
        due = deadlines.add_working_days(today, share)
        if case.promised_due and due > case.promised_due:
            due = max(case.promised_due, today)
        ReviewStep.objects.create(
            case=case,
            task_id=task.task_id,
            task_name=task.spec_name,
            name=task.label,
            department_id=department_id,
            partner=department_id != case.department_id,
            post=post,
            opened_at=act_moment(on),
            due_on=due,
            warning_on=deadlines.warning_date(due, share),
        )


def _start_review(case: Case, on) -> None:
    version = case.matter_version
    branches = [case.department_id]
    if version.matter_type == MatterType.JOINT:
        branches += list(version.joint_departments.order_by("code").values_list("pk", flat=True))
    process = ReviewProcess.start(version, branches)
    _open_steps(case, process, on, known=set())
    case.workflow_state = process.dump()


def _accept(case: Case, actor, today: dt.date, on) -> None:
    # Deemed acceptance (第三十二条): the limits run from the day the materials were received.
    if deadlines.acceptance_period_over(case, today):
        case.deemed_accepted = True
    case.accepted_on = case.received_on if case.deemed_accepted else today
    deadlines.set_decision_clock(case, case.accepted_on)


@act
def accept(case, *, actor, on=None) -> Case:
    """受理: the legal and promised limits start; the review process starts with its first steps."""
    today = act_date(on)
    case = _locked(case, actor)
    require_role(actor, Role.WINDOW_CLERK)
    require_department(actor, case)
    _require_state(case, (S.SUBMITTED,), _("受理"))
    from_state = case.state
    _accept(case, actor, today, on)
    case.state = S.ACCEPTED
    _start_review(case, on)
    case.save()
    _record(
        case,
        actor,
        "accept",
        from_state,
        on=on,
        post=_actor_post(actor, case.department_id, "acceptance"),
        deemed=case.deemed_accepted,
    )
    _schedule_notice(case, DocumentKind.ACCEPTANCE_NOTICE)
    return case


@act
def reject(case, *, actor, reason: str, ground: str = NotAcceptedGround.OTHER, referred_to: str = "", on=None) -> Case:
    """不予受理, on a ground (`NotAcceptedGround`) and with the facts as its reason: no licence needed (第三十二条第一款
    第一项), not this office's (第二项: the applicant is told which office to apply to), concealment or false
    materials (第七十八条). The decision letter cites the ground's provision and states the applicant's remedies."""
    today = act_date(on)
    case = _locked(case, actor)
    require_role(actor, Role.WINDOW_CLERK)
    require_department(actor, case)
    _require_state(case, (S.SUBMITTED, S.CORRECTION_REQUESTED), _("作出不予受理决定"))
    if deadlines.acceptance_period_over(case, today):
        raise StateConflict(
            _("受理审查期限已过，依法视为受理，不能再作出不予受理决定。"), code="acceptance_period_expired"
        )
    reason = clean_text(reason, "reason", _("不予受理理由"))
    if ground not in NotAcceptedGround.values:
        raise InvalidInput(_("不予受理依据无效。"), field="ground")
    referred_to = clean_text(
        referred_to,
        "referred_to",
        _("应向其申请的机关"),
        required=ground == NotAcceptedGround.NOT_COMPETENT,
        max_length=100,
    )
    if referred_to and ground != NotAcceptedGround.NOT_COMPETENT:
        raise InvalidInput(_("只有申请事项不属于本机关职权范围时，才告知向其他机关申请。"), field="referred_to")
    from_state = case.state
    case.state = S.NOT_ACCEPTED
    case.not_accepted_reason = reason
    case.not_accepted_ground = ground
    case.referred_to = referred_to
    case.closed_on = today
    deadlines.stop_clock(case)
    case.save()
    _record(
        case,
        actor,
        "reject",
        from_state,
        on=on,
        post=_actor_post(actor, case.department_id, "acceptance"),
        opinion=reason,
        ground=ground,
        **({"referred_to": referred_to} if referred_to else {}),
    )
    _schedule_notice(case, DocumentKind.NOT_ACCEPTED_DECISION)
    return case


# -- review (第三十四条 to 第三十七条) ------------------------------------------------------------------------------
@act
def complete_step(case, *, actor, step_id: int, outcome: str, opinion: str, on=None) -> Case:
    """A reviewer completes their step with an outcome and an opinion; the process moves on."""
    today = act_date(on)
    case = _locked(case, actor)
    # A 首席代表 approves by the department's letter: the 审批 step of the letter's matters, even without a review
    # role or the approval post. Asked only of who does not act in their own post (no query on the ordinary path).
    reviewer = actor is not None and (actor.is_superuser or any(actor.has_role(r) for r in REVIEW_ROLES))
    authority = None if reviewer or actor is None else letter_authority(actor, case, today)
    if authority is None and not reviewer:
        require_role(actor, *REVIEW_ROLES)
    _require_state(case, REVIEW_STATES, _("办理审查环节"))
    if outcome not in StepOutcome.values:
        raise InvalidInput(_("审查结论必须是“同意”或“不同意”。"), field="outcome")
    opinion = clean_text(opinion, "opinion", _("审查意见"))
    step = case.steps.select_related("post").filter(pk=step_id).first()
    if step is None:
        raise InvalidInput(_("该审查环节不属于本办件。"), field="step_id")
    if step.state != StepState.OPEN:
        raise StateConflict(_("该审查环节已办理。"), code="step_not_open")
    holds_post = actor.is_superuser or (reviewer and any(p.pk == step.post_id for p in _posts_of(actor)))
    if not holds_post:
        by_letter = step_by_letter(step, case)
        if by_letter and authority is None:
            authority = letter_authority(actor, case, today)  # a reviewer who is also the 首席代表
        if not by_letter or authority is None:
            raise NotPermitted(_("该环节由“%(post)s”岗位办理，您不在该岗位。") % {"post": step.post}, code="wrong_post")
    process = ReviewProcess.restore(case.workflow_state, case.matter_version)
    # Every task open before this act already has its step (a task never opens twice in these processes).
    already_open = {task.task_id for task in process.open_tasks()}
    process.complete(step.task_id, REJECT if outcome == StepOutcome.REJECT else "pass")
    step.state = StepState.DONE
    step.outcome = outcome
    step.opinion = opinion
    step.completed_at = act_moment(on)
    step.completed_by = actor
    step.save(update_fields=["state", "outcome", "opinion", "completed_at", "completed_by"])
    _open_steps(case, process, on, known=already_open)
    case.workflow_state = process.dump()
    from_state = case.state
    case.state = S.IN_REVIEW
    case.save()
    _record(
        case,
        actor,
        "complete_step",
        from_state,
        on=on,
        post=step.post,
        opinion=opinion,
        step=step.name,
        step_id=step.pk,
        outcome=outcome,
        review_finished=process.finished,
        **(authority.as_event_data() if authority else {}),
    )
    return case


@act
def suspend(case, *, actor, procedure: str, reason: str, on=None) -> Case:
    """Start a special procedure (第四十五条): the clock stops until it ends. The implementing department, or a
    partner department of a 联办件 for its own open branch, may start one: the time it takes does not count towards
    the limits of the whole case."""
    today = act_date(on)
    case = _locked(case, actor)
    require_role(actor, Role.REVIEWER, Role.APPROVER, Role.DEPARTMENT_HEAD)
    require_review_department(actor, case)
    _require_state(case, REVIEW_STATES, _("启动特别程序"))
    if procedure not in SpecialProcedure.values:
        raise InvalidInput(_("特别程序类型无效。"), field="procedure")
    reason = clean_text(reason, "reason", _("特别程序事由"))
    Suspension.objects.create(case=case, procedure=procedure, reason=reason, started_on=today, started_by=actor)
    from_state = case.state
    case.state = S.SUSPENDED
    case.suspended_since = today
    deadlines.suspend_clock(case, today)
    case.save()
    _record(
        case, actor, "suspend", from_state, on=on, post=_review_post(case, actor), opinion=reason, procedure=procedure
    )
    return case


@act
def resume(case, *, actor, on=None) -> Case:
    """End the special procedure: every running due date moves by the working days it took. The implementing
    department ends any; a partner department only one it started."""
    today = act_date(on)
    case = _locked(case, actor)
    require_role(actor, Role.REVIEWER, Role.APPROVER, Role.DEPARTMENT_HEAD)
    require_review_department(actor, case)
    _require_state(case, (S.SUSPENDED,), _("结束特别程序"))
    suspension = case.open_suspension()
    if not may_end_suspension(actor, case, suspension):
        raise NotPermitted(_("联办部门只能结束本部门启动的特别程序。"), code="wrong_department")
    if today < case.suspended_since:
        raise InvalidInput(_("结束日期不能早于特别程序开始日期。"), field="on")
    days = deadlines.suspended_working_days(case.suspended_since, today)
    suspension.ended_on = today
    suspension.ended_by = actor
    suspension.working_days = days
    suspension.save(update_fields=["ended_on", "ended_by", "working_days"])
    case.legal_due = deadlines.shift(case.legal_due, days)
    case.promised_due = deadlines.shift(case.promised_due, days)
    case.suspended_days += days
    case.suspended_since = None
    version = case.matter_version
    case.current_due = case.promised_due
    case.warning_on = deadlines.warning_date(case.promised_due, version.promised_limit_days)
    for step in case.steps.filter(state=StepState.OPEN):
        step.due_on = deadlines.shift(step.due_on, days)
        step.warning_on = deadlines.shift(step.warning_on, days)
        step.save(update_fields=["due_on", "warning_on"])
    from_state = case.state
    case.state = S.IN_REVIEW if case.steps.filter(state=StepState.DONE).exists() else S.ACCEPTED
    case.save()
    _record(case, actor, "resume", from_state, on=on, post=_review_post(case, actor), suspended_working_days=days)
    return case


# -- decision, delivery (第三十八条 to 第四十四条) -------------------------------------------------------------------
def _set_decision(case: Case, approve: bool, reason: str, today: dt.date, ground: str = "") -> None:
    case.state = S.APPROVED if approve else S.DENIED
    case.decision = case.state
    case.decided_on = today
    case.decision_reason = reason
    case.denial_ground = "" if approve else (ground or DenialGround.CONDITIONS_NOT_MET)
    deadlines.set_delivery_clock(case)


def _decide_now(
    case: Case,
    actor,
    action: str,
    *,
    approve: bool,
    reason: str,
    today,
    on,
    post_code: str,
    authority=None,
    ground: str = "",
) -> Case:
    """The decision part shared by `decide` and `accept_and_decide`: state, delivery clock, history, notice."""
    from_state = case.state
    _set_decision(case, approve, reason, today, ground)
    case.save()
    _record(
        case,
        actor,
        action,
        from_state,
        on=on,
        post=_actor_post(actor, case.department_id, post_code),
        opinion=reason,
        approve=approve,
        **({"ground": case.denial_ground} if not approve else {}),
        **(authority.as_event_data() if authority else {}),
    )
    _schedule_notice(case, DocumentKind.APPROVAL_DECISION if approve else DocumentKind.DENIAL_DECISION)
    return case


def _denial_ground(approve: bool, ground: str | None) -> str:
    """The ground of a refusal (第三十八条第二款 by default; 第七十八条 for concealment or false materials); an
    approval has none."""
    if not ground:
        return "" if approve else DenialGround.CONDITIONS_NOT_MET
    if ground not in DenialGround.values:
        raise InvalidInput(_("不予许可依据无效。"), field="ground")
    if approve:
        raise InvalidInput(_("准予许可决定没有不予许可依据。"), field="ground")
    return ground


@act
def decide(case, *, actor, approve: bool, reason: str = "", ground: str | None = None, on=None) -> Case:
    """准予 / 不予行政许可 (第三十八条): after every review step; a denial states its reasons and its ground
    (`DenialGround`: conditions not met, or concealment / false materials under 第七十八条)."""
    today = act_date(on)
    case = _locked(case, actor)
    authority = require_decision_authority(actor, case, today)
    require_department(actor, case)
    _require_state(case, (S.IN_REVIEW,), _("作出许可决定"))
    if not ReviewProcess.finished_in(case.workflow_state, case.matter_version):
        raise StateConflict(_("尚有审查环节未办结，不能作出决定。"), code="review_not_finished")
    rejected = case.steps.filter(outcome=StepOutcome.REJECT).exists()
    if approve and rejected:
        raise StateConflict(_("有审查环节（含联办部门）不同意，不能作出准予许可决定。"), code="review_rejected")
    reason = clean_text(reason, "reason", _("决定理由"), required=not approve)
    ground = _denial_ground(approve, ground)
    return _decide_now(
        case,
        actor,
        "decide",
        approve=approve,
        reason=reason,
        today=today,
        on=on,
        post_code="approval",
        authority=authority,
        ground=ground,
    )


@act
def accept_and_decide(case, *, actor, approve: bool, reason: str = "", ground: str | None = None, on=None) -> Case:
    """即办件: accepted and decided at the window in one act."""
    today = act_date(on)
    case = _locked(case, actor)
    require_role(actor, Role.WINDOW_CLERK)
    require_department(actor, case)
    _require_state(case, (S.SUBMITTED,), _("当场办结"))
    if case.matter_version.matter_type != MatterType.IMMEDIATE:
        raise StateConflict(_("只有即办件可以当场受理并作出决定。"), code="not_immediate")
    reason = clean_text(reason, "reason", _("决定理由"), required=not approve)
    ground = _denial_ground(approve, ground)
    _accept(case, actor, today, on)
    return _decide_now(
        case,
        actor,
        "accept_and_decide",
        approve=approve,
        reason=reason,
        today=today,
        on=on,
        post_code="acceptance",
        ground=ground,
    )


@act
def close(case, *, actor, delivery_method: str, result_number: str = "", on=None) -> Case:
    """送达 and 办结: the decision (and the licence, when approved) is delivered."""
    today = act_date(on)
    case = _locked(case, actor)
    require_role(actor, Role.WINDOW_CLERK, Role.APPROVER, Role.DEPARTMENT_HEAD)
    require_department(actor, case)
    _require_state(case, (S.APPROVED, S.DENIED), _("送达办结"))
    from zhengwu.fees.services import require_fee_settled  # fees builds on cases: imported when used

    require_fee_settled(case)
    if delivery_method not in DeliveryMethod.values:
        raise InvalidInput(_("送达方式无效。"), field="delivery_method")
    result_number = (result_number or "").strip()
    if len(result_number) > 60:
        raise InvalidInput(_("证照编号过长。"), field="result_number")
    if case.state == S.DENIED and result_number:
        raise InvalidInput(_("不予许可的办件没有证照编号。"), field="result_number")
    if today < case.decided_on:
        raise InvalidInput(_("送达日期不能早于决定日期。"), field="on")
    from_state = case.state
    case.state = S.CLOSED
    case.delivery_method = delivery_method
    case.result_number = result_number
    case.closed_on = today
    deadlines.stop_clock(case)
    case.workflow_state = None  # the history is in the steps and events; the engine state is no longer needed
    case.save()
    _record(case, actor, "close", from_state, on=on, delivery_method=delivery_method, result_number=result_number)
    return case


@act
def withdraw(case, *, actor, reason: str, on=None) -> Case:
    """The applicant withdraws the application before a decision (第二十九条 …: 撤回申请)."""
    today = act_date(on)
    case = _locked(case, actor, applicant_may_act=True)
    if actor is not None:
        require_role(actor, Role.WINDOW_CLERK)
        require_department(actor, case)
    _require_state(case, WITHDRAWABLE_STATES, _("撤回申请"))
    reason = clean_text(reason, "reason", _("撤回理由"))
    from_state = case.state
    case.state = S.WITHDRAWN
    case.withdrawn_reason = reason
    case.closed_on = today
    if case.suspended_since is not None:  # the withdrawal ends the special procedure too
        days = deadlines.suspended_working_days(case.suspended_since, today)
        case.suspensions.filter(ended_on__isnull=True).update(ended_on=today, ended_by=actor, working_days=days)
        case.suspended_days += days
    case.suspended_since = None
    deadlines.stop_clock(case)
    case.steps.filter(state=StepState.OPEN).update(state=StepState.CANCELLED)
    case.save()
    _record(case, actor, "withdraw", from_state, on=on, opinion=reason)
    from zhengwu.fees.services import cancel_open_assessments  # fees builds on cases: imported when used

    cancel_open_assessments(case, actor=actor, reason=reason, on=on)
    return case


def flag_deemed_acceptances(today: dt.date | None = None) -> int:
    """Flag every application whose 5-day acceptance period passed without a decision (第三十二条 last paragraph).

    From then on the application counts as accepted on the day it was received: the legal and promised limits run
    from that day and are the clock supervised, not the expired acceptance period. The office still records the
    acceptance (`accept`, which starts the review) and issues the notice."""
    today = act_date(today)
    flagged = 0
    numbers = list(
        Case.objects.filter(state=S.SUBMITTED, deemed_accepted=False, acceptance_due__lt=today).values_list(
            "number", flat=True
        )
    )
    for number in numbers:
        with transaction.atomic():
            case = (
                Case.objects.select_for_update(of=("self",))
                .select_related("matter_version")
                .filter(number=number)
                .first()
            )
            if case is None or case.state != S.SUBMITTED or case.deemed_accepted or case.acceptance_due >= today:
                continue
            case.deemed_accepted = True
            deadlines.set_decision_clock(case, case.received_on)
            case.save(
                update_fields=[
                    "deemed_accepted",
                    "legal_due",
                    "promised_due",
                    "current_due",
                    "warning_on",
                    "updated_at",
                ]
            )
            _record(
                case,
                None,
                "deemed_accepted",
                case.state,
                on=today,
                acceptance_due=case.acceptance_due,
                legal_due=case.legal_due,
                promised_due=case.promised_due,
            )
            flagged += 1
    return flagged
