"""Browser tests of the public portal: a live server, Debian's chromium driven by Playwright, screenshots, axe-core.

The browser is the system one (`apt-get install chromium`, see `scripts/sysdeps.sh`); Playwright never downloads
its own. A missing browser is a failure, not a skip: these tests are part of the suite.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("ZHENGWU_E2E_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
HERE = Path(__file__).resolve().parent
ARTIFACTS = HERE / "artifacts"
AXE_VERSION = "4.14.1"
AXE_SCRIPT = HERE / "vendor" / f"axe-core-{AXE_VERSION}.min.js"
# axe impacts that fail a page (WCAG 2.1 AA is the target; "moderate" and "minor" findings are printed only).
BLOCKING_IMPACTS = frozenset({"serious", "critical"})
TIMEOUT_MS = 15_000
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


@pytest.fixture(scope="module")
def browser():
    """A headless chromium for the tests of one module (each test gets its own context).

    Module scope, not session: Playwright's sync API keeps an asyncio loop running in this thread while it is
    started, which Django's async-safety check takes for an async context (the ORM is really used synchronously
    here, so the check is turned off meanwhile). Stopping Playwright after each module keeps that loop, and the
    relaxed check, away from the other apps' tests that run in the same process.
    """
    if not CHROMIUM.exists():
        pytest.fail(
            f"The browser tests need Debian's chromium at {CHROMIUM}: run `sudo apt-get install chromium "
            "chromium-driver fonts-noto-cjk` (or `make sysdeps` as root). Never `playwright install`.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture(autouse=True)
def _isolated_cache(settings):
    """Rate limits and lockouts count in the cache: a per-test in-memory cache, never the shared file cache."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "e2e"}}
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 costs a second per registration/login on a shared 2-core machine; the hashing is tested elsewhere."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _new_context(browser, **options):
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", **options)
    context.set_default_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def context(browser, live_server):
    context = _new_context(browser, base_url=live_server.url, viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture
def page(context):
    """A fresh page in a fresh context (no cookies shared between tests), at the live server."""
    return context.new_page()


@pytest.fixture
def new_context(browser, live_server):
    """Open more contexts (a second user, a phone, a CSP-bypassing context for axe); closed after the test."""
    opened = []

    def _open(**options):
        options.setdefault("viewport", {"width": 1280, "height": 900})
        ctx = _new_context(browser, base_url=live_server.url, **options)
        opened.append(ctx)
        return ctx

    yield _open
    for ctx in opened:
        ctx.close()


def _safe_name(text: str) -> str:
    return re.sub(r"[^\w.-]+", "_", text).strip("_")[:150]


@pytest.fixture
def screenshot(request):
    """`screenshot(page)` saves tests/e2e/artifacts/<test name>.png; `screenshot(page, "step")` adds a suffix."""

    def _save(page, step: str = "") -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        name = _safe_name(request.node.name) + (f"-{_safe_name(step)}" if step else "")
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return _save


def run_axe(page) -> list[dict]:
    """Inject the vendored axe-core into the page and return its violations (all impacts)."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    page.wait_for_function("() => typeof window.axe !== 'undefined'")
    result = page.evaluate(
        """async () => {
            const r = await window.axe.run(document, {
                runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
                resultTypes: ['violations'],
            });
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target, html: n.html.slice(0, 200), summary: n.failureSummary})),
            }));
        }"""
    )
    return result


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:8]:
            lines.append(f"    {json.dumps(node['target'], ensure_ascii=False)} {node['html']}")
            if node.get("summary"):
                lines.append("      " + node["summary"].replace("\n", "\n      "))
    return "\n".join(lines)


@pytest.fixture
def axe_page(new_context):
    """A page for the axe-core check, in a context with `bypass_csp=True`.

    The pages send `Content-Security-Policy: script-src 'self'`, under which Playwright's `add_script_tag` (an
    inline script) is refused (see test_infrastructure): the check's context bypasses the CSP, for the check only.
    """
    return new_context(bypass_csp=True).new_page()


@pytest.fixture
def assert_accessible(screenshot):
    """`assert_accessible(page)`: no serious or critical axe-core violation on the page as it is now."""

    def _check(page, name: str = "") -> list[dict]:
        violations = run_axe(page)
        screenshot(page, f"axe-{name}" if name else "axe")
        report = format_violations(violations)
        if report:
            print(f"axe-core {AXE_VERSION} on {page.url}:\n{report}")
        blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
        assert not blocking, f"axe-core: serious/critical violations on {page.url}:\n{format_violations(blocking)}"
        return violations

    return _check


@pytest.fixture
def world(live_server):
    """The department, its staff and two published matters (see `data.make_world`), visible to the live server."""
    from .data import make_world

    return make_world()
