"""A young participant's way through school in a real browser: the coach enrolls a 15-year-old
(SE+SED), sees the warning that a guardian's consent is missing and school data refused, records
the guardian and the consent (school, KAA, registration, with the young person's agreement), the
study place on the individual alternative, attendance for two months, a Supported Education step,
the KAA referral and status, and the day she became eligible; the step stands on her time line.
The manager imports the school's attendance file (a wrong line first: nothing saved), then opens
the school report by gender (chart and table agree); the funder sees the same report with small
counts as "<5". axe on every new page state."""

from __future__ import annotations

import datetime

from journey import (
    TODAY,
    Journey,
    error_summary,
    iso,
    open_page,
    path_of,
    personnummer,
    section,
    submit,
)
from playwright.sync_api import Locator, Page, expect

PROJECT = "MESSA"  # 2020/00581
FIRST, LAST = "Ylva", "Skolsdotter"
NAME = f"{FIRST} {LAST}"
BORN = TODAY.replace(year=TODAY.year - 15, day=1)
START = TODAY - datetime.timedelta(days=150)


def month(months_back: int) -> str:
    first = TODAY.replace(day=1)
    for _ in range(months_back):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    return first.strftime("%Y-%m")


def open_add_form(page: Page, kind: str) -> Locator:
    """Open the school page's add form of `kind` (a <details>) and return its form."""
    details = page.locator(f"#add-{kind}")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    form = details.locator("form")
    expect(form).to_be_visible()
    return form


def save(page: Page, form, *, status: int = 200) -> None:  # noqa: ANN001
    submit(page, form.locator("button[type=submit]"), status=status)


def enroll_young_person(page: Page) -> str:
    open_page(page, "/participants/new/")
    with page.expect_navigation():
        page.get_by_role("link", name=PROJECT, exact=True).click()
    form = page.locator("main form[method=post]")
    form.locator("[name=person-identity_number]").fill(personnummer(BORN, 987))
    form.locator("[name=person-first_name]").fill(FIRST)
    form.locator("[name=person-last_name]").fill(LAST)
    form.locator("[name=person-gender]").select_option("K")
    form.locator("[name=consent-consent_registration]").check()
    form.get_by_label("Supported Employment", exact=True).check()
    form.get_by_label("Supported Education", exact=True).check()
    form.locator("[name=enrollment-coach]").select_option(label="Kalle Coach")
    form.locator("[name=enrollment-start_date]").fill(iso(START))
    form.locator("[name=enrollment-status_at_start]").select_option("INACTIVE")
    save(page, form)
    expect(page.locator("main h1")).to_have_text(NAME)
    return path_of(page.url)


