"""The ESF+ indicators in a real browser: the project manager sees every figure, the funder (a
steering group member) the same table with the counts from 1 to 4 shown as "<5" (and "x" where a
total would give one away), charts without a bar for a hidden figure, the PDF for the funder, and
the ESF+ of all my projects computed by the background worker. The funder never sees a person.
axe on each."""

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


def bar_values(page: Page, chart: str = "main svg") -> list[float]:
    return page.locator(f"{chart} rect.bar").evaluate_all(
        "bars => bars.map(b => parseFloat(b.dataset.value))"
    )


def no_person_shown(page: Page) -> None:
    """A report page for someone who sees aggregates only: no participant's name, no link to one."""
    expect(page.locator("main")).not_to_contain_text("Tolvansson")
    expect(page.locator("main a[href*='/participants/']")).to_have_count(0)


def download_bytes(page: Page, link_name: str) -> bytes:
    with page.expect_download() as download:
        page.get_by_role("link", name=link_name).click()
    return download.value.path().read_bytes()


def test_the_manager_and_the_funder_see_their_version(new_context, project_urls) -> None:
    manager = new_context("manager").new_page()
    open_esf(manager, project_urls)
    assert not (problems := axe_violations(manager, "esf, manager")), "\n".join(problems)
    exact = esf_cells(manager)
    assert len(exact) == 17 and "EECO01" in exact and "EECR05" in exact
    assert all(cell.isdigit() for cells in exact.values() for cell in cells), exact
    expect(manager.get_by_text("visas som <5")).to_have_count(0)
    expect(manager.locator("svg#esf-output-chart")).to_have_attribute("role", "img")
    assert any(0 < v < 5 for v in bar_values(manager)), "the manager's chart shows small counts"

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
            else:  # shown, or hidden as "x" so that a total does not give a "<5" away
                assert theirs in (mine, "x"), (code, cells, hidden[code])
    assert small, "the demo data should have some small counts to hide"
    # No bar for a hidden figure: every bar drawn stands for 5 or more.
    expect(funder.locator("svg#esf-result-chart")).to_be_visible()
    assert all(v >= 5 for v in bar_values(funder)), bar_values(funder)
    no_person_shown(funder)
    pdf = download_bytes(
        funder, "Rapporten till finansiären som PDF: indikatorerna, planen och kvartalets utfall"
    )
    assert pdf.startswith(b"%PDF-") and b"/Lang (sv)" in pdf

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
        expect(page.locator("svg#outcomes-share-chart")).to_have_attribute("role", "img")
        if role == "funder":
            counts = bar_values(page, "svg#outcomes-income-chart")  # the other chart: shares
            assert all(v >= 5 for v in counts), counts
            no_person_shown(page)


def test_the_esf_of_all_my_projects_runs_in_the_background(new_context, project_urls) -> None:
    """The manager and the funder each ask for the ESF+ of all their projects; the worker
    computes it while the page shows how far it has come; the funder's version hides 1–4."""
    for role in ("manager", "funder"):
        page = new_context(role).new_page()
        page.goto(project_urls[PROJECT])
        page.get_by_role(
            "link", name="ESF+-indikatorerna för alla mina projekt tillsammans"
        ).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "ESF+-indikatorer för alla mina projekt"
        )
        assert not (problems := axe_violations(page, f"esf all, {role}")), "\n".join(problems)
        page.get_by_role("button", name="Räkna fram rapporten").click()
        expect(page.get_by_text("Rapporten är klar.")).to_be_visible(timeout=60_000)
        assert not (problems := axe_violations(page, f"esf job, {role}")), "\n".join(problems)
        cells = [c for row in esf_cells(page).values() for c in row]
        assert len(cells) == 17 * 4
        if role == "manager":
            assert all(c.isdigit() for c in cells), cells
        else:
            assert all(c in ("<5", "x") or int(c) == 0 or int(c) >= 5 for c in cells), cells
            assert "<5" in cells
            assert all(v >= 5 for v in bar_values(page)), bar_values(page)
            no_person_shown(page)
            assert download_bytes(page, "Rapporten som PDF").startswith(b"%PDF-")
