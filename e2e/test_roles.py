"""Each demo role signs in, sees its own main menu, and is kept out of what is not theirs."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect
from support import ROLES, login_through_form

# Menu entries only an administrator may have, whatever else the menu grows to hold.
ADMIN_ONLY = {"/accounts/organisations/", "/accounts/users/", "/audit/"}
ADMIN_MENU = ["/projects/", "/accounts/organisations/", "/accounts/users/", "/audit/"]


def menu_hrefs(page: Page) -> list[str]:
    return [
        urlsplit(href).path
        for href in page.locator("nav.main-nav a").evaluate_all("els => els.map(e => e.href)")
    ]


@pytest.mark.parametrize("role", ROLES)
def test_role_sees_its_menu_and_nothing_more(role, server, new_context, project_urls) -> None:
    page = new_context(role).new_page()
    response = page.goto("/")
    assert response is not None and response.status == 200
    menu = menu_hrefs(page)
    assert menu == server.menus[role], (
        f"{role}'s main menu {menu} is not what navigation.py declares"
    )
    if role == "admin":
        assert [href for href in menu if href in ADMIN_MENU] == ADMIN_MENU
    else:
        assert "/projects/" in menu
        assert not ADMIN_ONLY & set(menu), f"{role} sees admin entries: {ADMIN_ONLY & set(menu)}"
    # The menu entries open, and mark themselves as the current page.
    for href in menu:
        assert page.goto(href).status == 200, f"{role}: menu entry {href} does not open"
        expect(page.locator(f"nav.main-nav a[href='{href}']")).to_have_attribute(
            "aria-current", "page"
        )
    if role == "admin":
        return

    # The audit trail is for administrators: others get the 403 page, with a way back.
    response = page.goto("/audit/")
    assert response is not None and response.status == 403, (
        f"{role} opened /audit/: {response.status}"
    )
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator("main a[href='/']")).to_be_visible()

    # 2020/00085 Arbetsspår has no staff from the demo organisations: for them it does not exist.
    url = project_urls["2020/00085"]
    response = page.goto(url)
    assert response is not None and response.status == 404, (
        f"{role} opened {url}: {response.status}"
    )
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Arbetsspår")


def test_admin_can_open_arbetsspar(new_context, project_urls) -> None:
    page = new_context("admin").new_page()
    assert page.goto(project_urls["2020/00085"]).status == 200
    expect(page.locator("main h1")).to_contain_text("Arbetsspår")


def test_log_out(new_context) -> None:
    # A sign-in of its own: logging out ends the session that other tests share otherwise.
    page = new_context().new_page()
    login_through_form(page, "funder")
    with page.expect_navigation():
        page.locator("header form[action='/accounts/logout/'] button").click()
    assert urlsplit(page.url).path == "/accounts/login/"
    expect(page.locator("header form[action='/accounts/logout/']")).to_have_count(0)
    page.goto("/projects/")
    assert urlsplit(page.url).path == "/accounts/login/", "the session survived logging out"
