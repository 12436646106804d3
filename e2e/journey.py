"""Helpers of the participant-journey tests (test_journey*.py): identity numbers, form steps, axe.

The journey tests make their own people through the pages; each test uses names of its own, so
that the tests do not depend on each other or on their order.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from playwright.sync_api import BrowserContext, Locator, Page, expect
from support import axe_violations

# The server's today (settings.TIME_ZONE), which the pages show and default to.
TODAY = datetime.datetime.now(tz=ZoneInfo("Europe/Stockholm")).date()


def luhn_digit(nine_digits: str) -> int:
    """The check digit of a personnummer: Luhn over YYMMDDNNN."""
    total = 0
    for position, char in enumerate(nine_digits):
        product = int(char) * (2 if position % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return (10 - total % 10) % 10


def personnummer(born: datetime.date, serial: int, *, coordination: bool = False) -> str:
    """A valid number YYYYMMDD-NNNC. Serials 980–999 are the ones Skatteverket's published test
    numbers use, so a real person is unlikely; a samordningsnummer adds 60 to the day."""
    day = born.day + (60 if coordination else 0)
    short = f"{born:%y%m}{day:02d}{serial:03d}"
    return f"{born:%Y%m}{day:02d}-{serial:03d}{luhn_digit(short)}"


def iso(day: datetime.date) -> str:
    return day.isoformat()


def submit(page: Page, button: Locator, *, status: int | None = 200) -> int:
    """Press a form's button, wait for the page it leads to, and check that page's status."""
    with page.expect_navigation() as navigation:
        button.click()
    response = navigation.value
    answered = response.status if response is not None else 0
    if status is not None:
        assert answered == status, f"{page.url} answered {answered}, not {status}"
    return answered


def open_page(page: Page, path: str, *, status: int = 200) -> None:
    response = page.goto(path)
    assert response is not None, path
    assert response.status == status, f"{path} answered {response.status}, not {status}"


def csrf_token(page: Page) -> str:
    """The CSRF token of the page's own forms (the header's log-out form has one on every page)."""
    return page.locator("input[name=csrfmiddlewaretoken]").first.input_value()


def post_as(page: Page, path: str) -> int:
    """POST to `path` with the user's own session and a valid CSRF token: what a crafted form
    could do. Returns the status."""
    response = page.request.post(
        path,
        form={"csrfmiddlewaretoken": csrf_token(page)},
        headers={"Referer": page.url},
        max_redirects=0,
    )
    return response.status


def error_summary(page: Page) -> Locator:
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    return summary


@dataclass
class Journey:
    """The browser pages of the people in a test (one context each) and what axe found."""

    new_context: Callable[..., BrowserContext]
    pages: dict[str, Page] = field(default_factory=dict)
    violations: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    def as_(self, role: str) -> Page:
        """`role`'s page: axe needs the Content-Security-Policy bypassed to be injected."""
        if role not in self.pages:
            self.pages[role] = self.new_context(role, bypass_csp=True).new_page()
        return self.pages[role]

    def axe(self, page: Page, label: str) -> None:
        """Run axe on the page as it is now; violations are reported together at the end."""
        self.checked.append(label)
        self.violations += axe_violations(page, label)

    def assert_accessible(self) -> None:
        assert self.checked, "axe ran on no page"
        assert not self.violations, "axe violations:\n" + "\n".join(self.violations)


def section(page: Page, anchor: str) -> Locator:
    """A section of the participant page by its id (contact, goal, note, consent, ...)."""
    return page.locator(f"main section#{anchor}")


def open_add_form(page: Page, kind: str) -> Locator:
    """Open the time line's add form of `kind` (a <details>) and return its form."""
    details = section(page, kind).locator("details.add-form")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    form = details.locator("form")
    expect(form).to_be_visible()
    return form


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url).split("#", 1)[0]