def school_page(journey: Journey, participant_url: str) -> str:
    page = journey.as_("coach")
    open_page(page, participant_url)
    panel = section(page, "youth")
    expect(panel.locator("#guardian-consent-warning")).to_contain_text(
        "vårdnadshavares samtycke saknas"
    )
    with page.expect_navigation():
        panel.get_by_role("link", name="Skola, vårdnadshavare och KAA").click()
    expect(page.locator("main h1")).to_have_text(f"Skola och studier: {NAME}")
    warning = page.locator("main #guardian-consent-warning")
    expect(warning).to_contain_text("utbyte av skoluppgifter")
    journey.axe(page, "school page, consent missing")

    # School data are refused without the guardian's consent, with the reason in words.
    form = open_add_form(page, "studies")
    form.locator("[name=studies-school]").fill("Balderskolan")
    form.locator("[name=studies-school_form]").select_option("IM_IA")
    save(page, form, status=400)
    expect(error_summary(page)).to_contain_text(
        "inget vårdnadshavares samtycke som gäller utbyte av skoluppgifter"
    )
    journey.axe(page, "school page, studies refused")

    form = open_add_form(page, "guardian")
    form.locator("[name=guardian-name]").fill("Greta Skolsdotter")
    form.locator("[name=guardian-relation]").select_option("PARENT")
    form.locator("[name=guardian-phone]").fill("070-111 22 33")
    save(page, form)

    form = open_add_form(page, "consent")
    form.locator("[name=consent-given_on]").fill(iso(START))
    form.get_by_label("Gäller registrering och stöd i projektet").check()
    form.get_by_label("Gäller utbyte av närvaro, betyg och studieresultat med skolan").check()
    form.get_by_label("Gäller utbyte av uppgifter med kommunens aktivitetsansvar (KAA)").check()
    save(page, form, status=400)  # without the young person's own agreement
    expect(error_summary(page)).to_contain_text("Den unga måste också samtycka")
    form = open_add_form(page, "consent")
    form.locator("[name=consent-given_on]").fill(iso(START))
    form.get_by_label("Gäller registrering och stöd i projektet").check()
    form.get_by_label("Gäller utbyte av närvaro, betyg och studieresultat med skolan").check()
    form.get_by_label("Gäller utbyte av uppgifter med kommunens aktivitetsansvar (KAA)").check()
    form.get_by_label("Den unga har tillfrågats och samtycker").check()
    save(page, form)
    expect(page.locator("main #guardian-consent-warning")).to_have_count(0)
    expect(section(page, "consent")).to_contain_text("Greta Skolsdotter, lämnat")

    form = open_add_form(page, "studies")
    form.locator("[name=studies-school]").fill("Balderskolan")
    form.locator("[name=studies-school_form]").select_option("IM_IA")
    form.locator("[name=studies-programme]").fill("Individuellt alternativ")
    form.locator("[name=studies-started_on]").fill(iso(START + datetime.timedelta(days=10)))
    form.locator("[name=studies-eligible_at_start]").select_option("false")
    form.locator("[name=studies-contact_name]").fill("SYV Alva Nord")
    form.locator("[name=studies-contact_phone]").fill("0910-73 50 00")
    save(page, form)

    for months_back, percent in ((3, "60"), (1, "85,5")):
        form = open_add_form(page, "attendance")
        form.locator("[name=attendance-month]").fill(month(months_back))
        form.locator("[name=attendance-percent]").fill(percent)
        form.locator("[name=attendance-source]").select_option("SCHOOL")
        save(page, form)
    attendance = section(page, "studies").locator("tbody")
    expect(attendance).to_contain_text(month(3))
    expect(attendance).to_contain_text("85,5")

    form = open_add_form(page, "sed_step")
    form.locator("[name=sed_step-step]").select_option("SED_CHOOSE")
    form.locator("[name=sed_step-date]").fill(iso(START + datetime.timedelta(days=5)))
    save(page, form)

    form = open_add_form(page, "kaa_referral")
    form.locator("[name=kaa_referral-direction]").select_option("FROM_KAA")
    form.locator("[name=kaa_referral-referred_on]").fill(iso(START - datetime.timedelta(days=7)))
    form.locator("[name=kaa_referral-municipality]").fill("Skellefteå")
    form.locator("[name=kaa_referral-kaa_contact]").fill("KAA-samordnare, 0910-73 50 10")
    form.locator("[name=kaa_referral-reason]").fill("Har inte gått i skolan sedan i våras.")
    save(page, form)
    form = open_add_form(page, "kaa_status")
    form.locator("[name=kaa_status-status]").select_option("ACTIVITY")
    form.locator("[name=kaa_status-date]").fill(iso(START))
    save(page, form)
    expect(section(page, "kaa_referral")).to_contain_text(
        "KAA har hänvisat den unga till projektet"
    )
    expect(section(page, "kaa_status")).to_contain_text("I aktivitet")

    with page.expect_navigation():
        page.get_by_role("link", name="Ändra eller registrera resultat för Balderskolan").click()
    form = page.locator("main form[method=post]")
    form.locator("[name=eligible_on]").fill(iso(TODAY - datetime.timedelta(days=5)))
    journey.axe(page, "studies outcomes form")
    save(page, form)
    expect(section(page, "studies")).to_contain_text(
        f"Blev behörig {iso(TODAY - datetime.timedelta(days=5))}"
    )
    journey.axe(page, "school page, complete")

    # The Supported Education step stands on the time line beside SE's stages.
    open_page(page, participant_url)
    expect(section(page, "step")).to_contain_text(
        f"Supported Education: välja – {iso(START + datetime.timedelta(days=5))}"
    )
    expect(section(page, "youth")).to_contain_text("Senaste närvaro: 85,5 %")
    return page.locator("main p.muted").first.inner_text().split("·")[-1].strip()


