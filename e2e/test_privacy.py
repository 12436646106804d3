"""A person's data rights in a real browser: the manager opens Tolvan Tolvansson, prints the access
history ("vem har läst mina uppgifter", print CSS, PDF) and downloads the register extract as PDF
and JSON; a coach cannot open the page; axe on each page, at 320 px too.
"""

from __future__ import annotations

import json
import re

from playwright.sync_api import expect
from support import axe_violations, overflow_at_narrow_width

RIGHTS_LINK = "Personens rättigheter: åtkomsthistorik, registerutdrag, radering"


def test_the_manager_prints_the_access_history_and_downloads_the_register_extract(
    new_context,
) -> None:
    page = new_context("manager", bypass_csp=True).new_page()
    page.goto("/participants/?q=Tolvansson")
    page.locator("#caseload-results tbody tr td a").first.click()
    page.get_by_role("link", name=RIGHTS_LINK).click()
    assert re.search(r"/privacy/people/[0-9a-f-]{36}/$", page.url), page.url
    rights_url = page.url
    expect(page.get_by_role("heading", level=1)).to_have_text("Personens rättigheter")
    expect(page.locator("main")).to_contain_text("19121212-****")
    problems = axe_violations(page, "the person's data rights")

    # The access history: the manager's own visit to the participant page is in it.
    page.get_by_role("link", name="Visa åtkomsthistoriken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Vem har läst eller ändrat dina uppgifter"
    )
    table = page.locator("table:has(#history-caption)")
    expect(table.locator("thead th")).to_have_text(
        ["När", "Vem", "Organisation", "Vilka uppgifter", "Läst eller ändrat"]
    )
    reads = table.locator("tbody tr", has_text="Deltagande i projektet").filter(has_text="Läst")
    assert reads.count() >= 1
    expect(table.locator("tbody tr").last).to_contain_text("Rättigheter")  # showing it is logged
    problems += axe_violations(page, "access history")

    # Printed: the print style sheet leaves only the list (no menu, no links to other pages).
    page.emulate_media(media="print")
    expect(page.locator("header.site-header")).to_be_hidden()
    expect(page.get_by_role("link", name="Åtkomsthistorik som PDF")).to_be_hidden()
    expect(table).to_be_visible()
    pdf = page.pdf()  # what the browser's print command makes
    assert pdf.startswith(b"%PDF") and len(pdf) > 2000
    page.emulate_media(media="screen")
    with page.expect_download() as download:
        page.get_by_role("link", name="Åtkomsthistorik som PDF").click()
    assert download.value.path().read_bytes().startswith(b"%PDF")
    assert download.value.suggested_filename == "atkomsthistorik.pdf"

    # The register extract, as PDF for the person and as JSON.
    page.goto(rights_url)
    with page.expect_download() as download:
        page.get_by_role("link", name="Registerutdrag som PDF").click()
    assert download.value.path().read_bytes().startswith(b"%PDF")
    with page.expect_download() as download:
        page.get_by_role("link", name="Registerutdrag som JSON").click()
    extract = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert extract["format"] == "stegvis-registerutdrag"
    assert extract["person"]["last_name"] == "Tolvansson"
    assert extract["person"]["identity_number"] == "191212121212"
    assert any(e["participant_code"] for e in extract["enrollments"])
    assert any(
        row["action"] == "privacy.extract_downloaded" for row in extract["access_history"]
    ) or any(row["action"] == "privacy.access_history_viewed" for row in extract["access_history"])

    # At 320 px the pages do not scroll sideways (the history's table scrolls in its own box).
    page.set_viewport_size({"width": 320, "height": 800})
    for url in (rights_url, rights_url + "access-history/"):
        page.goto(url)
        assert overflow_at_narrow_width(page) is None, overflow_at_narrow_width(page)
    assert not problems, "axe violations:\n" + "\n".join(problems)

    # A coach may not hand out extracts: 403 on the page itself.
    coach = new_context("coach", bypass_csp=True).new_page()
    response = coach.goto(rights_url)
    assert response is not None and response.status == 403
