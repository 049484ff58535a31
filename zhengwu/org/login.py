"""Staff login (the workbench and the admin): failed attempts are throttled and every attempt is audited
(等保 2.0 身份鉴别: 登录失败处理; 安全审计: 登录事件).

After `MAX_FAILURES` failed attempts for one username within `WINDOW_SECONDS`, or `IP_LIMIT` failures from one
address, further attempts for it are refused, the right password included, until the window ends. A successful
login clears its username's count (the failures are consecutive no more) but not its address's: logging into one's
own account must not unlock guessing at others'. The citizen login (`accounts.services.authenticate`) follows the
same rules.
"""

from __future__ import annotations

import hashlib

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from zhengwu import ratelimit
from zhengwu.audit import services as audit
from zhengwu.proxy import client_ip

MAX_FAILURES = 5
IP_LIMIT = 30
WINDOW_SECONDS = 15 * 60


def _keys(username: str, ip: str) -> tuple[str, str]:
    digest = hashlib.new("sm3", username.encode()).hexdigest()  # any text a user types is a safe cache key
    return f"org:login:user:{digest}", f"org:login:ip:{ip}"


class ThrottledLogin:
    """The throttle and the audit around an authentication form's `clean`."""

    throttled_message = _("登录失败次数过多，请%(minutes)s分钟后再试。")
    throttled = False  # set when refused by the throttle (the login page then says so rather than "wrong password")

    def clean(self):
        username = (self.cleaned_data.get("username") or "").strip()[:150]
        ip = client_ip(self.request) if self.request is not None else "unknown"
        user_key, ip_key = _keys(username, ip)
        failures = ratelimit.counts([user_key, ip_key])
        if failures[user_key] >= MAX_FAILURES or failures[ip_key] >= IP_LIMIT:
            audit.record(None, "org.login_throttled", object_type="org.user", username=username, ip=ip)
            self.throttled = True
            raise ValidationError(self.throttled_message, code="throttled", params={"minutes": WINDOW_SECONDS // 60})
        try:
            cleaned = super().clean()
        except ValidationError:
            ratelimit.hit(user_key, WINDOW_SECONDS)
            ratelimit.hit(ip_key, WINDOW_SECONDS)
            audit.record(None, "org.login_failed", object_type="org.user", username=username, ip=ip)
            raise
        cache.delete(user_key)
        audit.record(self.user_cache, "org.login", self.user_cache, ip=ip)
        return cleaned


class StaffAuthenticationForm(ThrottledLogin, AuthenticationForm):
    """The workbench login (`/accounts/login/`)."""


class StaffAdminAuthenticationForm(ThrottledLogin, AdminAuthenticationForm):
    """The admin's login (`/admin/login/`)."""
