"""Work with employers, as the coach (`coach`, MESSA): register an employer, log contacts, add an
opening, see the participants ranked with the reasons, record a hire from the best match, and log
support after it. The coach's demo participants have vocational profiles (employers/demo.py).
Axe runs on every page on the way; coach2 (another project's organisation) gets 404 on the
employer.

The names are this test's own, so it depends on no other test.
"""

from __future__ import annotations

from journey import Journey, error_summary, open_page, path_of, submit
from playwright.sync_api import expect

EMPLOYER = "Verkstan i Byn E2E AB"
ORG_NUMBER = "559900-3018"  # made up, with a valid check digit
TITLE = "Lagerarbetare E2E"


def test_coach_works_with_an_employer_from_contact_to_support_after_hire(new_context) -> None:
    journey = Journey(new_context)
    page = journey.as_("coach")

    # The register, and a new employer.
    open_page(page, "/employers/")
    expect(page.locator("main h1")).to_have_text("Arbetsgivare")
    journey.axe(page, "employer register")
    with page.expect_navigation():
        page.get_by_role("link", name="Lägg in en arbetsgivare").click()
    journey.axe(page, "employer form")
    form = page.locator("main form[method=post]")
    form.locator("[name=name]").fill(EMPLOYER)
    form.locator("[name=org_number]").fill("5599003019")  # a wrong check digit first
    submit(page, form.locator("button[type=submit]"), status=400)
    expect(error_summary(page)).to_contain_text("inte ett giltigt organisationsnummer")
    journey.axe(page, "employer form with an error")
    form = page.locator("main form[method=post]")
    form.locator("[name=org_number]").fill(ORG_NUMBER)
    form.locator("[name=sector]").select_option("PRIVATE")
    form.locator("[name=industry]").fill("Lager och logistik")
    form.locator("[name=municipality_code]").fill("2482")
    submit(page, form.locator("button[type=submit]"))
    expect(page.locator("main h1")).to_have_text(EMPLOYER)
    employer_url = path_of(page.url)
    journey.axe(page, "employer page")

    # The same organisation number finds the employer again.
    open_page(page, "/employers/new/")
    form = page.locator("main form[method=post]")
    form.locator("[name=name]").fill("Verkstan (dubblett)")
    form.locator("[name=org_number]").fill(ORG_NUMBER.replace("-", ""))
    submit(page, form.locator("button[type=submit]"))
    assert path_of(page.url) == employer_url
    expect(page.locator(".messages")).to_contain_text("fanns redan i registret")

    # A contact person and two contacts: a job development meeting and a call.
    details = page.locator("section#person details.add-form")
    details.locator("summary").click()
    details.locator("[name=person-name]").fill("Stina Platschef")
    details.locator("[name=person-role]").fill("Platschef")
    submit(page, details.locator("button[type=submit]"))
    for kind, note in (("JOB_DEVELOPMENT", "Pratade om vilka uppgifter som finns."), ("PHONE", "")):
        details = page.locator("section#contact details.add-form")
        details.locator("summary").click()
        details.locator("[name=contact-kind]").select_option(kind)
        if kind == "JOB_DEVELOPMENT":
            details.locator("[name=contact-person]").select_option(
                label="Stina Platschef (Platschef)"
            )
        details.locator("[name=contact-minutes]").fill("45")
        details.locator("[name=contact-note]").fill(note)
        submit(page, details.locator("button[type=submit]"))
    contacts = page.locator("section#contact table tbody tr")
    expect(contacts).to_have_count(2)
    expect(page.locator("section#contact")).to_contain_text("Jobbutvecklingsmöte")
    journey.axe(page, "employer page with contacts")

    open_page(page, "/employers/contacts/")
    expect(page.locator("main table tbody")).to_contain_text("Kalle Coach")
    journey.axe(page, "employer contacts per week")

    # An opening, and the participants who fit it best.
    open_page(page, employer_url)
    with page.expect_navigation():
        page.get_by_role("link", name="Lägg till ett ledigt jobb").click()
    journey.axe(page, "opening form")
    form = page.locator("main form[method=post]")
    form.locator("[name=title]").fill(TITLE)
    form.locator("[name=ssyk]").select_option("4321")
    form.locator("[name=hours_per_week]").fill("20")
    form.locator("[name=requirements]").fill("Truckkort är meriterande")
    submit(page, form.locator("button[type=submit]"))
    expect(page.locator("main h1")).to_have_text(TITLE)
    candidates = page.locator("section#candidates ol > li")
    assert candidates.count() >= 2, "the coach's participants with a profile are ranked"
    scores = [int(text) for text in page.locator("section#candidates .score").all_inner_texts()]
    assert scores == sorted(scores, reverse=True), scores
    first = candidates.first
    expect(first.locator(".reasons li").first).to_be_visible()
    expect(first).to_contain_text("Timmar")
    opening_url = path_of(page.url)
    journey.axe(page, "opening with ranked participants")

    # The participant's side: the profile and the openings that fit.
    with page.expect_navigation():
        first.locator("h3 a").click()
    expect(page.locator("main h1")).to_contain_text("Yrkesprofil")
    journey.axe(page, "vocational profile")
    with page.expect_navigation():
        page.get_by_role("link", name="Lediga jobb som passar").click()
    expect(page.locator("main")).to_contain_text(TITLE)
    journey.axe(page, "openings that fit the participant")

    # Record a hire from the best match.
    open_page(page, opening_url)
    name = page.locator("section#candidates ol > li").first.locator("h3 a").inner_text()
    with page.expect_navigation():
        page.locator("section#candidates ol > li").first.get_by_role(
            "link", name="Skriv in en anställning"
        ).click()
    expect(page.locator("main")).to_contain_text(name)
    journey.axe(page, "hire form")
    form = page.locator("main form[method=post]")
    submit(page, form.locator("button[type=submit]"), status=400)  # competitive not chosen
    error_summary(page)
    form = page.locator("main form[method=post]")
    form.get_by_label("Ja").check()
    form.locator("[name=subsidy]").select_option("NONE")
    submit(page, form.locator("button[type=submit]"))
    expect(page.locator("main h1")).to_contain_text(EMPLOYER)
    expect(page.locator("main dl.facts")).to_contain_text(TITLE)
    journey.axe(page, "job after the hire")

    # Support after the hire, to both.
    details = page.locator("section#support details.add-form")
    details.locator("summary").click()
    details.locator("[name=support-recipient]").select_option("BOTH")
    details.locator("[name=support-kind]").select_option("WORKPLACE")
    details.locator("[name=support-minutes]").fill("60")
    details.locator("[name=support-note]").fill("Trepartssamtal om introduktionen")
    submit(page, details.locator("button[type=submit]"))
    expect(page.locator("section#support table")).to_contain_text(
        "Trepartssamtal om introduktionen"
    )
    journey.axe(page, "job with support logged")

    # The opening is filled; another organisation's coach cannot open the employer.
    open_page(page, opening_url)
    expect(page.locator("main dl.facts")).to_contain_text("Tillsatt")
    other = journey.as_("coach2")
    open_page(other, employer_url, status=404)
    journey.assert_accessible()
