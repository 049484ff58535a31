"""好差评 acts: one rating per case and channel, only after closure, only by the applicant or agent; a bad rating
opens a rectification due in 15 working days; the rectification runs verify → rectify → answer → callback."""

from __future__ import annotations

import pytest

from zhengwu.audit.models import AuditEntry
from zhengwu.cases.tests.conftest import D
from zhengwu.errors import InvalidInput, NotFound, NotPermitted, StateConflict
from zhengwu.evaluation import services
from zhengwu.evaluation.models import Grade, Rating, Rectification, RectificationState
from zhengwu.parties.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def counts() -> tuple:
    return Rating.objects.count(), Rectification.objects.count(), AuditEntry.objects.count()


def test_rating_copies_department_window_and_accepting_clerk(closed_case, applicant, staff, window):
    case = closed_case()
    rating = services.rate_case(
        case,
        rater=applicant,
        channel="web",
        grade=Grade.VERY_SATISFIED,
        comment="很快",
        tags=["高效", "高效"],
        on=D("2025-09-26"),
    )
    assert (rating.department, rating.window, rating.staff) == (case.department, window, staff.clerk)
    assert (rating.rated_on, rating.tags, rating.comment) == (D("2025-09-26"), ["高效"], "很快")
    assert not Rectification.objects.exists()
    assert AuditEntry.objects.order_by("-seq").first().action == "evaluation.rate"


def test_rating_twice_on_one_channel_is_refused_and_changes_nothing(closed_case, applicant):
    case = closed_case()
    services.rate_case(case, rater=applicant, channel="web", grade=1, on=D("2025-09-26"))
    before = counts()
    with pytest.raises(StateConflict) as error:
        services.rate_case(case, rater=applicant, channel="web", grade=5, on=D("2025-09-29"))
    assert error.value.code == "already_rated"
    assert counts() == before
    assert Rating.objects.get().grade == 1
    # another channel is another rating
    services.rate_case(case, rater=applicant, channel="kiosk", grade=4, on=D("2025-09-29"))


def test_rating_an_open_case_is_refused(submit, applicant):
    case = submit()
    before = counts()
    with pytest.raises(StateConflict) as error:
        services.rate_case(case, rater=applicant, channel="web", grade=5)
    assert error.value.code == "case_not_closed"
    assert counts() == before


@pytest.mark.parametrize("grade", [0, 6, "x", None, True, 2.5])
def test_a_bad_grade_names_the_field(closed_case, applicant, grade):
    case = closed_case()
    before = counts()
    with pytest.raises(InvalidInput) as error:
        services.rate_case(case, rater=applicant, channel="web", grade=grade)
    assert error.value.field == "grade"
    assert counts() == before


def test_only_the_applicant_or_agent_may_rate(closed_case, agent):
    case = closed_case(agent=agent)
    with pytest.raises(NotPermitted):
        services.rate_case(case, rater=PersonFactory(), channel="web", grade=5)
    assert services.rate_case(case, rater=agent, channel="web", grade=5).rater == agent


def test_staff_record_window_ratings_for_cases_in_their_scope_only(closed_case, applicant, staff, other_staff):
    case = closed_case()
    with pytest.raises(InvalidInput) as error:
        services.rate_case(case, rater=applicant, channel="web", grade=5, actor=staff.clerk)
    assert error.value.field == "channel"
    with pytest.raises(NotFound):
        services.rate_case(case, rater=applicant, channel="window", grade=5, actor=other_staff.clerk)
    rating = services.rate_case(case, rater=applicant, channel="window", grade=5, actor=staff.clerk)
    assert rating.channel == "window"


def test_bad_rating_opens_a_rectification_due_in_15_working_days_across_national_day(closed_case, applicant, dept):
    case = closed_case()
    rating = services.rate_case(case, rater=applicant, channel="web", grade=Grade.DISSATISFIED, on=D("2025-09-26"))
    rectification = rating.rectification
    # Counted by hand from Fri 26 Sep 2025 (not counted): 28 (Sun, 调休), 29, 30 Sep = 3; 1–8 Oct holiday;
    # 9, 10, 11 (Sat, 调休) = 6; 13–17 = 11; 20, 21, 22, 23 = 15.
    assert (rectification.department, rectification.state) == (dept, RectificationState.OPEN)
    assert rectification.opened_on == D("2025-09-26")
    assert rectification.due_on == D("2025-10-23")
    # Warning when ≤ 3 working days (20 % of 15) are left: 20 Oct (20→23 leaves 21, 22, 23).
    assert rectification.warning_on == D("2025-10-20")


