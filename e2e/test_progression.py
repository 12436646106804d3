"""The pictures of progression in a real browser: the project's progression page and a
participant's charts, as the manager (every figure) and as the evaluator (small numbers hidden).

axe runs on each page with every "as a table" opened; the charts' figures must be the tables'
figures; the pages must not scroll sideways at 320 px; and a context with the site's real CSP
must see no console error (the charts use no inline style).
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from support import NARROW_WIDTH, axe_violations, overflow_at_narrow_width

PROJECT = "2020/00581"  # MESSA, with demo SKAPA assessments
LINK = "Närmare arbete: deltagarnas skattningar i bilder"
FIGURE = re.compile(r"^[+−]?\d+,\d\d$")  # +1,25 / −0,50 / 2,00


def open_progression(page: Page, project_urls: dict[str, str]) -> str:
    page.goto(project_urls[PROJECT])
    page.get_by_role("link", name=LINK).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^Närmare arbete i "))
    return page.url


def open_all_tables(page: Page) -> None:
    page.evaluate("document.querySelectorAll('main details').forEach(d => d.open = true)")


def rows_of(page: Page, selector: str) -> dict[str, list[str]]:
    rows = page.locator(f"{selector} tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.children).map(c => c.innerText.trim().replace(/\\s+/g, ' ')))"
    )
    return {row[0]: row[1:] for row in rows if row}


def test_the_manager_sees_the_project_progression(new_context, project_urls) -> None:
    page = new_context("manager", bypass_csp=True).new_page()
    url = open_progression(page, project_urls)
    problems = axe_violations(page, "progression")
    open_all_tables(page)
    problems += axe_violations(page, "progression, tables open")
    assert not problems, "axe violations:\n" + "\n".join(problems)

    # Each chart is one image with a name; the change per domain has a table with the same means.
    chart = page.locator("svg#change-by-domain")
    expect(chart).to_have_attribute("role", "img")
    expect(page.locator("svg[role=img]")).to_have_count(2 + 6)  # change, sum by method, 6 domains
    table = rows_of(page, "#change-table")
    domains = [
        "Typ av arbete",
        "Klara ett arbete",
        "Kompetens",
        "Vardag/nätverk",
        "Samarbetsförmåga",
        "Hälsa",
    ]
    means = chart.locator("circle.point--mean").evaluate_all(
        "els => els.map(e => Number(e.dataset.mean))"
    )
    assert len(means) == 6
    for name, mean in zip(domains, means, strict=True):
        participants, shown_mean, sd, interval = table[name]
        assert int(participants) >= 5, (name, table[name])
        assert FIGURE.match(shown_mean) and FIGURE.match(sd), (name, table[name])
        assert float(shown_mean.replace(",", ".").replace("−", "-")) == round(mean, 2), (
            name,
            shown_mean,
            mean,
        )
        assert " till " in interval
    assert FIGURE.match(table["Summan av områdena"][1])
    # The description says the same figures as the table.
    description = chart.locator("desc").text_content()
    assert (
        f"Kompetens: {table['Kompetens'][1]} (95 % konfidensintervall {table['Kompetens'][3]}; n = {table['Kompetens'][0]})"
        in description
    )

    # A distribution table: counts that add up to the participants.
    kompetens = page.locator("li", has=page.get_by_role("heading", name="Kompetens", exact=True))
    counts = rows_of(kompetens, "table")
    at_start = [int(cells[0].split()[0]) for value, cells in counts.items() if value.isdigit()]
    assert sum(at_start) == int(counts["Deltagare"][0]) > 0

    # Choosing a method (a GET form: no JavaScript needed) narrows the figures to it.
    page.locator("select#id_method").select_option(label="Individual Placement and Support")
    page.get_by_role("button", name="Visa").click()
    expect(
        page.get_by_role("heading", level=2, name="Individual Placement and Support")
    ).to_be_visible()
    assert "method=IPS" in page.url and page.url.startswith(url)
    page.locator("select#id_rater").select_option(label="Coachernas")
    page.get_by_role("button", name="Visa").click()
    expect(page.locator("#change-table")).to_contain_text("Tilltro (räknas inte i summan)")
    assert not axe_violations(page, "progression, coaches' ratings of IPS")


def test_the_evaluator_sees_small_numbers_hidden(new_context, project_urls) -> None:
    page = new_context("evaluator", bypass_csp=True).new_page()
    open_progression(page, project_urls)
    expect(page.locator("main")).to_contain_text("Siffror om färre än 5 deltagare visas inte")
    open_all_tables(page)
    expect(page.locator("main table").first).to_be_visible()
    # MESSA's methods have four participants each: all hidden.
    methods = rows_of(page, "section[aria-labelledby=methods-title] tbody")
    assert methods["Bostonmodellen"] == ["visas inte, för att skydda enskilda"], methods
    problems = axe_violations(page, "progression as evaluator, tables open")
    page.set_viewport_size({"width": NARROW_WIDTH, "height": 800})
    problems += axe_violations(page, "progression as evaluator at 320 px, tables open")
    assert not problems, "axe violations:\n" + "\n".join(problems)


def test_a_participants_charts(new_context) -> None:
    page = new_context("manager", bypass_csp=True).new_page()
    # Tolvan Tolvansson, the demo's test person, has several assessments; other tests add people
    # to the same caseload, so the first row is not a fixed person.
    page.goto("/participants/?q=Tolvansson")
    page.locator("#caseload-results tbody tr td a").first.click()
    page.get_by_role("link", name="Skattningar och historik").click()
    expect(page.get_by_role("heading", name="Utvecklingen i bilder")).to_be_visible()
    radar = page.locator("svg#radar-0-self")
    expect(radar).to_be_visible()
    expect(radar.locator("title")).to_have_text("Självskattning: den första och den senaste")
    open_all_tables(page)
    problems = axe_violations(page, "participant's charts, tables open")
    assert not problems, "axe violations:\n" + "\n".join(problems)

    # The radar's points are the table's first and latest ratings.
    figure = page.locator("figure", has=radar)
    table = rows_of(figure, "tbody")
    first = radar.locator(".point--first").evaluate_all("els => els.map(e => e.dataset.value)")
    latest = radar.locator(".point--latest").evaluate_all("els => els.map(e => e.dataset.value)")
    assert [cells[0] for cells in table.values()] == first
    assert [cells[1] for cells in table.values()] == latest
    assert len(first) == 6
    # One line chart per domain and tilltro.
    expect(page.locator("#pictures svg.chart--line")).to_have_count(7)
    # On a phone the wide tables scroll sideways inside boxes that take the keyboard focus.
    page.set_viewport_size({"width": NARROW_WIDTH, "height": 800})
    problems = axe_violations(page, "participant's charts at 320 px, tables open")
    assert not problems, "axe violations:\n" + "\n".join(problems)


def test_the_pages_fit_a_narrow_screen_under_the_real_csp(new_context, project_urls) -> None:
    """No sideways scrolling at 320 px, and no console error (a CSP violation would be one)."""
    page = new_context("manager", viewport={"width": NARROW_WIDTH, "height": 800}).new_page()
    url = open_progression(page, project_urls)
    assert overflow_at_narrow_width(page) is None, overflow_at_narrow_width(page)
    page.goto(url + "?method=SE%2BSED")
    assert overflow_at_narrow_width(page) is None, overflow_at_narrow_width(page)
    # Tolvan Tolvansson, the demo's test person, has several assessments; other tests add people
    # to the same caseload, so the first row is not a fixed person.
    page.goto("/participants/?q=Tolvansson")
    page.locator("#caseload-results tbody tr td a").first.click()
    page.get_by_role("link", name="Skattningar och historik").click()
    expect(page.locator("svg#radar-0-self")).to_be_visible()
    assert overflow_at_narrow_width(page) is None, overflow_at_narrow_width(page)
