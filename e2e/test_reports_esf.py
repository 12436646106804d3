"""The ESF+ indicators in a real browser: the project manager sees every figure, the funder (a
steering group member) the same table with the counts from 1 to 4 shown as "<5". axe on each."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from support import axe_violations

PROJECT = "2020/00581"
LINK = "ESF+-indikatorer: rapporten till ESF-rådet"


def open_esf(page: Page, project_urls: dict[str, str]) -> None:
    page.goto(project_urls[PROJECT])
    page.get_by_role("link", name=LINK).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("ESF+-indikatorer för")


def esf_cells(page: Page) -> dict[str, list[str]]:
    rows = page.locator("#esf-caption ~ tbody tr").evaluate_all(
        "rows => rows.filter(r => r.children.length === 6)"
        ".map(r => Array.from(r.children).map(c => c.innerText.trim()))"
    )
    return {row[0]: row[2:] for row in rows}


def test_the_manager_and_the_funder_see_their_version(new_context, project_urls) -> None:
    manager = new_context("manager").new_page()
    open_esf(manager, project_urls)
    assert not (problems := axe_violations(manager, "esf, manager")), "\n".join(problems)
    exact = esf_cells(manager)
    assert len(exact) == 17 and "EECO01" in exact and "EECR05" in exact
    assert all(cell.isdigit() for cells in exact.values() for cell in cells), exact
    expect(manager.get_by_text("visas som <5")).to_have_count(0)

    funder = new_context("funder").new_page()
    open_esf(funder, project_urls)
    assert not (problems := axe_violations(funder, "esf, funder")), "\n".join(problems)
    hidden = esf_cells(funder)
    expect(funder.get_by_text("visas som <5", exact=False)).to_be_visible()
    small = 0
    for code, cells in exact.items():
        for mine, theirs in zip(cells, hidden[code], strict=True):
            if 0 < int(mine) < 5:
                small += 1
                assert theirs == "<5", (code, cells, hidden[code])
            else:
                assert theirs == mine, (code, cells, hidden[code])
    assert small, "the demo data should have some small counts to hide"

    # A period narrows the figures; the download links keep it.
    funder.get_by_label("Från och med").fill("2020-01-01")
    funder.get_by_label("Till och med").fill("2020-12-31")
    funder.get_by_role("button", name="Visa").click()
    expect(funder.get_by_text("Period: 2020-01-01 till och med 2020-12-31.")).to_be_visible()
    href = funder.get_by_role("link", name="ESF+-indikatorerna som CSV-fil").get_attribute("href")
    assert href and "start=2020-01-01" in href and "end=2020-12-31" in href


def test_the_outcomes_page_for_the_manager_and_the_funder(new_context, project_urls) -> None:
    for role in ("manager", "funder"):
        page = new_context(role).new_page()
        page.goto(project_urls[PROJECT])
        page.get_by_role("link", name="Utfall: arbete, coacher och försörjning").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Utfall för")
        page.get_by_role("textbox", name="Kvartal").fill("2020Q4")
        page.get_by_role("button", name="Visa").click()
        expect(page.get_by_role("heading", level=2).first).to_have_text("Arbete och coacher 2020Q4")
        assert not (problems := axe_violations(page, f"outcomes, {role}")), "\n".join(problems)
        notice = page.get_by_text("visas som <5", exact=False)
        expect(notice).to_have_count(0 if role == "manager" else 1)
