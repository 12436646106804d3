"""IPS fidelity in a real browser: the evaluator of MESSA records a fidelity review with the IPS-25
(a draft saved with some items, finished when every item is rated, then locked), sees it compared
item by item with the chart and its table, and reads the routine fidelity indicators as the
aggregate version (<5); the manager sees the same indicators exactly. Axe on each page; the review
form and the indicators at 320 px; the real CSP sees no console error on the chart.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from support import NARROW_WIDTH, axe_violations, overflow_at_narrow_width

PROJECT = "2020/00581"  # MESSA: the evaluator and the manager work in it
LINK = "IPS programtrohet: granskningar och löpande indikatorer"


def open_fidelity(page: Page, project_urls: dict[str, str]) -> None:
    page.goto(project_urls[PROJECT])
    page.get_by_role("link", name=LINK).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("IPS programtrohet i")
    assert re.search(r"/fidelity/projects/[0-9a-f-]{36}/$", page.url), page.url


def no_axe_problems(page: Page, label: str) -> None:
    problems = axe_violations(page, label)
    assert not problems, "axe violations:\n" + "\n".join(problems)


def test_record_finish_compare_and_read_the_indicators(new_context, project_urls) -> None:
    page = new_context(
        "evaluator", bypass_csp=True, viewport={"width": NARROW_WIDTH, "height": 900}
    ).new_page()
    open_fidelity(page, project_urls)
    page.get_by_role("link", name="Börja en ny granskning").click()
    page.get_by_label("Granskare").fill("Eva Utvärderare och Pia Projektledare")
    page.get_by_role("button", name="Börja granskningen").click()
    expect(page.locator(".message")).to_contain_text("Granskningen är påbörjad")
    assert overflow_at_narrow_width(page) is None, overflow_at_narrow_width(page)
    no_axe_problems(page, "fidelity review draft")

    # A draft with the three staffing items, saved and continued later.
    items = page.locator("fieldset.fidelity-item")
    assert items.count() == 25
    for index in range(3):
        items.nth(index).get_by_role("radio", name=re.compile(r"^5 – ")).check()
    page.get_by_label("Anteckningar om punkt 1", exact=True).fill(
        "18 deltagare per arbetsspecialist"
    )
    page.get_by_role("button", name="Spara utkastet").click()
    expect(page.locator(".message")).to_contain_text("Utkastet är sparat.")
    expect(page.locator("dl.facts")).to_contain_text("15 hittills (3 av 25 punkter har betyg)")

    # Finishing too early names what is missing; nothing is lost.
    page.get_by_role("button", name="Spara och avsluta granskningen").click()
    expect(page.locator(".error-summary")).to_contain_text("Saknas: 4, 5")
    expect(page.get_by_label("Anteckningar om punkt 1", exact=True)).to_have_value(
        "18 deltagare per arbetsspecialist"
    )
    for index in range(3, 25):
        items.nth(index).get_by_role("radio", name=re.compile(r"^4 – ")).check()
    page.get_by_role("button", name="Spara och avsluta granskningen").click()
    expect(page.locator(".message")).to_contain_text("Granskningen är avslutad och låst.")
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("Avslutad (låst)")
    expect(facts).to_contain_text("103 av 125")  # 3 x 5 + 22 x 4
    expect(facts).to_contain_text("God programtrohet")
    expect(page.locator("fieldset.fidelity-item")).to_have_count(0)
    no_axe_problems(page, "fidelity review finished")

    # Compared over time: the chart with its table and the downloads.
    page.get_by_role("link", name="Tillbaka till granskningarna av programtrohet").click()
    page.get_by_role("link", name="Jämför granskningarna över tid").click()
    chart = page.locator("svg.fidelity-chart")
    expect(chart).to_have_attribute("role", "img")
    expect(chart.locator("circle[data-item='1']")).to_have_attribute("data-latest", "5")
    expect(page.locator("#comparison-caption")).to_be_visible()
    expect(page.get_by_role("link", name="Jämförelsen som Excelfil (XLSX)")).to_be_visible()
    no_axe_problems(page, "fidelity comparison")

    # The routine indicators, for a chosen period, as aggregates.
    page.get_by_role("link", name="Tillbaka till granskningarna av programtrohet").click()
    page.get_by_role("link", name="Löpande indikatorer: vad uppgifterna visar").click()
    page.get_by_label("Period: från").fill("2020-01-01")
    page.get_by_role("button", name="Visa").click()
    assert "start=2020-01-01" in page.url
    table = page.locator("#indicators-caption").locator("xpath=..")
    expect(table.locator("tbody tr")).to_have_count(7)
    expect(table).to_contain_text("Deltagare per coach")
    expect(page.locator("main")).to_contain_text("visas som <5")
    assert overflow_at_narrow_width(page) is None, overflow_at_narrow_width(page)
    no_axe_problems(page, "fidelity indicators as evaluator")


def test_the_manager_sees_the_indicators_exactly(new_context, project_urls) -> None:
    page = new_context("manager").new_page()  # the real CSP: a console error fails the test
    open_fidelity(page, project_urls)
    page.get_by_role("link", name="Löpande indikatorer: vad uppgifterna visar").click()
    expect(page.locator("main")).not_to_contain_text("visas som <5")
    expect(page.locator("#indicators-caption")).to_be_visible()
