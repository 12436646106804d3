"""At 320 CSS pixels (WCAG 1.4.10 Reflow) the pages fit the screen: no sideways scrolling."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

WIDTH = 320

# The widest elements, to say what overflows when the page does.
OVERFLOW_SCRIPT = """
(width) => Array.from(document.querySelectorAll('body *'))
  .filter(el => el.getBoundingClientRect().right > width + 1)
  .filter(el => !el.closest('.table-wrap'))
  .slice(0, 8)
  .map(el => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className ? '.' + String(el.className).trim().replace(/\\s+/g, '.') : ''} (right edge ${Math.round(el.getBoundingClientRect().right)} px)`)
"""


def assert_fits(page: Page, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status == 200, f"{path}: {response.status}"
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > WIDTH + 1:
        culprits = page.evaluate(OVERFLOW_SCRIPT, WIDTH)
        pytest.fail(
            f"{path} is {scroll_width} px wide at a {WIDTH} px viewport; too wide: {culprits}"
        )


@pytest.mark.parametrize("role", ["admin", "coach"])
def test_pages_fit_320_px(role, new_context, project_urls) -> None:
    page = new_context(role, viewport={"width": WIDTH, "height": 640}).new_page()
    for path in ("/", "/projects/", project_urls["2020/00581"]):
        assert_fits(page, path)


def test_login_fits_320_px(new_context) -> None:
    page = new_context(viewport={"width": WIDTH, "height": 640}).new_page()
    assert_fits(page, "/accounts/login/")
