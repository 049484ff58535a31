"""Rate limits count the real client behind a trusted reverse proxy, and nobody else can choose their address."""

from __future__ import annotations

from django.test import RequestFactory, override_settings

from zhengwu.proxy import TrustedProxyMiddleware


def _address(remote: str, forwarded: str | None) -> str:
    request = RequestFactory().get(
        "/", REMOTE_ADDR=remote, **({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {})
    )
    return TrustedProxyMiddleware(lambda r: r.META["REMOTE_ADDR"])(request)


@override_settings(ZHENGWU_TRUSTED_PROXIES=["10.0.0.1", "10.0.0.2"])
def test_behind_trusted_proxies_the_client_is_the_rightmost_untrusted_address():
    assert _address("10.0.0.1", "203.0.113.7") == "203.0.113.7"
    # A client's own (forged) entries stand left of what the proxies appended: they are ignored.
    assert _address("10.0.0.1", "1.2.3.4, 203.0.113.7, 10.0.0.2") == "203.0.113.7"
    assert _address("10.0.0.1", None) == "10.0.0.1"


@override_settings(ZHENGWU_TRUSTED_PROXIES=["10.0.0.1"])
def test_a_direct_client_cannot_choose_its_address():
    assert _address("198.51.100.9", "203.0.113.7") == "198.51.100.9"


@override_settings(ZHENGWU_TRUSTED_PROXIES=[])
def test_without_trusted_proxies_the_header_is_ignored():
    assert _address("198.51.100.9", "203.0.113.7") == "198.51.100.9"
