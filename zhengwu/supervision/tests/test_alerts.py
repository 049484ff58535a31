"""The deadline watch: one alert per subject, kind and recipient, sent once, also across runs and crashes."""

from __future__ import annotations

from django.core.management import call_command

from zhengwu.cases import services as case_services
from zhengwu.cases.models import Case, ReviewStep
from zhengwu.cases.tests.conftest import D
from zhengwu.supervision import selectors, services
from zhengwu.supervision.models import Alert


def _overdue_case(submit, staff):
    case = submit(on="2025-09-01")
    case_services.accept(case, actor=staff.clerk, on=D("2025-09-01"))
    ReviewStep.objects.filter(case=case, state="open").update(due_on=D("2025-09-10"), warning_on=D("2025-09-09"))
    Case.objects.filter(pk=case.pk).update(current_due=D("2025-09-12"), warning_on=D("2025-09-11"))
    return case


def test_overdue_step_alerts_its_holder_and_the_department_head_once(submit, staff, recording):
    case = _overdue_case(submit, staff)
    first = services.run_supervision(D("2025-09-15"))
    alerts = Alert.objects.filter(case=case)
    step_alerts = {(a.kind, a.recipient_id) for a in alerts if a.step_id}
    assert step_alerts == {("overdue", staff.first_reviewer.pk), ("overdue", staff.head.pk)}
    # The case's own (decision) clock is overdue too: its department head is told.
    assert {(a.clock, a.recipient_id) for a in alerts if not a.step_id} == {("decision", staff.head.pk)}
    assert sorted(recording.sent) == sorted(alerts.values_list("pk", flat=True))
    assert first.sent == 3 and alerts.filter(sent_at__isnull=True).count() == 0

    second = services.run_supervision(D("2025-09-15"))
    services.run_supervision(D("2025-09-16"))
    assert second.step_alerts == second.case_alerts == second.sent == 0
    assert Alert.objects.filter(case=case).count() == 3
    assert len(recording.sent) == 3  # each alert through the channel exactly once


def test_warning_then_overdue_are_two_transitions(submit, staff, recording):
    case = submit(on="2025-09-01")
    case_services.accept(case, actor=staff.clerk, on=D("2025-09-01"))
    ReviewStep.objects.filter(case=case, state="open").update(due_on=D("2025-09-16"), warning_on=D("2025-09-15"))
    Case.objects.filter(pk=case.pk).update(current_due=D("2025-09-30"), warning_on=D("2025-09-29"))
    services.run_supervision(D("2025-09-15"))
    assert set(Alert.objects.filter(step__isnull=False).values_list("kind", flat=True)) == {"warning"}
    services.run_supervision(D("2025-09-17"))
    assert Alert.objects.filter(step__isnull=False, kind="overdue").count() == 2
    assert len(recording.sent) == 4


def test_an_alert_created_but_not_sent_is_sent_by_the_next_run(submit, staff, recording):
    _overdue_case(submit, staff)
    recording.fail = True  # the channel is down (or the process dies) after the alerts were created
    services.run_supervision(D("2025-09-15"))
    assert Alert.objects.count() == 3 and Alert.objects.filter(sent_at__isnull=True).count() == 3
    assert recording.sent == []
    recording.fail = False
    stats = services.run_supervision(D("2025-09-15"))
    assert stats.sent == 3 and len(recording.sent) == 3
    assert Alert.objects.filter(sent_at__isnull=True).count() == 0
    assert all(a.channel_results == {"recording": "sent"} for a in Alert.objects.all())
    services.run_supervision(D("2025-09-15"))
    assert len(recording.sent) == 3


def test_run_flags_deemed_acceptances(submit, recording):
    submit(on="2025-09-01")
    assert services.run_supervision(D("2025-09-15")).deemed_accepted == 1
    assert Case.objects.get().deemed_accepted


