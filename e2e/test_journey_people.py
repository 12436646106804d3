"""People registered twice: a number already registered finds the person again; the same name and
birth year in two projects is listed as a possible duplicate, and the manager merges the records.
"""

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
    submit,
)
from playwright.sync_api import Page, expect

START = TODAY - datetime.timedelta(days=30)


def enroll_directly(
    journey: Journey,
    role: str,
    project: str,
    *,
    first: str,
    last: str,
    gender: str,
    coach: str,
    number: str = "",
    birth_year: int | None = None,
) -> Page:
    """`role` enrolls a person in `project` from the participants page, without a referral."""
    page = journey.as_(role)
    open_page(page, "/participants/")
    with page.expect_navigation():
        page.get_by_role("link", name="Skriv in en deltagare").click()
    with page.expect_navigation():
        page.get_by_role("link", name=project, exact=True).click()
    expect(page.locator("main h1")).to_have_text(f"Skriv in en deltagare i {project}")
    form = page.locator("main form[method=post]")
    form.locator("[name=person-identity_number]").fill(number)
    form.locator("[name=person-first_name]").fill(first)
    form.locator("[name=person-last_name]").fill(last)
    if birth_year is not None:
        form.locator("[name=person-birth_year]").fill(str(birth_year))
    form.locator("[name=person-gender]").select_option(gender)
    form.locator("[name=consent-consent_registration]").check()
    form.get_by_label("Individual Placement and Support", exact=True).check()
    form.locator("[name=enrollment-coach]").select_option(label=coach)
    form.locator("[name=enrollment-start_date]").fill(iso(START))
    form.locator("[name=enrollment-status_at_start]").select_option("UNEMPLOYED")
    submit(page, form.locator("button[type=submit]"))
    expect(page.locator(".messages")).to_contain_text(f"deltar i {project}")
    return page


def test_a_duplicate_is_listed_and_the_manager_merges_it(new_context) -> None:
    journey = Journey(new_context)
    name = "Ebba Dubbelgren"

    # Without the person's consent, only birth year and gender may be registered.
    page = journey.as_("coach")
    open_page(page, "/participants/")
    with page.expect_navigation():
        page.get_by_role("link", name="Skriv in en deltagare").click()
    with page.expect_navigation():
        page.get_by_role("link", name="MESSA", exact=True).click()
    form = page.locator("main form[method=post]")
    form.locator("[name=person-first_name]").fill("Ebba")
    form.locator("[name=person-birth_year]").fill("1987")
    form.get_by_label("Individual Placement and Support", exact=True).check()
    form.locator("[name=enrollment-coach]").select_option(label="Kalle Coach")
    submit(page, form.locator("button[type=submit]"))
    expect(error_summary(page)).to_contain_text("Utan personens samtycke")
    journey.axe(page, "enrollment without consent, with a name")

    # The same person, without a number, registered in MESSA by Kalle and in PROGRESS by Karin.
    messa = enroll_directly(journey, "coach", "MESSA", first="Ebba", last="Dubbelgren",
                            birth_year=1987, gender="K", coach="Kalle Coach")  # fmt: skip
    messa_url = path_of(messa.url)
    progress = enroll_directly(journey, "coach2", "PROGRESS", first="Ebba", last="Dubbelgren",
                               birth_year=1987, gender="K", coach="Karin Handledare")  # fmt: skip
    progress_url = path_of(progress.url)
    journey.axe(progress, "participant enrolled directly")

    page = journey.as_("manager")
    open_page(page, "/participants/")
    with page.expect_navigation():
        page.get_by_role("link", name="Möjliga dubbletter").click()
    group = page.locator("main section.card", has=page.locator("h2", has_text=name))
    expect(group).to_have_count(1)
    expect(group.locator("h2")).to_have_text(f"{name} (1987)")
    expect(group.locator("li")).to_have_count(2)
    journey.axe(page, "possible duplicates")
    submit(page, group.get_by_role("button", name=f"Slå ihop posten från {iso(TODAY)}"))
    expect(page.locator(".messages")).to_contain_text("Posterna är ihopslagna")
    expect(page.locator("main section.card", has=page.locator("h2", has_text=name))).to_have_count(
        0
    )
    journey.axe(page, "possible duplicates after the merge")

    # One person now, taking part in two projects: the manager sees both participations ...
    open_page(page, progress_url)
    other = page.locator("main section[aria-labelledby=other-title]")
    expect(other).to_contain_text("MESSA")
    open_page(page, messa_url)
    expect(page.locator("main section[aria-labelledby=other-title]")).to_contain_text("PROGRESS")
    # ... each coach only their own.
    coach2 = journey.as_("coach2")
    open_page(coach2, progress_url)
    expect(coach2.locator("main h1")).to_have_text(name)
    expect(coach2.locator("main section[aria-labelledby=other-title]")).to_have_count(0)
    open_page(coach2, messa_url, status=404)

    # The merge is in the person's audit trail.
    admin = journey.as_("admin")
    open_page(admin, messa_url)
    with admin.expect_navigation():
        admin.get_by_role("link", name="Vem har läst och ändrat personens uppgifter").click()
    merged = admin.locator("main table tbody tr", has_text="person.merged_from")
    expect(merged).to_have_count(1)
    expect(merged.locator("td").nth(1)).to_have_text("manager")
    journey.assert_accessible()


def test_a_registered_number_finds_the_person_again(new_context) -> None:
    journey = Journey(new_context)
    # A samordningsnummer: the day plus 60.
    number = personnummer(datetime.date(1979, 11, 5), 987, coordination=True)
    enroll_directly(journey, "coach", "MESSA", first="Tore", last="Nummersson", number=number,
                    gender="M", coach="Kalle Coach")  # fmt: skip
    # Karin writes the name differently; the number finds the person Kalle registered.
    page = enroll_directly(journey, "coach2", "PROGRESS", first="Thore", last="Numersson",
                           number=number, gender="M", coach="Karin Handledare")  # fmt: skip
    expect(page.locator(".messages")).to_contain_text("Personen fanns redan i Stegvis")
    expect(page.locator("main h1")).to_have_text("Tore Nummersson")
    expect(page.locator("#identity-number")).to_have_text("19791165-****")
    # Not a duplicate: there is one record.
    manager = journey.as_("manager")
    open_page(manager, "/participants/duplicates/")
    expect(manager.locator("main")).not_to_contain_text("Nummersson")
    open_page(manager, "/participants/?q=Nummersson&status=all")
    rows = manager.locator("#caseload-results tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="MESSA")).to_have_count(1)
    expect(rows.filter(has_text="PROGRESS")).to_have_count(1)
