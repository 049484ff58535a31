"""效能投诉 acts: the deadline in working days (configurable), subject checks, the act order, scope and the
audited reveal of the complainant."""

from __future__ import annotations

import pytest

from zhengwu.audit.models import AuditEntry
from zhengwu.cases.tests.conftest import D
from zhengwu.complaints import services
from zhengwu.complaints.models import Complaint
from zhengwu.errors import InvalidInput, NotFound, NotPermitted, StateConflict

pytestmark = pytest.mark.django_db


def counts() -> tuple:
    return Complaint.objects.count(), AuditEntry.objects.count()


@pytest.fixture
def lodge(supervisor, window, complainant):
    def _lodge(on="2025-09-26", **kwargs):
        values = {
            "subject": "window",
            "window": window,
            "complainant": complainant,
            "channel": "phone",
            "content": "窗口人员态度生硬，让我跑了三次",
            "actor": supervisor,
            "on": D(on),
        }
        values.update(kwargs)
        return services.lodge_complaint(**values)

    return _lodge


def test_deadline_is_15_working_days_across_national_day(lodge, dept, supervisor):
    complaint = lodge()
    # By hand from Fri 26 Sep 2025: 28 (Sun, 调休), 29, 30 Sep = 3; 1–8 Oct holiday; 9, 10, 11 (Sat, 调休) = 6;
    # 13–17 Oct = 11; 20–23 Oct = 15.
    assert (complaint.received_on, complaint.limit_days, complaint.due_on) == (D("2025-09-26"), 15, D("2025-10-23"))
    assert complaint.warning_on == D("2025-10-20")
    assert complaint.number == "TS-20250926-00001"
    assert (complaint.department, complaint.state, complaint.registered_by) == (dept, "registered", supervisor)
    assert lodge().number == "TS-20250926-00002"


def test_the_limit_is_configurable(lodge, settings):
    settings.ZHENGWU_COMPLAINT_LIMIT_DAYS = 10
    complaint = lodge()
    # 10 working days: 28, 29, 30 Sep, 9, 10, 11, 13, 14, 15, 16 Oct.
    assert (complaint.limit_days, complaint.due_on, complaint.warning_on) == (10, D("2025-10-16"), D("2025-10-14"))


def test_department_comes_from_case_window_or_person(lodge, submit, staff, dept):
    case = submit()
    assert lodge(subject="case", window=None, case=case).department == dept
    assert lodge(subject="person", window=None, staff=staff.clerk).department == dept


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"content": "  "}, "content"),
        ({"subject": "case"}, "window"),  # a window given for a case complaint
        ({"subject": "person", "window": None}, "staff"),
        ({"subject": "nonsense"}, "subject"),
        ({"channel": "fax"}, "channel"),
        ({"complainant": None}, "complainant"),
        ({"anonymous": True}, "complainant"),
    ],
)
def test_bad_input_names_the_field_and_changes_nothing(lodge, changes, field):
    before = counts()
    with pytest.raises(InvalidInput) as error:
        lodge(**changes)
    assert error.value.field == field
    assert counts() == before


def test_web_complaints_come_from_the_portal_others_from_supervisors(lodge, staff):
    with pytest.raises(NotPermitted):
        lodge(actor=None)  # a phone complaint needs staff
    with pytest.raises(NotPermitted):
        lodge(actor=staff.head)  # not a supervisor
    assert lodge(actor=None, channel="web", complainant=None, anonymous=True).anonymous


def test_acts_in_order_by_the_handler(lodge, supervisor, handler):
    complaint = lodge()
    complaint = services.assign(complaint, actor=supervisor, handler=handler)
    with pytest.raises(NotPermitted):
        services.investigate(complaint, actor=supervisor, findings="属实", substantiated=True)
    complaint = services.investigate(complaint, actor=handler, findings="经调查属实", substantiated=True)
    complaint = services.answer(complaint, actor=handler, answer="已约谈窗口负责人", on=D("2025-10-09"))
    complaint = services.close(complaint, actor=supervisor, on=D("2025-10-10"))
    assert (complaint.state, complaint.answered_on, complaint.closed_on) == ("closed", D("2025-10-09"), D("2025-10-10"))
    actions = list(AuditEntry.objects.filter(action__startswith="complaints.").values_list("action", flat=True))
    assert actions == [f"complaints.{a}" for a in ("lodge", "assign", "investigate", "answer", "close")]


def test_acts_out_of_order_are_refused_and_answer_needs_content(lodge, supervisor):
    complaint = lodge()
    with pytest.raises(StateConflict):
        services.investigate(complaint, actor=supervisor, findings="x", substantiated=True)
    with pytest.raises(StateConflict):
        services.close(complaint, actor=supervisor)
    services.assign(complaint, actor=supervisor, handler=supervisor)
    services.investigate(complaint, actor=supervisor, findings="不属实", substantiated=False)
    before = counts()
    with pytest.raises(InvalidInput) as error:
        services.answer(complaint, actor=supervisor, answer="")
    assert error.value.field == "answer"
    complaint.refresh_from_db()
    assert (complaint.state, complaint.answer, complaint.answered_on) == ("investigating", "", None)
    assert counts() == before


def test_handlers_and_actors_must_supervise_the_department(lodge, supervisor, far_supervisor, staff):
    complaint = lodge()
    with pytest.raises(NotFound):
        services.assign(complaint, actor=far_supervisor, handler=far_supervisor)
    with pytest.raises(NotFound):
        services.assign(complaint, actor=staff.head, handler=supervisor)
    with pytest.raises(InvalidInput) as error:
        services.assign(complaint, actor=supervisor, handler=far_supervisor)
    assert error.value.field == "handler"


def test_reveal_of_the_complainant_is_audited_and_needs_a_purpose(lodge, supervisor, far_supervisor, complainant):
    complaint = lodge()
    with pytest.raises(InvalidInput):
        services.reveal_complainant(complaint, actor=supervisor, purpose=" ")
    with pytest.raises(NotFound):
        services.reveal_complainant(complaint, actor=far_supervisor, purpose="核实")
    identity = services.reveal_complainant(complaint, actor=supervisor, purpose="电话回复")
    assert identity["name"] == "欧阳振华" and identity["phone"] == "13912345678"
    reads = AuditEntry.objects.filter(action__startswith="parties.reveal").values_list("action", flat=True)
    assert sorted(reads) == ["parties.reveal_id_number", "parties.reveal_phone"]
    # the audit entries of the acts carry no identity
    assert not AuditEntry.objects.filter(action__startswith="complaints.", detail__icontains="欧阳").exists()


def test_a_supervisor_registers_complaints_only_about_departments_of_their_area(lodge, far_supervisor, submit):
    """A supervisor of another area could otherwise file (and learn of) complaints they may never see or handle."""
    before = counts()
    with pytest.raises(NotPermitted) as error:
        lodge(actor=far_supervisor)
    assert error.value.code == "supervisor_required"
    with pytest.raises(NotPermitted):
        lodge(actor=far_supervisor, subject="case", window=None, case=submit())
    assert counts()[0] == before[0]
