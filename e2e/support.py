"""Helpers the browser tests share (conftest.py holds the fixtures)."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

DEMO_PASSWORD = "Stegvis-demo-2026"
ROLES = ("admin", "manager", "coach", "coach2", "referral", "evaluator", "funder")


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
