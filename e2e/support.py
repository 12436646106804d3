"""Helpers the browser tests share (conftest.py holds the fixtures)."""

from __future__ import annotations

from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

DEMO_PASSWORD = "Stegvis-demo-2026"
ROLES = ("admin", "manager", "coach", "coach2", "referral", "evaluator", "funder")
FAILING_IMPACTS = {"serious", "critical"}
NARROW_WIDTH = 320  # CSS pixels (WCAG 1.4.10 Reflow)

# The elements that stick out at NARROW_WIDTH, to say what overflows when the page does.
OVERFLOW_SCRIPT = """
(width) => Array.from(document.querySelectorAll('body *'))
  .filter(el => el.getBoundingClientRect().right > width + 1)
  .filter(el => !el.closest('.table-wrap'))
  .slice(0, 8)
  .map(el => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className ? '.' + String(el.className).trim().replace(/\\s+/g, '.') : ''} (right edge ${Math.round(el.getBoundingClientRect().right)} px)`)
"""

_axe = Axe()


def login_through_form(page: Page, username: str) -> None:
    """Sign in with the real login form (in Swedish) and land on the start page."""
    response = page.goto("/accounts/login/")
    assert response is not None and response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    form = page.locator("main form[method=post]")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert urlsplit(page.url).path == "/", (
        f"{username} did not reach the start page after login: {page.url}"
    )
    expect(page.locator("header form[action='/accounts/logout/']")).to_have_count(1)


def axe_violations(page: Page, label: str) -> list[str]:
    """The serious and critical axe violations on the page, one readable line per rule."""
    results = _axe.run(page)
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] not in FAILING_IMPACTS:
            continue
        targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"])
        found.append(
            f"{label} [{violation['impact']}] {violation['id']}: {violation['help']} -> {targets}"
        )
    return found


def overflow_at_narrow_width(page: Page) -> str | None:
    """None when the page (in a NARROW_WIDTH viewport) does not scroll sideways, else what sticks out."""
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width <= NARROW_WIDTH + 1:
        return None
    culprits = page.evaluate(OVERFLOW_SCRIPT, NARROW_WIDTH)
    return f"{page.url} is {scroll_width} px wide at a {NARROW_WIDTH} px viewport; too wide: {culprits}"
