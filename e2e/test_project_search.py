"""The project search: a plain GET form without JavaScript, narrowed as you type with htmx."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect
from support import login_through_form


def test_search_works_without_javascript(new_context) -> None:
    page = new_context(java_script_enabled=False).new_page()
    login_through_form(page, "manager")  # the manager's projects are MESSA and PROGRESS
    page.goto("/projects/")
    results = page.locator("#project-results tbody")
    expect(results).to_contain_text("PROGRESS")
    page.locator("#q").fill("MESSA")
    with page.expect_navigation():
        page.locator("form[role=search] button[type=submit]").click()
    url = urlsplit(page.url)
    assert url.path == "/projects/" and parse_qs(url.query).get("q") == ["MESSA"], page.url
    expect(results).to_contain_text("MESSA")
    expect(results).not_to_contain_text("PROGRESS")


def test_search_narrows_the_table_as_you_type(new_context) -> None:
    # The site's real Content-Security-Policy applies here: htmx must work under it.
    page = new_context("manager").new_page()
    htmx_requests = []
    page.on(
        "request", lambda r: htmx_requests.append(r.url) if r.headers.get("hx-request") else None
    )
    page.goto("/projects/")
    results = page.locator("#project-results tbody")
    expect(results).to_contain_text("PROGRESS")
    page.evaluate("window.stegvisE2eMarker = 'still the same page'")
    page.locator("#q").press_sequentially("MESSA", delay=20)
    expect(results).not_to_contain_text("PROGRESS")
    expect(results).to_contain_text("MESSA")
    assert page.evaluate("window.stegvisE2eMarker") == "still the same page", (
        "the page was loaded anew"
    )
    assert htmx_requests, "no htmx request was made"
    assert parse_qs(urlsplit(htmx_requests[-1]).query).get("q") == ["MESSA"], htmx_requests
    # hx-push-url: the address can be shared and the back button works.
    expect(page).to_have_url(
        f"{urlsplit(page.url).scheme}://{urlsplit(page.url).netloc}/projects/?q=MESSA"
    )
