"""The method comparison in a real browser: the manager sees every figure and curve, the funder the
aggregate version (counts under 5 as "<5", no curve for a method under 5); axe on each page, and a
context with the site's real CSP must see no console error (the chart uses no inline style).
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from support import axe_violations

PROJECT = "2020/00581"  # MESSA: demo participants with methods and competitive jobs
LINK = "Jämförelse av metoder: vilket stöd leder till arbete"


def open_methods(page: Page, project_urls: dict[str, str]) -> None:
    page.goto(project_urls[PROJECT])
    page.get_by_role("link", name=LINK).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(LINK)
    assert re.search(r"/reports/methods/\?project=[0-9a-f-]{36}$", page.url), page.url


def test_the_manager_sees_every_figure(new_context, project_urls) -> None:
    page = new_context("manager", bypass_csp=True).new_page()
    open_methods(page, project_urls)
    expect(page.locator("main")).not_to_contain_text("<5")
    rows = page.locator("#methods-caption").locator("xpath=..").locator("tbody tr")
    assert rows.count() >= 2
    # Every method has its curve in the chart, with the table beside it.
    expect(page.locator("svg#km-chart")).to_have_attribute("role", "img")
    assert page.locator("svg#km-chart polyline.series").count() == rows.count()
    # The as-of date is a GET form: no JavaScript needed.
    page.locator("#id_as_of").fill("2024-06-30")
    page.get_by_role("button", name="Visa").click()
    assert "as_of=2024-06-30" in page.url
    expect(page.locator("main")).to_contain_text("Siffrorna gäller den 2024-06-30.")
    problems = axe_violations(page, "method comparison as manager")
    assert not problems, "axe violations:\n" + "\n".join(problems)


def test_the_funder_sees_the_aggregate_version(new_context, project_urls) -> None:
    page = new_context("funder", bypass_csp=True).new_page()
    open_methods(page, project_urls)
    expect(page.locator("main")).to_contain_text("Antal under 5 visas som <5")
    expect(page.locator("main")).to_contain_text(
        "Vad siffrorna betyder, och vad de inte kan bevisa"
    )
    problems = axe_violations(page, "method comparison as funder")
    assert not problems, "axe violations:\n" + "\n".join(problems)
    # No person on the page, and the file holds the same aggregate version.
    expect(page.locator("main")).not_to_contain_text("Tolvansson")
    expect(page.locator("main a[href*='/participants/']")).to_have_count(0)
    with page.expect_download() as download:
        page.get_by_role("link", name="Siffrorna som CSV-fil").click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    assert text.startswith("Metod;Kod;"), text[:200]
    rows = page.locator("#methods-caption").locator("xpath=..").locator("tbody tr").count()
    assert len([line for line in text.splitlines()[1:] if line]) >= rows


def test_the_chart_needs_no_inline_style(new_context, project_urls) -> None:
    page = new_context("manager").new_page()  # the real CSP: a console error fails the test
    open_methods(page, project_urls)
    expect(page.locator("main h2").first).to_be_visible()
