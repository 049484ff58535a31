"""Embedding in another site (商业门户嵌入): a matter's guide and the progress lookup can be framed by the origins
of the allow-list `ZHENGWU_EMBED_ORIGINS`; every other page refuses to be framed, and unlisted sites get nothing."""

from __future__ import annotations

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from zhengwu.cases import services as acts
from zhengwu.cases.models import Channel
from zhengwu.parties.tests.factories import PersonFactory

from . import data
from .portal import guide_url

pytestmark = pytest.mark.e2e


class _HostSite:
    """Another web site on this machine (its own origin: 127.0.0.1 on another port) whose pages frame the portal."""

    def __init__(self):
        self.pages: dict[str, str] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                body = site.pages.get(self.path, "").encode()
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def page_framing(self, path: str, live_url: str, frames: dict[str, str]) -> str:
        """Publish, at `path`, a page with one iframe (by id) per portal path; returns its URL."""
        iframes = "".join(
            f'<iframe id="{name}" title="{name}" src="{live_url}{src}" width="600" height="400"></iframe>'
            for name, src in frames.items()
        )
        self.pages[path] = (
            f"<!doctype html><html lang='zh-hans'><head><title>site</title></head><body>{iframes}</body></html>"
        )
        return self.origin + path

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def partner():
    site = _HostSite()
    yield site
    site.stop()


@pytest.fixture
def stranger():
    site = _HostSite()
    yield site
    site.stop()


@pytest.fixture
def allow_partner(settings, partner):
    settings.ZHENGWU_EMBED_ORIGINS = [partner.origin]


def frame_of(page, name: str):
    handle = page.locator(f"#{name}").element_handle()
    return handle.content_frame()


def test_the_partner_site_embeds_the_guide_and_the_progress_lookup(
    new_context, live_server, world, partner, allow_partner, screenshot
):
    context = new_context()
    frames = {
        "guide": f"/embed/matters/{data.FOOD_CODE}/",
        "progress": "/embed/progress/",
        "plain": guide_url(data.FOOD_CODE),
    }
    url = partner.page_framing("/services.html", live_server.url, frames)
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("load")

    guide = page.frame_locator("#guide")
    expect(guide.get_by_role("heading", level=1)).to_contain_text("食品经营许可（新办）")
    progress = page.frame_locator("#progress")
    expect(progress.get_by_label(re.compile("^办件编号"))).to_be_visible()
    screenshot(page)
    # The ordinary guide page refuses to be framed (frame-ancestors 'none'): chromium shows its error page instead.
    expect(page.frame_locator("#plain").get_by_role("heading", name="食品经营许可（新办）")).to_have_count(0)
    plain = frame_of(page, "plain")
    assert plain is not None and not plain.url.startswith(live_server.url), plain.url


def test_the_embedded_progress_lookup_works_inside_the_frame(new_context, live_server, world, partner, allow_partner):
    applicant = PersonFactory(phone="13957755555")
    case = acts.submit_application(actor=None, matter_version=world.food, applicant=applicant, channel=Channel.ONLINE)
    context = new_context()
    url = partner.page_framing("/progress.html", live_server.url, {"progress": "/embed/progress/"})
    page = context.new_page()
    page.goto(url)
    progress = page.frame_locator("#progress")
    progress.get_by_label(re.compile("^办件编号")).fill(case.number)
    progress.get_by_label(re.compile("手机号码后四位")).fill("5555")
    progress.get_by_role("button", name=re.compile("查询")).click()
    expect(progress.locator("body")).to_contain_text(case.get_state_display())
    expect(progress.locator("body")).to_contain_text(case.number)


def test_a_site_outside_the_allow_list_cannot_frame_the_embed_routes(
    new_context, live_server, world, allow_partner, stranger
):
    context = new_context()
    url = stranger.page_framing("/copy.html", live_server.url, {"guide": f"/embed/matters/{data.FOOD_CODE}/"})
    page = context.new_page()
    blocked = []
    page.on("console", lambda message: blocked.append(message.text) if "frame-ancestors" in message.text else None)
    page.goto(url)
    page.wait_for_load_state("load")
    for _wait in range(50):  # the console message may follow the load event
        if blocked:
            break
        page.wait_for_timeout(100)
    assert blocked, "chromium reports the frame-ancestors refusal"
    expect(page.frame_locator("#guide").get_by_role("heading", name="食品经营许可（新办）")).to_have_count(0)
    frame = frame_of(page, "guide")
    assert frame is not None and not frame.url.startswith(live_server.url), frame.url


def test_the_embed_routes_send_the_allow_list_and_other_pages_deny_framing(page, world, partner, allow_partner):
    embed = page.request.get(f"/embed/matters/{data.FOOD_CODE}/")
    assert embed.status == 200
    csp = embed.headers["content-security-policy"]
    assert re.search(rf"frame-ancestors 'self' {re.escape(partner.origin)}(;|$)", csp), csp
    assert "x-frame-options" not in embed.headers
    plain = page.request.get(guide_url(data.FOOD_CODE))
    assert "frame-ancestors 'none'" in plain.headers["content-security-policy"]
    assert plain.headers["x-frame-options"] == "DENY"
