"""axe-core on every page: crawled as admin and as coach, the public pages, the error pages, and
every form once submitted empty so that its error summary is checked too.

A violation with impact "serious" or "critical" fails the test, listed with the URL, the rule and
the failing elements.

Every page the crawl reaches is fetched (and must answer 200). To keep the suite fast, axe runs on
the first AXE_PER_ROUTE pages of each route (e.g. two organisation pages, not all ten: they share a
template), the others are only fetched for their status and links, and each route's forms are
submitted empty once.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit, urlunsplit

import pytest
from playwright.sync_api import Page, expect
from support import axe_violations

MAX_PAGES = 80  # per role
AXE_PER_ROUTE = 2
ID_SEGMENT = re.compile(
    r"/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9]+)(?=/|$)"
)
SKIPPED_PREFIXES = ("/static/", "/accounts/logout/", "/i18n/", "/healthz")

# Forms that can be submitted empty: a required field that can be emptied (a text-like input, a
# textarea, or a select with an empty choice). Forms without one are actions (remove, reveal) and
# are left alone, and so are GET forms (searches).
FORMS_SCRIPT = """
() => Array.from(document.querySelectorAll('main form')).map((form, index) => ({
  index,
  method: (form.getAttribute('method') || 'get').toLowerCase(),
  htmx: Array.from(form.attributes).some(a => a.name.startsWith('hx-')),
  emptiable: Array.from(form.elements).some(el => el.required && (
    el.tagName === 'TEXTAREA' ||
    (el.tagName === 'INPUT' && !['checkbox', 'radio', 'hidden', 'submit', 'button', 'file', 'image'].includes(el.type)) ||
    (el.tagName === 'SELECT' && Array.from(el.options).some(o => o.value === ''))
  )),
}))
"""
EMPTY_AND_SUBMIT_SCRIPT = """
(index) => {
  const form = document.querySelectorAll('main form')[index];
  for (const el of form.elements) {
    if (el.tagName === 'TEXTAREA') el.value = '';
    else if (el.tagName === 'INPUT' && !['checkbox', 'radio', 'hidden', 'submit', 'button', 'file', 'image'].includes(el.type)) el.value = '';
    else if (el.tagName === 'SELECT' && Array.from(el.options).some(o => o.value === '')) el.value = '';
  }
  // Submit with the form's button: a view may look for the button's name (add_partner, add_staff).
  form.requestSubmit(form.querySelector('button[type=submit], button:not([type]), input[type=submit]'));
}
"""


@dataclass
class Crawl:
    pages: list[str] = field(default_factory=list)
    checked: int = 0  # pages and submitted forms checked with axe
    violations: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)  # links that do not open for the user
    forms: list[str] = field(default_factory=list)  # forms submitted empty
    form_problems: list[str] = field(default_factory=list)


def route_of(path: str) -> str:
    """The path with its ids replaced: pages of one route share a template."""
    return ID_SEGMENT.sub("/<id>", path)


def _same_origin_path(href: str, origin: str, *, allow_query: bool) -> str | None:
    parts = urlsplit(href)
    if f"{parts.scheme}://{parts.netloc}" != origin:
        return None
    if parts.path.startswith(SKIPPED_PREFIXES):
        return None
    if parts.query and not allow_query:
        return None
    return urlunsplit(("", "", parts.path, parts.query, ""))


def submit_forms_empty(page: Page, path: str, crawl: Crawl) -> None:
    """Submit each emptiable POST form on the page once, with its fields emptied, and run axe."""
    forms = [f for f in page.evaluate(FORMS_SCRIPT) if f["method"] == "post" and f["emptiable"]]
    for number, form in enumerate(forms):
        if number:
            page.goto(path)
        label = f"{path} (form {form['index'] + 1} submitted empty)"
        if form["htmx"]:
            page.evaluate(EMPTY_AND_SUBMIT_SCRIPT, form["index"])
            page.wait_for_load_state("networkidle")
            status = None
        else:
            with page.expect_navigation() as navigation:
                page.evaluate(EMPTY_AND_SUBMIT_SCRIPT, form["index"])
            status = navigation.value.status if navigation.value else None
        crawl.forms.append(label)
        if status is not None and status >= 500:
            crawl.form_problems.append(f"{label}: the server answered {status}")
        if page.locator(".error-summary").count() == 0:
            crawl.form_problems.append(f"{label}: no error summary (answered at {page.url})")
        crawl.violations += axe_violations(page, label)
        crawl.checked += 1


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        href = values.get("href")
        # A link marked `download` gives a file, not a page (the reports' CSV and XLSX).
        if tag == "a" and href and "download" not in values:
            self.hrefs.append(href)


def _fetch(page: Page, path: str) -> tuple[int | str, str, list[str]]:
    """Status, content type and links of a page, without rendering it."""
    response = page.context.request.get(path, max_redirects=0)
    content_type = response.headers.get("content-type", "")
    parser = _LinkParser()
    if "text/html" in content_type:
        parser.feed(response.text())
    elif response.status in (301, 302, 303, 307, 308):
        location = response.headers.get("location", "")
        if urlsplit(location).path == "/accounts/login/":
            return "a redirect to the login page", content_type, []
        parser.hrefs.append(location)
    return response.status, content_type, [urljoin(response.url, href) for href in parser.hrefs]


def crawl_site(page: Page, origin: str) -> Crawl:
    """Breadth first from the start page over same-origin links, running axe on each new route."""
    crawl = Crawl()
    queue: deque[tuple[str, str]] = deque([("/", "")])
    seen = {"/"}
    routes: Counter[str] = Counter()
    while queue and len(crawl.pages) < MAX_PAGES:
        # Breadth first, but a page of a route axe has not seen enough of goes before more pages of
        # a known route, so that the cap leaves out repeats rather than new pages.
        index = next(
            (i for i, (p, _) in enumerate(queue) if routes[route_of(p)] < AXE_PER_ROUTE), 0
        )
        path, found_on = queue[index]
        del queue[index]
        route = route_of(path)
        routes[route] += 1
        crawl.pages.append(path)
        if routes[route] <= AXE_PER_ROUTE:
            response = page.goto(path)
            assert response is not None
            status, content_type = response.status, response.headers.get("content-type", "")
            if urlsplit(page.url).path == "/accounts/login/":
                status = "a redirect to the login page"
            if "text/html" in content_type:
                crawl.violations += axe_violations(page, path)
                crawl.checked += 1
                hrefs = page.locator("a[href]:not([download])").evaluate_all(
                    "els => els.map(e => e.href)"
                )
            else:
                hrefs = []
        else:
            status, content_type, hrefs = _fetch(page, path)
        if status not in (200, 301, 302, 303, 307, 308):
            crawl.broken.append(f"{path} answered {status} (linked from {found_on})")
        for href in hrefs:
            target = _same_origin_path(href, origin, allow_query=path == "/")
            if target is not None and target not in seen:
                seen.add(target)
                queue.append((target, path))
        if status == 200 and routes[route] == 1 and "text/html" in content_type:
            submit_forms_empty(page, path, crawl)
    if queue:
        print(f"Crawl stopped at {MAX_PAGES} pages; not visited: {[p for p, _ in queue]}")
    return crawl


@pytest.fixture(scope="module")
def crawls(browser, server, login_state) -> dict[str, Crawl]:
    """The crawl of each role, made once for the tests below."""
    results = {}
    for role in ("admin", "coach"):
        context = browser.new_context(
            base_url=server.url, bypass_csp=True, locale="sv-SE", storage_state=login_state(role)
        )
        try:
            results[role] = crawl_site(context.new_page(), server.url)
        finally:
            context.close()
    return results


@pytest.mark.parametrize("role", ["admin", "coach"])
def test_axe_on_every_page_reached_by_links(role, crawls) -> None:
    crawl = crawls[role]
    print(
        f"{role}: {len(crawl.pages)} pages, {crawl.checked} checked with axe, {len(crawl.forms)} forms submitted empty"
    )
    assert len(crawl.pages) >= 3, f"The crawl as {role} found almost nothing: {crawl.pages}"
    assert not crawl.violations, "axe violations:\n" + "\n".join(crawl.violations)
    assert not crawl.form_problems, "\n".join(crawl.form_problems)


@pytest.mark.parametrize("role", ["admin", "coach"])
def test_every_link_opens(role, crawls) -> None:
    assert not crawls[role].broken, f"Links that {role} sees but cannot open:\n" + "\n".join(
        crawls[role].broken
    )


def test_axe_on_public_pages(new_context) -> None:
    page = new_context(bypass_csp=True).new_page()
    violations: list[str] = []

    # The login page, then its form submitted empty.
    assert page.goto("/accounts/login/").status == 200
    violations += axe_violations(page, "login")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    violations += axe_violations(page, "login submitted empty")

    # Password reset: the form, empty, then sent.
    assert page.goto("/accounts/password/reset/").status == 200
    violations += axe_violations(page, "password reset")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    violations += axe_violations(page, "password reset submitted empty")
    page.locator("main form input[type=email]").fill("nobody@example.invalid")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert urlsplit(page.url).path == "/accounts/password/reset/sent/"
    violations += axe_violations(page, "password reset sent")

    # A reset link that is not valid, and the page after a reset.
    assert page.goto("/accounts/password/reset/MQ/not-a-valid-token/").status == 200
    violations += axe_violations(page, "password reset link not valid")
    assert page.goto("/accounts/password/reset/done/").status == 200
    violations += axe_violations(page, "password reset complete")

    # Not found, signed out.
    assert page.goto("/no-such-page/").status == 404
    violations += axe_violations(page, "404 signed out")
    assert not violations, "axe violations:\n" + "\n".join(violations)


def test_axe_on_error_pages(new_context) -> None:
    violations: list[str] = []
    page = new_context("admin", bypass_csp=True).new_page()
    assert page.goto("/projects/00000000-0000-0000-0000-000000000000/").status == 404
    violations += axe_violations(page, "404 signed in")
    page = new_context("coach", bypass_csp=True).new_page()
    assert page.goto("/audit/").status == 403
    violations += axe_violations(page, "403")
    assert not violations, "axe violations:\n" + "\n".join(violations)


def test_axe_on_login_in_english(new_context) -> None:
    page = new_context(bypass_csp=True).new_page()
    page.goto("/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    with page.expect_navigation():
        page.locator("header button[name=language][value=en]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert urlsplit(page.url).path == "/accounts/login/"
    violations = axe_violations(page, "login (English)")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    violations += axe_violations(page, "login (English) submitted empty")
    assert not violations, "axe violations:\n" + "\n".join(violations)
