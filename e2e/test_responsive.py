"""At 320 CSS pixels (WCAG 1.4.10 Reflow) the pages fit the screen: no sideways scrolling."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from support import NARROW_WIDTH, overflow_at_narrow_width

WIDTH = NARROW_WIDTH


def assert_fits(page: Page, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status == 200, f"{path}: {response.status}"
    problem = overflow_at_narrow_width(page)
    if problem:
        pytest.fail(problem)


@pytest.mark.parametrize("role", ["admin", "coach"])
def test_pages_fit_320_px(role, new_context, project_urls) -> None:
    page = new_context(role, viewport={"width": WIDTH, "height": 640}).new_page()
    for path in ("/", "/projects/", project_urls["2020/00581"]):
        assert_fits(page, path)


def test_login_fits_320_px(new_context) -> None:
    page = new_context(viewport={"width": WIDTH, "height": 640}).new_page()
    assert_fits(page, "/accounts/login/")
