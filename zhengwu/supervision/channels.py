"""Where alerts go besides the workbench: pluggable channels named in settings.ZHENGWU_ALERT_CHANNELS.

A channel's `send(alert)` returns "sent" or "skipped: <why>" (nothing to send to, channel disabled) and raises on
failure; the caller records the result per channel and retries only the failed ones on the next run.
"""

from __future__ import annotations

import json
import logging
import urllib.request

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

DEFAULT_CHANNELS = ["zhengwu.supervision.channels.LoggingChannel"]
SENT = "sent"

logger = logging.getLogger("zhengwu.supervision.alerts")


class Channel:
    name = "channel"

    def send(self, alert) -> str:
        raise NotImplementedError


class LoggingChannel(Channel):
    """The default: the alert goes to the log (and, like every alert, to the workbench)."""

    name = "log"

    def send(self, alert) -> str:
        logger.info("alert %s to %s: %s", alert.pk, alert.recipient.username, alert.text)
        return SENT


class EmailChannel(Channel):
    """E-mail through Django's configured mail backend, to the recipient's address."""

    name = "email"

    def send(self, alert) -> str:
        address = (alert.recipient.email or "").strip()
        if not address:
            return "skipped: no e-mail address"
        subject = f"[政务服务电子监察] {alert.get_kind_display()} {alert.case.number}"
        send_mail(subject, alert.text, None, [address], fail_silently=False)
        return SENT


class SmsChannel(Channel):
    """A government SMS gateway reached over HTTP (POST JSON {"mobile", "account", "content"}).

    Disabled while settings.ZHENGWU_SMS_GATEWAY_URL is unset; ZHENGWU_SMS_GATEWAY_TOKEN, when set, is sent as a
    bearer token. The number is the staff member's work mobile (`User.mobile`); without one the alert is
    skipped for SMS.
    """

    name = "sms"
    timeout_seconds = 5

    def send(self, alert) -> str:
        url = getattr(settings, "ZHENGWU_SMS_GATEWAY_URL", "")
        if not url:
            return "skipped: gateway not configured"
        user = alert.recipient
        mobile = user.mobile
        if not mobile:
            return "skipped: no mobile number"
        body = json.dumps({"mobile": mobile, "account": user.username, "content": alert.text}, ensure_ascii=False)
        request = urllib.request.Request(url, data=body.encode(), method="POST")
        request.add_header("Content-Type", "application/json; charset=utf-8")
        token = getattr(settings, "ZHENGWU_SMS_GATEWAY_TOKEN", "")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        with urllib.request.urlopen(request, timeout=self.timeout_seconds) as response:
            if not 200 <= response.status < 300:
                raise OSError(f"SMS gateway answered {response.status}")
        return SENT


def configured_channels() -> list[Channel]:
    paths = getattr(settings, "ZHENGWU_ALERT_CHANNELS", None) or DEFAULT_CHANNELS
    return [import_string(path)() for path in paths]
