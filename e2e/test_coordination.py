"""The coordination function in a real browser: the project manager opens the one way in (en väg
in) of PROGRESS and adds a youth centre to the directory (found again by the htmx search); a
partner (Rut at Skellefteå kommun) registers a contact; the manager, as coordinator, routes it to
MESSA's referral group; Rut then sees what became of it, and no more than that (no internal note,
no link into the referral, 403 on the coordinators' page). The person themself gets in touch on
the public form without an account and follows the contact with the receipt number. axe on each
page; the public form at 320 px."""

from __future__ import annotations

import secrets

from journey import open_page, submit
from playwright.sync_api import Page, expect
from support import NARROW_WIDTH, axe_violations, overflow_at_narrow_width

DESK = "En väg in Skellefteå"


def axe(page: Page, label: str) -> None:
    assert not (problems := axe_violations(page, label)), "\n".join(problems)


def open_desk_if_needed(manager: Page) -> None:
    open_page(manager, "/coordination/")
    if manager.get_by_role("link", name=f"Inställningar för {DESK}").count():
        return
    manager.get_by_role("link", name="Öppna en En väg in för ett projekt").click()
    axe(manager, "desk form")
    form = manager.locator("main form[method=post]")
    form.get_by_label("Samordningsprojekt").select_option(label="PROGRESS (2020/00553)")
    form.get_by_label("Namn").fill(DESK)
    form.get_by_label("Område").fill("Skellefteå")
    form.get_by_label("Öppen för nya kontakter").check()
    submit(manager, form.get_by_role("button", name="Spara"))
    expect(manager.get_by_role("heading", level=1)).to_have_text("Kontakter att slussa")


