"""The browser-test machinery itself: the system chromium, the live server, screenshots, the strict CSP."""

from __future__ import annotations

import hashlib

import pytest
from playwright.sync_api import Error as PlaywrightError

from .conftest import AXE_SCRIPT, BLOCKING_IMPACTS, CHROMIUM, run_axe

pytestmark = pytest.mark.e2e


def test_the_system_chromium_drives_the_live_portal(browser, page, screenshot):
    assert CHROMIUM.exists()
    assert "HeadlessChrome" in page.evaluate("navigator.userAgent")
    response = page.goto("/")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    path = screenshot(page)
    assert path.exists() and path.stat().st_size > 1000


def test_the_csp_refuses_injected_inline_scripts_so_axe_runs_with_bypass_csp(page, new_context):
    """The pages allow scripts from 'self' only: injecting axe inline is refused, which proves the CSP holds."""
    response = page.goto("/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    with pytest.raises(PlaywrightError, match="Content Security Policy"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    # The axe helper's context bypasses the CSP (for the check only); there axe runs.
    bypassing = new_context(bypass_csp=True).new_page()
    bypassing.goto("/")
    assert isinstance(run_axe(bypassing), list)


def test_the_axe_check_finds_a_planted_violation(axe_page):
    """The accessibility check is not vacuous: an image without alt text and an unlabelled input are reported."""
    axe_page.goto("/")
    axe_page.evaluate(
        """() => {
            const main = document.querySelector('main');
            main.insertAdjacentHTML('beforeend', '<img src="/static/portal/none.png"><input type="text">');
        }"""
    )
    violations = {v["id"]: v["impact"] for v in run_axe(axe_page)}
    assert violations.get("image-alt") == "critical", violations
    assert violations.get("label") == "critical", violations
    assert BLOCKING_IMPACTS & set(violations.values())


def test_the_vendored_axe_core_is_the_published_file():
    """The injected script is exactly npm's axe-core 4.14.1 `axe.min.js` (see vendor/README.md)."""
    digest = hashlib.sha256(AXE_SCRIPT.read_bytes()).hexdigest()
    assert digest == "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