def import_attendance(journey: Journey, code: str, project_url: str) -> None:
    page = journey.as_("manager")
    open_page(page, project_url)
    with page.expect_navigation():
        page.get_by_role("link", name="Läs in en skolas närvarofil").click()
    journey.axe(page, "attendance import page")
    for body, status in (
        (f"participant_id;month;percent\n{code};{month(2)};75\n{code};2099-01;80\n", 400),
        (f"participant_id;month;percent\n{code};{month(2)};75\n", 200),
    ):
        page.locator("[name=file]").set_input_files(
            files=[{"name": "narvaro.csv", "mimeType": "text/csv", "buffer": body.encode()}]
        )
        save(page, page.locator("main form[method=post]"), status=status)
        if status == 400:
            expect(page.locator("#import-errors")).to_contain_text(
                "Rad 3: månaden 2099-01 har inte kommit än."
            )
            journey.axe(page, "attendance import with an error")
    expect(page.locator("#import-result")).to_contain_text("Nya månader: 1")


def table_cells(page: Page) -> dict[str, list[str]]:
    rows = page.locator("#school-table tbody tr").evaluate_all(
        "rows => rows.map(r => [r.dataset.key, ...Array.from(r.querySelectorAll('td')).map(c => c.innerText.trim())])"
    )
    return {row[0]: row[1:] for row in rows}


def open_report(journey: Journey, role: str, project_url: str) -> Page:
    page = journey.as_(role)
    open_page(page, project_url)
    with page.expect_navigation():
        page.get_by_role(
            "link", name="Skolresultat: närvaro, behörighet och fullföljda studier efter kön"
        ).click()
    expect(page.locator("main h1")).to_contain_text("Skolresultat för")
    expect(page.locator("svg#school-chart")).to_have_attribute("role", "img")
    journey.axe(page, f"school report, {role}")
    return page


def test_a_young_persons_school_journey_and_the_report_by_gender(new_context, project_urls) -> None:
    journey = Journey(new_context)
    participant_url = enroll_young_person(journey.as_("coach"))
    code = school_page(journey, participant_url)
    project_url = project_urls["2020/00581"]
    import_attendance(journey, code, project_url)

    manager = open_report(journey, "manager", project_url)
    exact = table_cells(manager)
    assert int(exact["participants"][0]) >= 3  # Ylva and the demo's young women, K
    assert int(exact["became_eligible"][0]) >= 2  # Ylva and Nova
    expect(manager.locator("#small-numbers")).to_have_count(0)
    # Every bar of the chart stands for the figure in the table.
    for series, key in (("eligible", "eligible_share"), ("completed", "completed_share")):
        for column, cell in zip(("K", "M", "X", "total"), exact[key], strict=True):
            bar = manager.locator(
                f'svg#school-chart rect[data-series="{series}"][data-column="{column}"]'
            )
            if cell in ("–", ""):
                expect(bar).to_have_count(0)
            else:
                expect(bar).to_have_attribute("data-value", cell.replace(",", "."))
    expect(manager.get_by_role("link", name="CSV")).to_have_attribute("download", "")

    funder = open_report(journey, "funder", project_url)
    expect(funder.locator("#small-numbers")).to_be_visible()
    hidden = table_cells(funder)
    small = 0
    for key, cells in exact.items():
        for mine, theirs in zip(cells, hidden[key], strict=True):
            if mine.isdigit() and 0 < int(mine) < 5:
                small += 1
                assert theirs == "<5", (key, cells, hidden[key])
    assert small, "the demo's young people give some small counts to hide"
    expect(funder.locator("main")).not_to_contain_text(NAME)
    journey.assert_accessible()
