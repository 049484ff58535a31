"""Headers, embedding, elder mode and the accessibility rules every public page keeps."""

from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/search/?q=食品经营",
    "/themes/",
    "/departments/",
    "/departments/YJ-SCJG/",
    "/matters/330324-SCJG-001/",
    "/progress/",
    "/embed/matters/330324-SCJG-001/",
    "/embed/progress/",
]


class PageAudit(HTMLParser):
    """Collects what the rules below look at: scripts, style attributes, headings, labels, inputs, images."""

    def __init__(self):
        super().__init__()
        self.inline_scripts, self.style_attributes, self.event_handlers = [], [], []
        self.h1 = 0
        self.labels, self.inputs, self.images_without_alt = set(), [], []
        self.html_lang = None
        self.landmarks = set()
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.html_lang = attributes.get("lang")
        if tag == "script":
            self._in_script = "src" not in attributes
        if "style" in attributes or tag == "style":
            self.style_attributes.append(tag)
        self.event_handlers += [name for name in attributes if name.startswith("on")]
        if tag == "h1":
            self.h1 += 1
        if tag == "label" and attributes.get("for"):
            self.labels.add(attributes["for"])
        if tag in {"input", "select", "textarea"} and attributes.get("type") not in {"hidden", "submit"}:
            self.inputs.append(attributes.get("id"))
        if tag == "img" and not attributes.get("alt"):
            self.images_without_alt.append(attributes.get("src"))
        if tag in {"main", "nav", "header", "footer"}:
            self.landmarks.add(tag)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline_scripts.append(data.strip()[:40])


def audit(html: str) -> PageAudit:
    parser = PageAudit()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_accessible_and_has_no_inline_script_or_style(client, food_matter, path):
    response = client.get(path)
    assert response.status_code == 200
    page = audit(response.content.decode())
    assert page.inline_scripts == []
    assert page.style_attributes == []
    assert page.event_handlers == []
    assert page.h1 == 1
    assert page.html_lang == "zh-hans"
    assert set(page.inputs) <= page.labels, "every input has a label"
    assert page.images_without_alt == []
    assert "main" in page.landmarks
    if not path.startswith("/embed/"):
        assert {"header", "nav", "footer"} <= page.landmarks
        assert 'class="skip-link" href="#main"' in response.content.decode()


@pytest.mark.parametrize("path", ["/", "/matters/330324-SCJG-001/", "/progress/", "/search/"])
def test_normal_pages_may_not_be_framed_and_carry_security_headers(client, food_matter, path):
    response = client.get(path)
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert "style-src 'self'" in csp and "object-src 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.parametrize("path", ["/embed/matters/330324-SCJG-001/", "/embed/progress/"])
def test_embed_routes_may_be_framed_only_by_the_allow_list(client, food_matter, settings, path):
    settings.ZHENGWU_EMBED_ORIGINS = [
        "https://www.wenzhou.gov.cn",
        "https://*.zj.gov.cn",
        "https://evil.com; script-src *",
    ]
    response = client.get(path)
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'self' https://www.wenzhou.gov.cn https://*.zj.gov.cn" in csp
    assert "evil.com" not in csp and "'none'" not in csp.split("frame-ancestors")[1]
    assert "X-Frame-Options" not in response
    assert "script-src 'self'" in csp


def test_embed_without_configured_origins_allows_only_the_portal_itself(client, food_matter, settings):
    settings.ZHENGWU_EMBED_ORIGINS = []
    assert client.get("/embed/progress/")["Content-Security-Policy"].endswith("frame-ancestors 'self'")


def test_elder_mode_is_switched_by_a_plain_form_and_a_cookie(client, food_matter):
    assert 'class="mode-elder"' not in client.get("/").content.decode()
    response = client.post("/mode/", {"mode": "elder", "next": "/matters/330324-SCJG-001/"})
    assert response.status_code == 302 and response["Location"] == "/matters/330324-SCJG-001/"
    assert response.cookies["portal_mode"].value == "elder"
    html = client.get("/matters/330324-SCJG-001/").content.decode()
    assert '<html lang="zh-hans" class="mode-elder">' in html
    assert 'aria-pressed="true"' in html
    off = client.post("/mode/", {"mode": "standard", "next": "https://evil.example/"})
    assert off["Location"] == "/"  # no open redirect
    assert 'class="mode-elder"' not in client.get("/").content.decode()


def test_english_is_available(client, food_matter):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert '<html lang="en"' in client.get("/").content.decode()