def test_a_partner_registers_a_contact_and_sees_what_became_of_it(new_context) -> None:
    manager = new_context("manager", bypass_csp=True).new_page()
    open_desk_if_needed(manager)
    youth_centre = f"Ungdomsgården {secrets.token_hex(3)}"
    open_page(manager, "/coordination/directory/new/")
    form = manager.locator("main form[method=post]")
    form.get_by_label("Namn").fill(youth_centre)
    form.get_by_label("Typ av organisation").select_option("CIVIL_SOCIETY")
    form.get_by_label("Vad de erbjuder").fill("Läxhjälp och sommarjobb")
    form.get_by_label("För vem").fill("Unga 13–20 år")
    form.get_by_label("Telefon").fill("0910-123 45")
    form.get_by_label("Visas i katalogen").check()
    submit(manager, form.get_by_role("button", name="Spara"))
    # The directory narrows while typing (htmx under the real CSP would do the same; here axe runs).
    manager.get_by_label("Sök på namn, vad de erbjuder, för vem eller område").fill(youth_centre)
    expect(manager.locator("#directory-results tbody tr")).to_have_count(1)
    expect(manager.locator("#directory-results")).to_contain_text("Läxhjälp och sommarjobb")
    axe(manager, "directory")

    first_name = f"Elsa{secrets.token_hex(2)}"
    partner = new_context("referral", bypass_csp=True).new_page()
    open_page(partner, "/coordination/")
    partner.get_by_role("link", name="Registrera en kontakt").first.click()
    axe(partner, "register a contact")
    form = partner.locator("main form[method=post]")
    submit(partner, form.get_by_role("button", name="Registrera kontakten"), status=400)
    expect(partner.locator(".error-summary")).to_be_visible()
    form = partner.locator("main form[method=post]")
    form.locator("#id_desk").select_option(label=DESK)
    form.get_by_label("Du hör av dig från").select_option("KAA")
    form.get_by_label("Förnamn").fill(first_name)
    form.get_by_label("Efternamn").fill("Ung")
    form.get_by_label("Födelseår").fill("2008")
    form.get_by_label("Kön").select_option("K")
    form.get_by_label("Telefon").fill("070-111 22 33")
    form.get_by_label("Vad personen behöver hjälp med").fill(
        "Har hoppat av gymnasiet, vill börja plugga igen."
    )
    form.get_by_label("Personen går med på den här kontakten med En väg in.").check()
    form.get_by_label("Personen går med på att jag får veta vad som blev av kontakten.").check()
    submit(partner, form.get_by_role("button", name="Registrera kontakten"))
    expect(partner.locator("main")).to_contain_text("Mottagen, väntar på samordnaren")
    reference = partner.locator("dt:has-text('Referens') + dd").inner_text()
    outcome_url = partner.url

    # The coordinator routes it to MESSA's referral group, with a note the partner must not see.
    open_page(manager, "/coordination/contacts/?status=NEW")
    manager.get_by_role("link", name=reference).click()
    axe(manager, "contact, coordinator")
    contact_url = manager.url
    form = manager.locator("form[action$='/to-project/']")
    form.get_by_label("Projektets remittentgrupp").select_option(
        label="MESSA – Remittentgruppen Skellefteå"
    )
    form.get_by_label("Personens eget mål").fill("Gå klart gymnasiet")
    form.get_by_label("Motivation för arbete eller studier").fill("Stark, vill bli undersköterska")
    form.get_by_label("Meddelande till den som hörde av sig").fill(
        "Remittentgruppen tar upp det på nästa möte."
    )
    form.get_by_label("Anteckning för samordnarna").fill("Intern anteckning: pappan ringde också.")
    submit(manager, form.get_by_role("button", name="Skicka remissen"))
    expect(manager.locator("main")).to_contain_text("Slussad till ett projekt")
    referral_href = manager.locator("main a[href*='/participants/referrals/']").first.get_attribute(
        "href"
    )
    assert referral_href

    # The partner sees what became of it, and no more than that.
    open_page(partner, outcome_url)
    main = partner.locator("main")
    expect(main).to_contain_text("Slussad till ett projekt")
    expect(main).to_contain_text("MESSA")
    expect(main).to_contain_text("Remittentgruppens beslut")
    expect(main).to_contain_text("Remittentgruppen tar upp det på nästa möte.")
    expect(main).not_to_contain_text("Intern anteckning")
    expect(main.locator("a[href*='/participants/']")).to_have_count(0)
    axe(partner, "contact, partner")
    open_page(partner, contact_url, status=403)
    open_page(partner, "/coordination/contacts/", status=403)


def test_the_person_gets_in_touch_on_the_public_form_and_follows_it(new_context) -> None:
    manager = new_context("manager").new_page()
    open_desk_if_needed(manager)
    person = new_context(
        bypass_csp=True, viewport={"width": NARROW_WIDTH, "height": 800}
    ).new_page()
    open_page(person, "/coordination/contact/")
    assert (overflow := overflow_at_narrow_width(person)) is None, overflow
    axe(person, "public contact form")
    form = person.locator("main form[method=post]")
    form.get_by_label("Förnamn").fill("Sam")
    form.get_by_label("Födelseår").fill("2005")
    form.get_by_label("Telefon").fill("070-999 88 77")
    form.get_by_label("Vad vill du ha hjälp med?").fill("Jag vill hitta ett jobb.")
    form.get_by_label(
        "Jag går med på att samordnaren sparar mina uppgifter och kontaktar mig om det här."
    ).check()
    submit(person, form.get_by_role("button", name="Skicka"))
    receipt = person.locator("#receipt").inner_text()
    assert len(receipt) == 14 and receipt not in person.url
    axe(person, "receipt")
    person.get_by_role("link", name="Följ din kontakt").click()
    person.get_by_label("Kvittonummer").fill(receipt)
    submit(person, person.locator("main form[method=post]").get_by_role("button", name="Visa"))
    expect(person.locator("main")).to_contain_text("Mottagen, väntar på samordnaren")
    assert receipt not in person.url
    axe(person, "follow a contact")
