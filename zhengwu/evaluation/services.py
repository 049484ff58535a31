"""好差评 acts: rating a closed case or a window visit, and the rectification of every bad rating.

Legal basis: 国务院办公厅关于建立政务服务“好差评”制度提高政务服务水平的意见 (国办发〔2019〕51号) — the
applicant rates once per case and channel, on five grades; every 差评 is verified, rectified and answered by the
responsible department within 15 working days, with a callback (回访); the grade itself is never changed.

Every act: one transaction, the row locked, input (400), permission (403) and state (409) checked before anything
is written, then the change and the audit entry, last. `on` is the date of the act (default today, Asia/Shanghai).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from zhengwu.acts import act_date, act_moment, clean_text, require_state
from zhengwu.audit import services as audit
from zhengwu.calendar.services import add_working_days
from zhengwu.cases.deadlines import warning_date
from zhengwu.cases.models import Case, CaseEvent, CaseState
from zhengwu.cases.permissions import get_case_for, require_role
from zhengwu.errors import InvalidInput, NotFound, NotPermitted, StateConflict
from zhengwu.org.models import Role

from .models import (
    BAD_GRADES,
    RECTIFICATION_LIMIT_DAYS,
    Grade,
    Rating,
    RatingChannel,
    Rectification,
    RectificationState,
)
from .permissions import department_scope, require_rectification_handler

R = RectificationState
# Channels on which a member of staff records the rating on the applicant's behalf (the window evaluator
# device, a phone survey); web and kiosk ratings come from the applicant directly.
STAFF_ENTERED_CHANNELS = (RatingChannel.WINDOW, RatingChannel.PHONE)
ACCEPTING_ACTIONS = ("accept", "accept_and_decide")
MAX_TAGS = 10
MAX_TAG_LENGTH = 20


# -- helpers ---------------------------------------------------------------------------------------------------


def _clean_text(value: str, field: str, label: str, *, required: bool, max_length: int = 2000) -> str:
    return clean_text(value, field, label, required=required, max_length=max_length)


def _clean_grade(grade) -> int:
    if isinstance(grade, bool):
        raise InvalidInput(_("评价等级应为 1 至 5。"), field="grade")
    try:
        value = int(grade)
    except (TypeError, ValueError):
        raise InvalidInput(_("评价等级应为 1 至 5。"), field="grade") from None
    if value not in Grade.values or str(value) != str(grade).strip():
        raise InvalidInput(_("评价等级应为 1 至 5。"), field="grade")
    return value


def _clean_channel(channel: str) -> str:
    if channel not in RatingChannel.values:
        raise InvalidInput(_("评价渠道无效。"), field="channel")
    return channel


def _clean_tags(tags: Iterable[str]) -> list[str]:
    if isinstance(tags, str):
        tags = [tags]
    cleaned = []
    for tag in tags or ():
        text = str(tag).strip()
        if not text:
            continue
        if len(text) > MAX_TAG_LENGTH:
            raise InvalidInput(_("评价标签过长（每个最多%(n)s字）。") % {"n": MAX_TAG_LENGTH}, field="tags")
        if text not in cleaned:
            cleaned.append(text)
    if len(cleaned) > MAX_TAGS:
        raise InvalidInput(_("评价标签过多（最多%(n)s个）。") % {"n": MAX_TAGS}, field="tags")
    return cleaned


def _require_staff_entry(actor, channel: str) -> None:
    require_role(actor, Role.WINDOW_CLERK, Role.DEPARTMENT_HEAD)
    if channel not in STAFF_ENTERED_CHANNELS:
        raise InvalidInput(_("工作人员只能录入窗口评价器或电话回访的评价。"), field="channel")


def accepting_staff(case: Case):
    """The member of staff who accepted the case (受理人): the actor of its accept / accept_and_decide event."""
    event = (
        CaseEvent.objects.filter(case=case, action__in=ACCEPTING_ACTIONS, actor__isnull=False)
        .select_related("actor")
        .order_by("at", "id")
        .first()
    )
    return event.actor if event else None


def _open_rectification(rating: Rating) -> Rectification:
    """国办发〔2019〕51号: a 差评 is verified, rectified and answered within 15 working days of the rating."""
    due_on = add_working_days(rating.rated_on, RECTIFICATION_LIMIT_DAYS)
    return Rectification.objects.create(
        rating=rating,
        department_id=rating.department_id,
        opened_on=rating.rated_on,
        due_on=due_on,
        warning_on=warning_date(due_on, RECTIFICATION_LIMIT_DAYS),
    )


def _save_rating(rating: Rating, actor) -> Rating:
    try:
        with transaction.atomic():
            rating.save()
    except IntegrityError:
        # Another request rated the same case on the same channel at the same moment.
        raise StateConflict(_("该办件已通过此渠道评价过，不能重复评价。"), code="already_rated") from None
    rectification = _open_rectification(rating) if rating.grade in BAD_GRADES else None
    audit.record(
        actor,
        "evaluation.rate",
        rating,
        case=rating.case.number if rating.case else None,
        department=rating.department_id,
        window=rating.window_id,
        channel=rating.channel,
        grade=rating.grade,
        rectification=rectification.pk if rectification else None,
    )
    return rating


# -- rating ------------------------------------------------------------------------------------------------------
@transaction.atomic
def rate_case(
    case: Case | str,
    *,
    rater,
    channel: str,
    grade,
    comment: str = "",
    tags: Iterable[str] = (),
    on: dt.date | None = None,
    actor=None,
) -> Rating:
    """The applicant (or their agent) rates a closed case, once per channel.

    `actor` is the member of staff recording a rating given at the window evaluator or on the phone (the case
    must be in their scope); None when the applicant rates themselves (portal, kiosk).
    """
    channel = _clean_channel(channel)
    grade = _clean_grade(grade)
    comment = _clean_text(comment, "comment", _("评价内容"), required=False)
    tags = _clean_tags(tags)
    number = case.number if isinstance(case, Case) else case
    locked: Case | None
    if actor is not None:
        _require_staff_entry(actor, channel)
        locked = get_case_for(actor, number, lock=True)
    else:
        locked = Case.objects.select_for_update().filter(number=number).first()
        if locked is None:
            raise NotFound(_("办件不存在。"), code="case_not_found")
    if rater is None or rater.pk not in (locked.applicant_id, locked.agent_id):
        raise NotPermitted(_("只有办件的申请人或代办人可以评价。"), code="not_applicant")
    if locked.state != CaseState.CLOSED:
        raise StateConflict(_("办件办结后才能评价。"), code="case_not_closed", state=locked.state)
    if Rating.objects.filter(case=locked, channel=channel).exists():
        raise StateConflict(_("该办件已通过此渠道评价过，不能重复评价。"), code="already_rated")
    rating = Rating(
        case=locked,
        department_id=locked.department_id,
        window_id=locked.window_id,
        staff=accepting_staff(locked),
        rater=rater,
        channel=channel,
        grade=grade,
        comment=comment,
        tags=tags,
        rated_at=act_moment(on),
        rated_on=act_date(on),
    )
    return _save_rating(rating, actor)


@transaction.atomic
def rate_window_visit(
    *,
    window,
    rater,
    channel: str,
    grade,
    comment: str = "",
    tags: Iterable[str] = (),
    staff=None,
    department=None,
    on: dt.date | None = None,
    actor=None,
) -> Rating:
    """A rating of a visit to a window without a case (consultation, inquiry).

    The responsible department is the one given (it must be stationed at the window), else that of the member of
    staff rated when stationed there (a window may serve several departments), else the window's first.
    """
    channel = _clean_channel(channel)
    grade = _clean_grade(grade)
    comment = _clean_text(comment, "comment", _("评价内容"), required=False)
    tags = _clean_tags(tags)
    if window is None:
        raise InvalidInput(_("请选择窗口。"), field="window")
    stationed = window.departments.order_by("code")
    if department is None and staff is not None:
        department = stationed.filter(pk=staff.department_id).first()
    if department is None:
        department = stationed.first()
        if department is None:
            raise InvalidInput(_("该窗口没有进驻部门。"), field="window")
    elif not stationed.filter(pk=department.pk).exists():
        raise InvalidInput(_("该部门未进驻此窗口。"), field="department")
    if actor is not None:
        _require_staff_entry(actor, channel)
        if not actor.is_superuser and not actor.windows.filter(pk=window.pk).exists():
            if actor.department_id != department.pk:
                raise NotPermitted(_("您不在该窗口工作。"), code="wrong_window")
    rating = Rating(
        department=department,
        window=window,
        staff=staff,
        rater=rater,
        channel=channel,
        grade=grade,
        comment=comment,
        tags=tags,
        rated_at=act_moment(on),
        rated_on=act_date(on),
    )
    return _save_rating(rating, actor)


# -- rectification -----------------------------------------------------------------------------------------------
def _locked_rectification(rectification: Rectification | int, actor) -> Rectification:
    pk = rectification.pk if isinstance(rectification, Rectification) else rectification
    queryset = Rectification.objects.select_for_update(of=("self",)).select_related("rating")
    scope = department_scope(actor)
    if scope is not None:
        queryset = queryset.filter(scope)
    locked = queryset.filter(pk=pk).first()
    if locked is None:
        raise NotFound(_("整改任务不存在或不在您的办理范围内。"), code="rectification_not_found")
    require_rectification_handler(actor, locked.department_id)
    return locked


def _require_state(rectification: Rectification, expected: str, act: str) -> None:
    require_state(rectification, expected, act, _("整改任务当前状态为“%(state)s”，不能%(act)s。"))


def _audit(actor, act: str, rectification: Rectification, from_state: str) -> None:
    audit.record(
        actor,
        f"evaluation.rectification.{act}",
        rectification,
        rating=rectification.rating_id,
        from_state=from_state,
        to_state=rectification.state,
    )


@transaction.atomic
def verify(rectification, *, actor, findings: str, substantiated: bool, on=None) -> Rectification:
    """核实: the department establishes what happened and whether the complaint in the rating holds."""
    rectification = _locked_rectification(rectification, actor)
    _require_state(rectification, R.OPEN, _("核实"))
    findings = _clean_text(findings, "findings", _("核实情况"), required=True)
    if not isinstance(substantiated, bool):
        raise InvalidInput(_("请选择情况是否属实。"), field="substantiated")
    rectification.verification = findings
    rectification.substantiated = substantiated
    rectification.verified_by = actor
    rectification.verified_on = act_date(on)
    rectification.state = R.VERIFIED
    rectification.save()
    _audit(actor, "verify", rectification, R.OPEN)
    return rectification


@transaction.atomic
def rectify(rectification, *, actor, measures: str, on=None) -> Rectification:
    """整改: the measures taken (or, when not substantiated, the explanation why none were needed)."""
    rectification = _locked_rectification(rectification, actor)
    _require_state(rectification, R.VERIFIED, _("登记整改"))
    rectification.measures = _clean_text(measures, "measures", _("整改措施"), required=True)
    rectification.rectified_on = act_date(on)
    rectification.state = R.RECTIFIED
    rectification.save()
    _audit(actor, "rectify", rectification, R.VERIFIED)
    return rectification


@transaction.atomic
def answer(rectification, *, actor, answer_text: str, on=None) -> Rectification:
    """答复: the answer to the applicant, shown beside the (unchanged) rating."""
    rectification = _locked_rectification(rectification, actor)
    _require_state(rectification, R.RECTIFIED, _("答复"))
    rectification.answer = _clean_text(answer_text, "answer", _("答复内容"), required=True)
    rectification.answered_on = act_date(on)
    rectification.state = R.ANSWERED
    rectification.save()
    _audit(actor, "answer", rectification, R.RECTIFIED)
    return rectification


@transaction.atomic
def record_callback(rectification, *, actor, note: str, on=None) -> Rectification:
    """回访: the applicant is called back; the rectification is closed."""
    rectification = _locked_rectification(rectification, actor)
    _require_state(rectification, R.ANSWERED, _("登记回访"))
    today = act_date(on)
    rectification.callback_note = _clean_text(note, "note", _("回访情况"), required=True)
    rectification.callback_on = today
    rectification.closed_on = today
    rectification.state = R.CLOSED
    rectification.save()
    _audit(actor, "callback", rectification, R.ANSWERED)
    return rectification
