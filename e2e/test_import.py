"""A large import as a project manager: upload participants.csv, read the check, confirm, and the
background worker (started beside the server by conftest.py) imports it while the job's page shows
a progress bar that htmx keeps up to date; without JavaScript an Update link does the same.

The files go into PROGRESS (2020/00553), which `manager` manages, with participant ids of their
own and no coach or personnummer, as participants who left in 2024: the caseloads list them last,
and the other tests' participants, caseloads and "taking part now" stay as they were.
"""

from __future__ import annotations

import csv
import io
import re
import time

from playwright.sync_api import Page, expect
from support import axe_violations, login_through_form

PROJECT = "2020/00553"
HEADER = ["participant_id", "project", "gender", "birth_year", "municipality", "method"]
HEADER += ["start_date", "end_date", "exit_status", "status_at_start"]
JOB_PATH = re.compile(r"/exchange/import/jobs/[0-9a-f-]{36}/$")
DONE = "Importen är klar."
IMPORT_TIMEOUT_MS = 60_000


def participants_csv(prefix: str, count: int) -> bytes:
    """participants.csv with `count` valid new participants of PROGRESS."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for n in range(count):
        writer.writerow(
            [f"{prefix}-{n:05d}", PROJECT, "KMX"[n % 3], 1960 + n % 40, "2482", "SE"]
            + ["2024-02-01", "2024-06-30", "JOB_SEARCHING", "UNEMPLOYED"]
        )
    return out.getvalue().encode()


def expect_counts(page: Page, caption: str, participants: list[str]) -> None:
    """The new, changed and unchanged participants in the table with this caption."""
    row = page.locator("table", has_text=caption).locator("tbody tr", has_text="Deltagare")
    expect(row.locator("td")).to_have_text(participants)


def upload_and_confirm(page: Page, prefix: str, count: int) -> str:
    """Upload the file, read the check, confirm; returns the job page's path."""
    page.goto("/exchange/import/")
    expect(page.locator("h1")).to_have_text("Importera deltagare")
    option = page.locator("select[name=project] option", has_text=PROJECT)
    page.locator("select[name=project]").select_option(option.get_attribute("value"))
    page.locator("input[name=files]").set_input_files(
        {"name": "deltagare.csv", "mimeType": "text/csv", "buffer": participants_csv(prefix, count)}
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Kontrollera filerna").click()
    expect(page.locator("h1")).to_have_text("Kontroll av filerna")
    expect_counts(page, "Vad importen kommer att göra", [str(count), "0", "0"])
    expect(page.locator("main")).to_contain_text("importen görs i bakgrunden")
    with page.expect_navigation():
        page.get_by_role("button", name="Importera", exact=True).click()
    assert JOB_PATH.search(page.url), page.url
    return JOB_PATH.search(page.url).group(0)


def test_a_large_import_runs_in_the_background_with_a_progress_bar(new_context) -> None:
    # The site's real Content-Security-Policy applies: htmx must poll under it.
    page = new_context("manager").new_page()
    polls: list[str] = []
    page.on("request", lambda r: polls.append(r.url) if r.headers.get("hx-request") else None)
    started = time.monotonic()
    upload_and_confirm(page, "BG", 3000)
    confirmed = time.monotonic()
    expect(page.locator("h1")).to_have_text("Import av deltagare")
    progress = page.locator("progress")
    expect(progress).to_be_visible()
    expect(progress).to_have_attribute("max", "3000")
    expect(page.locator("#import-job")).to_have_attribute("aria-live", "polite")
    page.evaluate("window.stegvisE2eMarker = 'still the same page'")

    label = page.locator("#import-job-label")
    expect(label).to_have_text(DONE, timeout=IMPORT_TIMEOUT_MS)
    done = time.monotonic()
    print(
        f"\n3000 rows: check {confirmed - started:.1f} s (upload, check, confirm), "
        f"confirm to done on the page {done - confirmed:.1f} s"
    )
    assert page.evaluate("window.stegvisE2eMarker") == "still the same page", "the page reloaded"
    assert polls, "htmx did not poll the job's status"
    expect(progress).to_have_count(0)
    expect(page.locator("#import-job-hints")).to_have_count(0)
    expect_counts(page, "Vad importen gjorde", ["3000", "0", "0"])
    # The last answer stopped the polling.
    count = len(polls)
    page.wait_for_timeout(4_500)
    assert len(polls) == count, f"htmx kept polling after the job ended: {polls[count:]}"

    to_project = page.get_by_role("link", name=re.compile("^Till "))
    name = to_project.inner_text().removeprefix("Till ")
    with page.expect_navigation():
        to_project.click()
    expect(page.locator("h1")).to_have_text(f"Deltagare i {name}")


def test_the_job_page_passes_axe_while_running_and_when_done(new_context) -> None:
    page = new_context("manager", bypass_csp=True).new_page()
    upload_and_confirm(page, "AX", 3000)
    problems = axe_violations(page, "import job, waiting or running")
    expect(page.locator("#import-job-label")).to_have_text(DONE, timeout=IMPORT_TIMEOUT_MS)
    problems += axe_violations(page, "import job, done")
    page.reload()
    problems += axe_violations(page, "import job, done (loaded anew)")
    assert not problems, "\n".join(problems)


def test_without_javascript_the_update_link_follows_the_job(new_context) -> None:
    page = new_context(java_script_enabled=False).new_page()
    login_through_form(page, "manager")
    path = upload_and_confirm(page, "NJ", 600)
    label = page.locator("#import-job-label")
    deadline = time.monotonic() + IMPORT_TIMEOUT_MS / 1000
    while DONE not in label.inner_text():
        assert time.monotonic() < deadline, f"the import did not end: {label.inner_text()}"
        expect(page.locator("progress")).to_have_count(1)
        page.wait_for_timeout(500)
        with page.expect_navigation():
            page.get_by_role("link", name="Uppdatera sidan").click()
        assert page.url.endswith(path), page.url
    expect(page.get_by_role("link", name="Uppdatera sidan")).to_have_count(0)
    expect_counts(page, "Vad importen gjorde", ["600", "0", "0"])
