"""The board: counts by timeliness derived from stored deadlines and a given day; the overdue lists; scope."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.cases import deadlines, services
from zhengwu.cases.models import Case, ReviewStep
from zhengwu.cases.tests.conftest import D
from zhengwu.errors import NotPermitted
from zhengwu.supervision import selectors


def _in_review(submit, staff, on="2025-09-01"):
    case = submit(on=on)
    services.accept(case, actor=staff.clerk, on=D(on))
    case.refresh_from_db()
    return case


def _set_case(case, due, warning):
    Case.objects.filter(pk=case.pk).update(current_due=D(due), warning_on=D(warning))


def _set_steps(case, due, warning):
    ReviewStep.objects.filter(case=case, state="open").update(due_on=D(due), warning_on=D(warning))


def test_board_counts_cases_and_steps_by_timeliness_on_a_given_day(submit, staff, supervisor):
    today = D("2025-09-15")
    overdue, warning, normal, suspended = (_in_review(submit, staff) for _ in range(4))
    _set_case(overdue, "2025-09-12", "2025-09-11")
    _set_steps(overdue, "2025-09-10", "2025-09-09")
    _set_case(warning, "2025-09-15", "2025-09-15")  # due today: warning, not overdue
    _set_steps(warning, "2025-09-16", "2025-09-15")
    _set_case(normal, "2025-09-30", "2025-09-26")
    _set_steps(normal, "2025-09-30", "2025-09-26")
    _set_steps(suspended, "2025-09-10", "2025-09-09")
    services.suspend(suspended, actor=staff.reviewer, procedure="expert_review", reason="专家评审", on=today)
    submit(on="2025-09-15")  # an application: acceptance clock, normal on its first day

    board = selectors.board(supervisor, today=today)

    assert (board.cases.overdue, board.cases.warning, board.cases.normal, board.cases.suspended) == (1, 1, 2, 1)
    # A suspended case's steps are not overdue: its clock stands still.
    assert (board.steps.overdue, board.steps.warning, board.steps.normal, board.steps.suspended) == (1, 1, 1, 1)
    [step] = board.overdue_steps
    assert step.case == overdue
    assert step.days_late == 3  # 11, 12, 15 September (13/14 are the weekend)
    assert [holder.username for holder in step.post.holders.all()] == [staff.first_reviewer.username]
    assert [case.number for case in board.unexplained.items] == [overdue.number]


def test_board_timeliness_matches_the_case_deadlines_across_holidays(submit, staff, supervisor):
    """Due on the last working day before the National Day holiday: not overdue that day, overdue the next."""
    case = _in_review(submit, staff, on="2025-09-01")
    _set_case(case, "2025-09-30", "2025-09-29")
    for day in ("2025-09-28", "2025-09-29", "2025-09-30", "2025-10-01", "2025-10-09"):
        expected = deadlines.timeliness_of(D("2025-09-30"), D("2025-09-29"), D(day))
        counts = selectors.board(supervisor, today=D(day)).cases
        got = "overdue" if counts.overdue else "warning" if counts.warning else "normal"
        assert got == expected, day
    assert selectors.board(supervisor, today=D("2025-09-30")).cases.overdue == 0
    board = selectors.board(supervisor, today=D("2025-10-09"))
    assert board.cases.overdue == 1
    assert board.unexplained.items[0].days_late == 1  # 1–8 October are the holiday; 9 October the first working day


def test_board_follows_suspension_and_resume(submit, staff, supervisor):
    case = _in_review(submit, staff, on="2025-09-01")
    step = case.steps.get(state="open")
    services.suspend(case, actor=staff.reviewer, procedure="site_survey", reason="现场勘验", on=D("2025-09-03"))
    during = selectors.board(supervisor, today=step.due_on + dt.timedelta(days=3))
    assert during.steps.overdue == 0 and during.cases.suspended == 1
    services.resume(case, actor=staff.reviewer, on=D("2025-09-10"))
    step.refresh_from_db()
    case.refresh_from_db()
    for day in (step.due_on, step.due_on + dt.timedelta(days=1)):
        counts = selectors.board(supervisor, today=day).steps
        expected = deadlines.timeliness_of(step.due_on, step.warning_on, day)
        assert (counts.overdue, counts.warning) == (expected == "overdue", expected == "warning")


def test_overdue_steps_are_paged_by_keyset(submit, staff, supervisor):
    cases = [_in_review(submit, staff) for _ in range(3)]
    for index, case in enumerate(cases):
        _set_steps(case, f"2025-09-0{index + 2}", "2025-09-01")
    first, cursor = selectors.overdue_steps([staff.clerk.department_id], D("2025-09-15"), limit=2)
    second, last = selectors.overdue_steps([staff.clerk.department_id], D("2025-09-15"), after=cursor, limit=2)
    assert [s.case for s in first + second] == cases and last is None


def test_department_head_sees_only_their_department(submit, staff, other_staff, supervisor):
    _set_case(_in_review(submit, staff), "2025-09-10", "2025-09-09")
    head = staff.head
    board = selectors.board(head, today=D("2025-09-15"))
    assert board.scope.department_ids == [head.department_id] and board.cases.overdue == 1
    assert selectors.board(other_staff.head, today=D("2025-09-15")).cases.overdue == 0
    with pytest.raises(NotPermitted):
        selectors.board(other_staff.head, department=head.department.code)
    with pytest.raises(NotPermitted):
        selectors.board(staff.reviewer)
    # The supervisor may narrow the board to one department.
    narrowed = selectors.board(supervisor, department=other_staff.head.department.code, today=D("2025-09-15"))
    assert narrowed.cases.overdue == 0


def test_overdue_disclosure_requests_reach_the_board_of_their_scope(staff, other_staff, supervisor):
    """A 依申请公开 request unanswered after its 20 working days (条例 第三十三条) is listed; the other department's
    head does not see it."""
    from zhengwu.disclosure import handling
    from zhengwu.disclosure.constants import ApplicantType, Channel
    from zhengwu.parties.tests.factories import PersonFactory

    request = handling.file_request(
        department=staff.clerk.department,
        applicant=PersonFactory(),
        applicant_type=ApplicantType.NATURAL_PERSON,
        description="2025年本县农贸市场食品安全抽检结果",
        channel=Channel.IN_PERSON,
        actor=staff.clerk,
        submitted_on=D("2025-09-25"),
        on=D("2025-09-25"),
    )
    request.refresh_from_db()
    # 20 working days across National Day 2025 (Sun 28 Sep and Sat 11 Oct worked, 1–8 Oct off).
    assert request.due_on == D("2025-10-29")
    on_time = selectors.board(supervisor, today=D("2025-10-29"))
    assert on_time.disclosure_requests.count == 0
    late = selectors.board(supervisor, today=D("2025-10-31"))
    assert [r.number for r in late.disclosure_requests.items] == [request.number]
    assert late.disclosure_requests.items[0].days_late == 2
    assert selectors.board(other_staff.head, today=D("2025-10-31")).disclosure_requests.count == 0


def test_overdue_rectifications_and_complaints_reach_the_board_of_their_scope(staff, other_staff, supervisor):
    """A bad rating not rectified within 15 working days and a complaint not answered within its limit are listed
    from the day after their due date, with the working days late; the other department's head sees neither, and
    the complaint row names no complainant."""
    from zhengwu.complaints.services import lodge_complaint
    from zhengwu.evaluation.services import rate_window_visit
    from zhengwu.org.tests.factories import WindowFactory
    from zhengwu.parties.tests.factories import PersonFactory

    window = WindowFactory()
    window.departments.add(staff.clerk.department)
    rating = rate_window_visit(window=window, rater=None, channel="window", grade=1, on=D("2025-09-26"))
    complainant = PersonFactory(name="欧阳振华")
    complaint = lodge_complaint(
        subject="window",
        window=window,
        complainant=complainant,
        channel="web",
        content="窗口人员态度生硬",
        on=D("2025-09-26"),
    )
    # Both due 15 working days after Fri 26 Sep 2025, across National Day: 23 October.
    assert rating.rectification.due_on == complaint.due_on == D("2025-10-23")
    on_due = selectors.board(supervisor, today=D("2025-10-23"))
    assert (on_due.rectifications.count, on_due.complaints.count) == (0, 0)
    late = selectors.board(supervisor, today=D("2025-10-27"))  # Fri 24 and Mon 27 October
    assert [r.pk for r in late.rectifications.items] == [rating.rectification.pk]
    assert [c.number for c in late.complaints.items] == [complaint.number]
    assert late.rectifications.items[0].days_late == late.complaints.items[0].days_late == 2
    own = selectors.board(staff.head, today=D("2025-10-27"))
    assert (own.rectifications.count, own.complaints.count) == (1, 1)
    assert "complainant" not in own.complaints.items[0].__dict__  # never loaded for the board
    elsewhere = selectors.board(other_staff.head, today=D("2025-10-27"))
    assert (elsewhere.rectifications.count, elsewhere.complaints.count) == (0, 0)


def test_board_lists_what_is_in_warning_with_the_working_days_left(submit, staff, other_staff, supervisor):
    """黄灯 on the board is a list too, not only a count: the steps and cases in warning, the soonest due first,
    each with its holders (steps) and working days left; the same scope as the counts."""
    today = D("2025-09-26")  # a Friday
    soon, later, calm = (_in_review(submit, staff) for _ in range(3))
    # Sun 28 September 2025 is a working day (调休 before National Day): Monday the 29th is 2 working days away.
    _set_case(soon, "2025-09-29", "2025-09-26")
    _set_steps(soon, "2025-09-26", "2025-09-25")  # due today: 0 left, still not overdue
    _set_case(later, "2025-09-30", "2025-09-24")
    _set_steps(later, "2025-09-30", "2025-09-26")
    _set_case(calm, "2025-10-20", "2025-10-15")
    _set_steps(calm, "2025-10-20", "2025-10-15")

    board = selectors.board(supervisor, today=today)

    assert board.warning_cases.count == board.cases.warning == 2
    assert [(c.number, c.days_left) for c in board.warning_cases.items] == [(soon.number, 2), (later.number, 3)]
    assert board.warning_steps.count == board.steps.warning == 2
    first, second = board.warning_steps.items
    assert (first.case, first.days_left, second.case, second.days_left) == (soon, 0, later, 3)
    assert [holder.username for holder in first.post.holders.all()] == [staff.first_reviewer.username]
    elsewhere = selectors.board(other_staff.head, today=today)
    assert (elsewhere.warning_cases.count, elsewhere.warning_cases.items, elsewhere.warning_steps.items) == (0, [], [])