def test_supervise_command_prints_counts(submit, staff, recording, capsys):
    _overdue_case(submit, staff)
    call_command("supervise", "--date", "2025-09-15")
    out = capsys.readouterr().out
    assert "step_alerts: 2" in out and "sent: 3" in out


def test_alerts_page_lists_unread_first_and_marks_read(client, submit, staff, recording):
    _overdue_case(submit, staff)
    services.run_supervision(D("2025-09-15"))
    head = staff.head
    client.force_login(head)
    page = client.get("/workbench/supervision/alerts/")
    assert page.status_code == 200 and "2 条未读" in page.content.decode()
    first = Alert.objects.filter(recipient=head).first()
    client.post("/workbench/supervision/alerts/read/", {"alert": first.pk})
    assert selectors.unread_count(head) == 1
    assert selectors.alerts_for(head)[0].read_at is None
    client.post("/workbench/supervision/alerts/read/")
    assert selectors.unread_count(head) == 0
    assert Alert.objects.filter(recipient=staff.first_reviewer, read_at__isnull=True).count() == 1


def test_sms_channel_posts_the_alert_to_the_gateway_with_the_staff_mobile(submit, staff, settings):
    """The SMS adapter against a real HTTP server standing in for the government SMS gateway."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    from zhengwu.supervision.channels import SENT, SmsChannel

    received = []

    class Gateway(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.headers.get("Authorization"), json.loads(body)))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Gateway)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        settings.ZHENGWU_SMS_GATEWAY_URL = f"http://127.0.0.1:{server.server_port}/send"
        settings.ZHENGWU_SMS_GATEWAY_TOKEN = "gw-token"
        case = _overdue_case(submit, staff)
        services.run_supervision(D("2025-09-15"))
        alert = Alert.objects.filter(case=case, recipient=staff.first_reviewer).get()
        assert SmsChannel().send(alert) == "skipped: no mobile number"
        staff.first_reviewer.mobile = "13905770001"
        staff.first_reviewer.save(update_fields=["mobile"])
        alert.refresh_from_db()
        assert SmsChannel().send(alert) == SENT
    finally:
        server.shutdown()
    assert received == [
        (
            "Bearer gw-token",
            {"mobile": "13905770001", "account": staff.first_reviewer.username, "content": alert.text},
        )
    ]


def test_a_restarted_acceptance_clock_alerts_again(submit, staff, recording):
    """补正 stops the acceptance clock and resubmission starts a new 5-working-day one (行政许可法 第三十二条): its
    entering warning is a new transition, alerted for the new deadline, even though the first period had one."""
    case = submit(on="2025-09-01")  # acceptance due Mon 8 September, warning from Fri 5 September
    services.run_supervision(D("2025-09-05"))
    first = set(Alert.objects.filter(case=case, clock="acceptance").values_list("kind", "recipient_id", "due_on"))
    assert first == {("warning", staff.head.pk, D("2025-09-08")), ("warning", staff.clerk.pk, D("2025-09-08"))}
    items = [{"material_id": None, "material_name": "营业执照复印件", "reason": "缺少"}]
    case_services.request_correction(case, actor=staff.clerk, items=items, on=D("2025-09-05"))
    case_services.resubmit(case, actor=staff.clerk, on=D("2025-09-10"))
    case.refresh_from_db()
    assert (case.current_due, case.warning_on) == (D("2025-09-17"), D("2025-09-16"))
    services.run_supervision(D("2025-09-15"))  # the new period is not in warning yet: nothing new
    assert Alert.objects.filter(case=case).count() == 2
    stats = services.run_supervision(D("2025-09-16"))
    assert stats.case_alerts == 2
    second = set(Alert.objects.filter(case=case, due_on=D("2025-09-17")).values_list("kind", "recipient_id"))
    assert second == {("warning", staff.head.pk), ("warning", staff.clerk.pk)}
    services.run_supervision(D("2025-09-16"))  # and still once
    assert Alert.objects.filter(case=case).count() == 4 and len(recording.sent) == 4
