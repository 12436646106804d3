"""The referral group postpones a referral to a later meeting, then declines it with a reason; a
declined referral cannot be enrolled. (Acceptance is in test_journey.py.)"""

from __future__ import annotations

import datetime

from journey import TODAY, Journey, error_summary, iso, open_page, path_of, submit
from playwright.sync_api import expect

NAME = "Sixten Väntesson"
GROUP = "Remittentgruppen Skellefteå"
NEXT_MEETING = TODAY + datetime.timedelta(days=28)


def test_postponed_then_declined_with_a_reason(new_context) -> None:
    journey = Journey(new_context)

    # Sent without a number: birth year and gender suffice.
    page = journey.as_("referral")
    open_page(page, "/participants/referrals/new/")
    form = page.locator("main form[method=post]")
    form.locator("[name=person-first_name]").fill("Sixten")
    form.locator("[name=person-last_name]").fill("Väntesson")
    form.locator("[name=person-gender]").select_option("M")
    form.locator("[name=referral-reason]").fill("Har varit hemma länge.")
    form.locator("[name=referral-own_goal]").fill("Vet inte än")
    form.locator("[name=referral-motivation]").fill("Osäker på om han vill arbeta nu.")
    submit(page, form.locator("button[type=submit]"))
    # Nothing is sent without the person's consent, a group, and a birth year.
    summary = error_summary(page)
    expect(summary).to_contain_text("Personen måste samtycka till remissen innan den skickas")
    expect(summary).to_contain_text("Remittentgrupp")
    journey.axe(page, "referral form with errors")
    form.locator("[name=referral-group]").select_option(label=f"{GROUP} (MESSA)")
    form.locator("[name=referral-consent_given]").check()
    submit(page, form.locator("button[type=submit]"))
    expect(error_summary(page)).to_contain_text("Skriv födelseår om personnummer saknas")
    form.locator("[name=person-birth_year]").fill("1999")
    submit(page, form.locator("button[type=submit]"))
    expect(page.locator("main h1")).to_contain_text(NAME)
    referral_url = path_of(page.url)

    # The group postpones it: it stays on the agenda, marked with the meeting.
    decision = page.locator("main form[action$='/decide/']")
    decision.get_by_label("Vänta (besluta på ett senare möte)").check()
    decision.locator("[name=meeting_date]").fill(iso(TODAY))
    decision.locator("[name=minutes_line]").fill("§ 7")
    submit(page, decision.locator("button[type=submit]"))
    expect(page.locator(".messages")).to_contain_text("Remissen väntar till ett senare möte")
    expect(page.locator("main .tag")).to_have_text("Uppskjuten")
    journey.axe(page, "referral postponed")
    with page.expect_navigation():
        page.get_by_role("link", name=f"Dagordning för {GROUP}").click()
    row = page.locator("main section[aria-labelledby=agenda-title] tbody tr", has_text=NAME)
    expect(row).to_contain_text(f"Bordlagd {iso(TODAY)}")

    # At the next meeting it is declined, with the reason the referrer and the person are told.
    open_page(page, referral_url)
    decision = page.locator("main form[action$='/decide/']")
    decision.get_by_label("Avslå").check()
    decision.locator("[name=meeting_date]").fill(iso(NEXT_MEETING))
    decision.locator("[name=reason]").fill("Sixten vill vänta med arbete till efter sommaren.")
    decision.locator("[name=minutes_line]").fill("§ 3")
    submit(page, decision.locator("button[type=submit]"))
    expect(page.locator("main .tag")).to_have_text("Avslagen")
    decided = page.locator("main section[aria-labelledby=decision-title]")
    expect(decided).to_contain_text("Sixten vill vänta med arbete till efter sommaren.")
    expect(decided).to_contain_text("§ 3")
    expect(decided).to_contain_text(iso(NEXT_MEETING))
    expect(page.locator("main form[action$='/decide/']")).to_have_count(0)
    journey.axe(page, "referral declined")
    with page.expect_navigation():
        page.get_by_role("link", name=f"Dagordning för {GROUP}").click()
    agenda = page.locator("main section[aria-labelledby=agenda-title]")
    expect(agenda).not_to_contain_text(NAME)
    recent = page.locator("main section[aria-labelledby=decisions-title] tr", has_text=NAME)
    expect(recent).to_contain_text("Avslagen")
    expect(recent).to_contain_text("§ 3")

    # The manager finds it under its status, with no way to enroll the person.
    manager = journey.as_("manager")
    open_page(manager, "/participants/referrals/")
    manager.locator("main form [name=status]").select_option("DECLINED")
    submit(manager, manager.locator("main form button[type=submit]"))
    with manager.expect_navigation():
        manager.get_by_role("link", name=NAME).click()
    assert path_of(manager.url) == referral_url
    expect(manager.get_by_role("link", name="Skriv in personen")).to_have_count(0)
    referral_id = referral_url.rstrip("/").rsplit("/", 1)[1]
    open_page(manager, f"/participants/new/?referral={referral_id}", status=404)
    journey.assert_accessible()