def test_window_visit_rating_goes_to_the_windows_first_department(window, dept, applicant, staff):
    rating = services.rate_window_visit(
        window=window,
        rater=None,
        channel="window",
        grade=Grade.VERY_DISSATISFIED,
        staff=staff.clerk,
        actor=staff.clerk,
        on=D("2025-09-26"),
    )
    assert (rating.case, rating.department, rating.staff) == (None, dept, staff.clerk)
    assert rating.rectification.due_on == D("2025-10-23")
    # two visits may both be rated
    services.rate_window_visit(window=window, rater=applicant, channel="window", grade=5)
    assert Rating.objects.count() == 2


@pytest.fixture
def rectification(closed_case, applicant):
    case = closed_case()
    return services.rate_case(case, rater=applicant, channel="web", grade=1, on=D("2025-09-26")).rectification


def test_rectification_runs_in_order_and_keeps_the_grade(rectification, staff):
    head = staff.head
    r = services.verify(
        rectification, actor=head, findings="窗口人员态度生硬属实", substantiated=True, on=D("2025-09-29")
    )
    assert (r.state, r.verified_by, r.substantiated) == ("verified", head, True)
    r = services.rectify(r, actor=staff.approver, measures="批评教育，纳入月度考核", on=D("2025-10-09"))
    r = services.answer(r, actor=head, answer_text="已整改，向您致歉", on=D("2025-10-10"))
    r = services.record_callback(r, actor=head, note="申请人表示认可", on=D("2025-10-13"))
    assert (r.state, r.closed_on, r.callback_on) == ("closed", D("2025-10-13"), D("2025-10-13"))
    rating = Rating.objects.get()
    assert rating.grade == Grade.VERY_DISSATISFIED  # the original grade is never changed
    actions = list(
        AuditEntry.objects.filter(action__startswith="evaluation.rectification").values_list("action", flat=True)
    )
    assert actions == [f"evaluation.rectification.{a}" for a in ("verify", "rectify", "answer", "callback")]


def test_acts_out_of_order_are_refused(rectification, staff):
    before = counts()
    for act, kwargs in (
        (services.rectify, {"measures": "x"}),
        (services.answer, {"answer_text": "x"}),
        (services.record_callback, {"note": "x"}),
    ):
        with pytest.raises(StateConflict) as error:
            act(rectification, actor=staff.head, **kwargs)
        assert error.value.code == "invalid_state"
    services.verify(rectification, actor=staff.head, findings="属实", substantiated=True)
    with pytest.raises(StateConflict):
        services.verify(rectification, actor=staff.head, findings="再次", substantiated=False)
    assert counts()[:2] == before[:2]


def test_answer_without_content_is_refused_and_changes_nothing(rectification, staff):
    services.verify(rectification, actor=staff.head, findings="属实", substantiated=True)
    services.rectify(rectification, actor=staff.head, measures="整改")
    before = counts()
    with pytest.raises(InvalidInput) as error:
        services.answer(rectification, actor=staff.head, answer_text="   ")
    assert error.value.field == "answer"
    rectification.refresh_from_db()
    assert (rectification.state, rectification.answer, rectification.answered_on) == ("rectified", "", None)
    assert counts() == before


def test_only_the_responsible_departments_head_reviewers_and_approvers_act(rectification, staff, other_staff):
    with pytest.raises(NotPermitted):
        services.verify(rectification, actor=staff.clerk, findings="属实", substantiated=True)
    with pytest.raises(NotFound):
        services.verify(rectification, actor=other_staff.head, findings="属实", substantiated=True)
    with pytest.raises(InvalidInput) as error:
        services.verify(rectification, actor=staff.reviewer, findings="属实", substantiated="yes")
    assert error.value.field == "substantiated"
    services.verify(rectification, actor=staff.reviewer, findings="属实", substantiated=False)


def test_visit_rating_at_a_shared_window_goes_to_the_rated_clerks_department(window, dept, other_dept, staff):
    """A window serving several departments (综合窗口): the bad rating of a clerk is rectified by the clerk's own
    department, not by whichever department sorts first."""
    window.departments.add(other_dept)  # YJ-JT sorts before YJ-SCJG
    rating = services.rate_window_visit(
        window=window, rater=None, channel="window", grade=1, staff=staff.clerk, actor=staff.clerk
    )
    assert (rating.department, rating.rectification.department) == (dept, dept)
    # Without a member of staff named, the window's first department stays the default.
    anonymous_visit = services.rate_window_visit(window=window, rater=None, channel="window", grade=5)
    assert anonymous_visit.department == other_dept
