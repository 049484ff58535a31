"""Alert channels beyond the log (e-mail, an SMS gateway that is off or failing), the Celery task of the deadline
watch, and the board's hall filter, bad cursors and who may open a board at all."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail

from zhengwu.cases import services as case_services
from zhengwu.cases.models import Case, ReviewStep
from zhengwu.cases.tests.conftest import D
from zhengwu.errors import NotPermitted
from zhengwu.org.tests.factories import HallFactory, StaffFactory, WindowFactory
from zhengwu.supervision import selectors
from zhengwu.supervision.channels import SmsChannel
from zhengwu.supervision.models import Alert
from zhengwu.supervision.services import run_supervision
from zhengwu.supervision.tasks import supervise

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue_case(submit, staff):
    case = submit(on="2025-09-01")
    case_services.accept(case, actor=staff.clerk, on=D("2025-09-01"))
    ReviewStep.objects.filter(case=case, state="open").update(due_on=D("2025-09-10"), warning_on=D("2025-09-09"))
    Case.objects.filter(pk=case.pk).update(current_due=D("2025-09-12"), warning_on=D("2025-09-11"))
    return case


def test_alerts_go_by_e_mail_to_staff_with_an_address_and_are_skipped_for_the_others(settings, overdue_case, staff):
    settings.ZHENGWU_ALERT_CHANNELS = ["zhengwu.supervision.channels.EmailChannel"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    staff.first_reviewer.email = "chushen@yj.gov.cn"
    staff.first_reviewer.save(update_fields=["email"])
    staff.head.email = "  "
    staff.head.save(update_fields=["email"])
    stats = run_supervision(D("2025-09-15"))
    assert stats.sent == 3 and stats.failed == 0
    assert [message.to for message in mail.outbox] == [["chushen@yj.gov.cn"]]
    assert overdue_case.number in mail.outbox[0].subject and "超期" in mail.outbox[0].subject
    results = {a.recipient_id: a.channel_results["email"] for a in Alert.objects.filter(case=overdue_case)}
    assert results[staff.first_reviewer.pk] == "sent"
    assert results[staff.head.pk] == "skipped: no e-mail address"


def test_without_a_gateway_the_sms_channel_sends_nothing_and_says_why(settings, overdue_case):
    settings.ZHENGWU_ALERT_CHANNELS = ["zhengwu.supervision.channels.SmsChannel"]
    settings.ZHENGWU_SMS_GATEWAY_URL = ""
    run_supervision(D("2025-09-15"))
    alerts = Alert.objects.filter(case=overdue_case)
    assert alerts.exists() and alerts.filter(sent_at__isnull=True).count() == 0
    assert {a.channel_results["sms"] for a in alerts} == {"skipped: gateway not configured"}


def test_a_gateway_that_answers_with_an_error_fails_the_alert_for_the_next_run(settings, overdue_case, staff):
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    class Broken(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(503)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Broken)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        settings.ZHENGWU_SMS_GATEWAY_URL = f"http://127.0.0.1:{server.server_port}/send"
        settings.ZHENGWU_ALERT_CHANNELS = ["zhengwu.supervision.channels.SmsChannel"]
        staff.first_reviewer.mobile = "13905770001"
        staff.first_reviewer.save(update_fields=["mobile"])
        alert_sent = run_supervision(D("2025-09-15"))
        alert = Alert.objects.get(case=overdue_case, recipient=staff.first_reviewer)
        with pytest.raises(OSError):
            SmsChannel().send(alert)
    finally:
        server.shutdown()
    assert alert_sent.failed == 1
    assert alert.sent_at is None and alert.channel_results["sms"].startswith("failed:")


def test_the_celery_task_runs_the_deadline_watch_and_reports_its_counts(settings, overdue_case, staff):
    settings.ZHENGWU_ALERT_CHANNELS = ["zhengwu.supervision.channels.LoggingChannel"]
    result = supervise.apply().get()
    # Run today: the overdue step and the overdue decision clock alert the reviewer and the head.
    assert result["step_alerts"] == 2 and result["sent"] == Alert.objects.count() > 0
    assert supervise.apply().get()["sent"] == 0  # a second run sends nothing twice


@pytest.fixture
def halls(dept, other_dept):
    """Hall A has a window of the department; hall B only one of another department."""
    hall_a, hall_b = HallFactory(name="永嘉县政务服务中心"), HallFactory(name="瓯北分中心")
    WindowFactory(hall=hall_a).departments.add(dept)
    WindowFactory(hall=hall_b).departments.add(other_dept)
    return hall_a, hall_b


def test_the_board_of_a_hall_covers_the_departments_stationed_there(client, overdue_case, supervisor, halls):
    hall_a, hall_b = halls
    client.force_login(supervisor)
    shown = client.get("/workbench/supervision/", {"hall": hall_a.pk})
    assert shown.status_code == 200 and overdue_case.number in shown.content.decode()
    other = client.get("/workbench/supervision/", {"hall": hall_b.pk})
    assert other.status_code == 200 and overdue_case.number not in other.content.decode()
    assert client.get("/workbench/supervision/", {"hall": "999999"}).status_code == 404
    assert client.get("/workbench/supervision/", {"hall": "abc"}).status_code == 404


def test_a_department_outside_the_scope_is_refused_and_one_inside_is_shown_alone(
    client, overdue_case, supervisor, other_dept
):
    client.force_login(supervisor)
    assert client.get("/workbench/supervision/", {"department": "NOPE"}).status_code == 403
    page = client.get("/workbench/supervision/", {"department": overdue_case.department.code})
    assert page.status_code == 200 and page.context["board"].scope.department == overdue_case.department


@pytest.mark.parametrize("cursor", ["not-base64!", "eDIwMjUtMDktMDE6MQ", "czIwMjUtMTMtMDE6MQ"])
def test_a_bad_page_cursor_starts_the_board_again_from_the_first_page(client, supervisor, cursor):
    client.force_login(supervisor)
    response = client.get("/workbench/supervision/", {"after": cursor}, follow=True)
    assert response.redirect_chain == [("/workbench/supervision/", 302)]
    assert "分页游标无效" in response.content.decode()


def test_a_superuser_sees_every_department_on_the_board_and_nobody_logged_in_sees_none(dept, other_dept):
    root = StaffFactory(department=None, is_superuser=True)
    assert set(selectors.allowed_department_ids(root)) == {dept.pk, other_dept.pk}
    assert selectors.allowed_department_ids(AnonymousUser()) == []
    with pytest.raises(NotPermitted):
        selectors.board(AnonymousUser())


def test_an_unknown_supervision_act_or_a_bad_deadline_changes_nothing(client, overdue_case, supervisor):
    client.force_login(supervisor)
    base = f"/workbench/supervision/cases/{overdue_case.number}"
    assert client.post(f"{base}/erase/").status_code == 404
    response = client.post(f"{base}/notice/", {"message": "请于限期内办结", "deadline": "2025-13-40"})
    assert response.status_code == 400 and "deadline" in response.context["form"].errors
    assert not overdue_case.events.filter(action__startswith="supervision_").exists()
