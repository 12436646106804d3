"""The participant journey, page by page, as the people who do each step.

A caseworker in the referral group (`referral`) sends a referral for a new person; the referral
group decides; the project manager enrolls the person with a method combination and a coach; the
coach keeps the time line; the manager changes coach; the new coach registers the person out and
records the follow-up; a withdrawn consent stops the follow-up. Along the way: the identity number
is masked and only revealed on request (and that shows in the audit trail), people outside the
caseload get 404, and axe runs on every new page state.

The server runs in real time, so the enrollment is dated back (it starts 400 days ago) to reach a
coach change, an exit and a 6-month follow-up that is overdue today.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from journey import (
    TODAY,
    Journey,
    error_summary,
    iso,
    open_add_form,
    open_page,
    path_of,
    personnummer,
    post_as,
    section,
    submit,
)
from playwright.sync_api import Page, expect
from support import NARROW_WIDTH, overflow_at_narrow_width

FIRST, LAST = "Vera", "Stegström"
NAME = f"{FIRST} {LAST}"
BORN = datetime.date(1994, 3, 17)
NUMBER = personnummer(BORN, 982)  # 19940317-982C
MASKED = "19940317-****"
GROUP = "Remittentgruppen Skellefteå"
PROJECT = "MESSA"  # 2020/00581, the project of the demo referral group
START = TODAY - datetime.timedelta(days=400)
COACH_CHANGE = START + datetime.timedelta(days=100)
LEFT = TODAY - datetime.timedelta(days=200)


def test_participant_journey(new_context) -> None:
    journey = Journey(new_context)
    plan_women_and_men(journey)
    before = project_overview(journey)
    referral_url = send_referral(journey)
    decide_referral(journey, referral_url)
    participant_url = enroll(journey, referral_url)
    enrolled = project_overview(journey)
    assert enrolled.counts("Deltagare hittills", "Deltar nu", "Kvinnor") == [
        n + 1 for n in before.counts("Deltagare hittills", "Deltar nu", "Kvinnor")
    ]
    assert enrolled.coaches.get("Kalle Coach", 0) == before.coaches.get("Kalle Coach", 0) + 1
    assert enrolled.by_method.get(("SE+SED", "Kvinna"), 0) == (
        before.by_method.get(("SE+SED", "Kvinna"), 0) + 1
    )
    only_the_right_people_open_it(journey, participant_url, referral_url)
    coach_finds_the_participant(journey, participant_url)
    identity_number_revealed_on_request(journey, participant_url)
    contact_recorded_without_javascript(journey, participant_url)
    time_line(journey, participant_url)
    change_coach(journey, participant_url)
    register_out(journey, participant_url)
    follow_up(journey, participant_url)
    withdrawn_consent_stops_follow_up(journey, participant_url)
    contact_after_leaving_needs_consent(journey, participant_url)
    second_url = coming_back(journey, participant_url)
    left = project_overview(journey)
    assert left.counts("Deltagare hittills", "Deltar nu") == [
        before.counts("Deltagare hittills")[0] + 2,
        before.counts("Deltar nu")[0],
    ]
    assert left.coaches.get("Kalle Coach", 0) == before.coaches.get("Kalle Coach", 0)
    assert "Karin Handledare" not in left.coaches  # Karin's only participant here has left
    employed = "I arbete (även egen företagare)"
    assert left.situations.get(employed, 0) == before.situations.get(employed, 0) + 2
    audit_trail(journey, participant_url)
    assert second_url != participant_url
    journey.assert_accessible()


@dataclass
class Overview:
    """What the manager's project overview says, read from the page."""

    facts: dict[str, str]
    by_method: dict[tuple[str, str], int]  # (method, gender) -> participants in all
    coaches: dict[str, int]
    situations: dict[str, int]

    def counts(self, *terms: str) -> list[int]:
        """The leading numbers of the facts, e.g. 14 of "14 av 40 planerade"."""
        return [int(self.facts[term].split()[0]) for term in terms]


def plan_women_and_men(journey: Journey) -> None:
    """MESSA's project-bank record plans 60 participants without a split: the manager adds it."""
    page = journey.as_("manager")
    open_page(page, "/projects/")
    with page.expect_navigation():
        page.locator("#project-results").get_by_role("link", name=PROJECT, exact=True).click()
    with page.expect_navigation():
        page.get_by_role("link", name="Ändra projektet").click()
    journey.axe(page, "project form")
    form = page.locator("main form[method=post]")
    form.locator("[name=planned_women]").fill("30")
    form.locator("[name=planned_men]").fill("30")
    submit(page, form.locator("button[type=submit]"))
    expect(page.locator("main")).to_contain_text("30 kvinnor, 30 män")
    journey.axe(page, "project with the planned split")


def project_overview(journey: Journey) -> Overview:
    """The manager opens the project overview from the participants page and reads it."""
    page = journey.as_("manager")
    open_page(page, "/participants/")
    with page.expect_navigation():
        page.get_by_role("link", name=f"Deltagare i {PROJECT}").click()
    expect(page.locator("main h1")).to_have_text(f"Deltagare i {PROJECT}")
    terms = page.locator("main > dl.facts > dt").all_inner_texts()
    values = page.locator("main > dl.facts > dd").all_inner_texts()
    facts = dict(zip(terms, values, strict=True))
    assert "planerade" in facts["Kvinnor"], "the gender split is shown against the plan"
    by_method = {}
    table = page.locator("main > h2:text-is('Efter metod och kön') + .table-wrap table")
    for row in table.locator("tbody tr").all():
        method, gender, _active, total = row.locator("td").all_inner_texts()
        by_method[(method, gender)] = int(total)
    coaches, situations = {}, {}
    for heading, into in (
        ("Antal deltagare per coach", coaches),
        ("Situation vid avslut", situations),
    ):
        items = page.locator(f"main > h2:text-is('{heading}') + ul > li").all_inner_texts()
        for item in items:
            label, count = item.rsplit(": ", 1)
            into[label] = int(count)
    journey.axe(page, "project overview")
    return Overview(facts, by_method, coaches, situations)


def send_referral(journey: Journey) -> str:
    page = journey.as_("referral")
    open_page(page, "/participants/referrals/")
    with page.expect_navigation():
        page.get_by_role("link", name="Skicka en remiss").click()
    expect(page.locator("main h1")).to_have_text("Skicka en remiss")
    journey.axe(page, "referral form")

    form = page.locator("main form[method=post]")
    form.locator("[name=person-identity_number]").fill(
        NUMBER[:-1] + str((int(NUMBER[-1]) + 1) % 10)
    )
    form.locator("[name=person-first_name]").fill(FIRST)
    form.locator("[name=person-last_name]").fill(LAST)
    form.locator("[name=person-gender]").select_option("K")
    form.locator("[name=referral-group]").select_option(label=f"{GROUP} ({PROJECT})")
    form.locator("[name=referral-referrer_organisation]").select_option(label="Skellefteå kommun")
    form.locator("[name=referral-reason]").fill("Har varit utan arbete i fyra år.")
    form.locator("[name=referral-own_goal]").fill("Jobba med djur")
    form.locator("[name=referral-motivation]").fill("Vill börja jobba så snart som möjligt.")
    form.locator("[name=referral-consent_given]").check()
    submit(page, form.locator("button[type=submit]"))
    # A wrong check digit is caught, and nothing is sent.
    expect(error_summary(page)).to_contain_text("Personnummer")
    expect(error_summary(page)).to_contain_text("inte ett giltigt")
    journey.axe(page, "referral form with a wrong check digit")

    form.locator("[name=person-identity_number]").fill(NUMBER)
    submit(page, form.locator("button[type=submit]"))
    expect(page.locator(".messages")).to_contain_text(f"Remissen är skickad till {GROUP}")
    expect(page.locator("main h1")).to_contain_text(NAME)
    expect(page.locator("main .tag")).to_have_text("Väntar på remittentgruppen")
    assert_number_not_shown(page)
    journey.axe(page, "referral sent")
    return path_of(page.url)


def decide_referral(journey: Journey, referral_url: str) -> None:
    # Who sits in the demo referral group? Its page says, to the manager.
    manager = journey.as_("manager")
    open_page(manager, "/participants/referral-groups/")
    with manager.expect_navigation():
        manager.get_by_role("link", name=GROUP).click()
    members = manager.locator("main section[aria-labelledby=members-title] ul > li")
    expect(members).to_have_count(1)
    expect(members).to_contain_text("Rut Remittent")  # the demo account `referral`
    journey.axe(manager, "referral group, as its manager")

    page = journey.as_("referral")
    open_page(page, "/participants/referral-groups/")
    with page.expect_navigation():
        page.get_by_role("link", name=GROUP).click()
    agenda = page.locator("main section[aria-labelledby=agenda-title] tbody")
    expect(agenda).to_contain_text(NAME)
    journey.axe(page, "referral group agenda")
    with page.expect_navigation():
        agenda.get_by_role("link", name=NAME).click()
    assert path_of(page.url) == referral_url

    # Declining needs a reason: the referrer and the person are told.
    form = page.locator("main form[action$='/decide/']")
    form.get_by_label("Avslå").check()
    submit(page, form.locator("button[type=submit]"), status=400)
    expect(error_summary(page)).to_contain_text("Skriv varför remissen avslås")
    journey.axe(page, "decision without a reason")

    form.get_by_label("Godkänn").check()
    form.locator("[name=meeting_date]").fill(iso(TODAY))
    form.locator("[name=minutes_line]").fill("§ 4")
    submit(page, form.locator("button[type=submit]"))
    expect(page.locator("main .tag")).to_have_text("Godkänd")
    decision = page.locator("main section[aria-labelledby=decision-title]")
    expect(decision).to_contain_text("§ 4")
    expect(decision).to_contain_text(iso(TODAY))
    expect(decision).to_contain_text("Rut Remittent")
    # The referral group decides; it does not enroll.
    expect(page.get_by_role("link", name="Skriv in personen")).to_have_count(0)
    journey.axe(page, "referral accepted")


def enroll(journey: Journey, referral_url: str) -> str:
    page = journey.as_("manager")
    open_page(page, referral_url)
    with page.expect_navigation():
        page.get_by_role("link", name="Skriv in personen").click()
    expect(page.locator("main")).to_contain_text(NAME)
    form = page.locator("main form[method=post]")
    journey.axe(page, "enrollment form from a referral")

    submit(page, form.locator("button[type=submit]"), status=200)
    expect(error_summary(page)).to_contain_text("Stödmetod")
    journey.axe(page, "enrollment form without a method")

    form.get_by_label("Supported Employment", exact=True).check()
    form.get_by_label("Supported Education", exact=True).check()
    form.locator("[name=enrollment-coach]").select_option(label="Kalle Coach")
    form.locator("[name=enrollment-start_date]").fill(iso(START))
    form.locator("[name=enrollment-comparison_group]").fill("SE+SED")
    form.locator("[name=enrollment-status_at_start]").select_option("LONG_TERM_UNEMPLOYED")
    form.locator("[name=enrollment-income_source_start]").select_option("SOCIAL_ASSISTANCE")
    form.locator("[name=consent-consent_registration]").check()
    submit(page, form.locator("button[type=submit]"))
    expect(page.locator("main h1")).to_have_text(NAME)
    facts = page.locator("main dl.facts")
    expect(facts).to_contain_text("Supported Employment + Supported Education (grupp SE+SED)")
    expect(facts).to_contain_text("Kalle Coach")
    expect(facts).to_contain_text("Långtidsarbetslös, Ekonomiskt bistånd")
    expect(page.locator("#identity-number")).to_have_text(MASKED)
    assert_number_not_shown(page)
    consents = section(page, "consent")
    expect(consents).to_contain_text("Registrering i projektet")
    journey.axe(page, "participant page after enrollment")
    return path_of(page.url)


def assert_number_not_shown(page: Page) -> None:
    html = page.content()
    digits = NUMBER.replace("-", "")
    assert NUMBER not in html and digits not in html and NUMBER[2:] not in html, (
        f"{page.url} shows the whole identity number"
    )


def only_the_right_people_open_it(
    journey: Journey, participant_url: str, referral_url: str
) -> None:
    # Another project's coach, the referral group and the evaluator: for them it does not exist.
    for role in ("coach2", "referral", "evaluator"):
        page = journey.as_(role)
        open_page(page, participant_url, status=404)
        expect(page.locator("main")).not_to_contain_text(LAST)
    journey.axe(journey.as_("coach2"), "participant page for another coach (404)")
    # The number cannot be revealed by them either, not even with a crafted form.
    for role in ("coach2", "referral"):
        page = journey.as_(role)
        open_page(page, "/")
        assert post_as(page, participant_url + "identity-number/") == 404, role
    # The referral group still sees its referral, now enrolled, without the number.
    page = journey.as_("referral")
    open_page(page, referral_url)
    expect(page.locator("main .tag")).to_have_text("Inskriven")
    assert_number_not_shown(page)


def coach_finds_the_participant(journey: Journey, participant_url: str) -> None:
    page = journey.as_("coach")
    open_page(page, "/participants/")
    results = page.locator("#caseload-results tbody")
    expect(results.get_by_role("link", name=NAME)).to_have_count(1)
    journey.axe(page, "caseload")
    # The search narrows the caseload as the coach types (htmx), to the one person.
    page.locator("#id_q").fill(LAST)
    expect(results.locator("tr")).to_have_count(1)
    row = results.locator("tr").first
    expect(row).to_contain_text(NAME)
    expect(row).to_contain_text("SE+SED")
    expect(row).to_contain_text(f"Sedan {iso(START)}")
    # The method filter: a combination is not plain IPS.
    page.locator("#id_method").select_option("IPS")
    expect(results).to_contain_text("Inga deltagare matchar")
    journey.axe(page, "caseload searched, nothing matches")
    # Another coach's caseload does not have the person.
    other = journey.as_("coach2")
    open_page(other, f"/participants/?q={LAST}")
    expect(other.locator("#caseload-results tbody")).to_contain_text("Inga deltagare matchar")
    open_page(page, participant_url)
    expect(page.locator("main h1")).to_have_text(NAME)


def identity_number_revealed_on_request(journey: Journey, participant_url: str) -> None:
    page = journey.as_("coach")
    open_page(page, participant_url)
    number = page.locator("#identity-number")
    expect(number).to_have_text(MASKED)
    page.get_by_role("button", name="Visa hela numret (loggas)").click()
    expect(number).to_have_text(NUMBER)
    journey.axe(page, "identity number revealed")
    # Shown once: the next visit masks it again.
    open_page(page, participant_url)
    expect(page.locator("#identity-number")).to_have_text(MASKED)


def contact_recorded_without_javascript(journey: Journey, participant_url: str) -> None:
    page = journey.new_context("coach", java_script_enabled=False).new_page()
    open_page(page, participant_url)
    form = open_add_form(page, "contact")
    form.locator("[name=contact-kind]").select_option("MEETING")
    form.locator("[name=contact-date]").fill(iso(START + datetime.timedelta(days=7)))
    form.locator("[name=contact-minutes]").fill("45")
    form.locator("[name=contact-with_whom]").fill("Vera och hennes handläggare")
    form.locator("[name=contact-summary]").fill("Första mötet. Vera vill jobba med djur.")
    submit(page, form.locator("button[type=submit]"))
    contacts = section(page, "contact").locator("tbody")
    expect(contacts.locator("tr")).to_have_count(1)
    expect(contacts).to_contain_text("Första mötet")
    expect(contacts).to_contain_text("Kalle Coach")
    journey.axe(reload(journey.as_("coach"), participant_url), "participant page with a contact")
    # The caseload search is a plain GET form underneath its htmx.
    open_page(page, "/participants/")
    page.locator("#id_q").fill(LAST)
    submit(page, page.locator("form[role=search] button[type=submit]"))
    assert parse_qs(urlsplit(page.url).query).get("q") == [LAST], page.url
    expect(page.locator("#caseload-results tbody tr")).to_have_count(1)
    expect(page.locator("#caseload-results tbody")).to_contain_text(NAME)


def time_line(journey: Journey, participant_url: str) -> None:
    page = journey.as_("coach")
    open_page(page, participant_url)

    form = open_add_form(page, "intervention")
    form.locator("[name=intervention-kind]").select_option("TREATMENT")
    form.locator("[name=intervention-provider]").select_option(label="Region Västerbotten")
    form.locator("[name=intervention-description]").fill("Samtalsstöd på psykiatrimottagningen")
    form.locator("[name=intervention-start_date]").fill(iso(START + datetime.timedelta(days=10)))
    submit(page, form.locator("button[type=submit]"))
    expect(section(page, "intervention")).to_contain_text("Region Västerbotten")

    form = open_add_form(page, "step")
    form.locator("[name=step-step]").select_option("SE_ENGAGEMENT")
    form.locator("[name=step-date]").fill(iso(START + datetime.timedelta(days=7)))
    submit(page, form.locator("button[type=submit]"))
    expect(section(page, "step")).to_contain_text("SE 1: Engagemang")

    form = open_add_form(page, "goal")
    form.locator("[name=goal-text]").fill("Jobba på en djurpark")
    form.locator("[name=goal-set_on]").fill(iso(START + datetime.timedelta(days=7)))
    submit(page, form.locator("button[type=submit]"))
    expect(section(page, "goal")).to_contain_text("Jobba på en djurpark")

    # A job must say whether it is competitive (the IPS definition).
    form = open_add_form(page, "employment")
    form.locator("[name=employment-kind]").select_option("JOB")
    form.locator("[name=employment-employer]").fill("Skellefteå djurpark")
    form.locator("[name=employment-start_date]").fill(iso(START + datetime.timedelta(days=150)))
    form.locator("[name=employment-hours_per_week]").fill("20")
    submit(page, form.locator("button[type=submit]"), status=400)
    expect(error_summary(page)).to_contain_text("Ange om arbetet är konkurrensutsatt")
    journey.axe(page, "job without saying whether it is competitive")
    form = open_add_form(page, "employment")
    form.locator("[name=employment-competitive]").select_option("yes")
    submit(page, form.locator("button[type=submit]"))
    jobs = section(page, "employment").locator("tbody")
    expect(jobs).to_contain_text("Skellefteå djurpark")
    expect(jobs.locator("tr").first.locator("td").nth(4)).to_have_text("Ja")

    # Consent to follow-up, and to sharing with a named partner (which must be named).
    form = open_add_form(page, "consent")
    form.locator("[name=consent-purpose]").select_option("FOLLOW_UP")
    form.locator("[name=consent-given_on]").fill(iso(START))
    submit(page, form.locator("button[type=submit]"))
    form = open_add_form(page, "consent")
    form.locator("[name=consent-purpose]").select_option("SHARING")
    form.locator("[name=consent-given_on]").fill(iso(START))
    submit(page, form.locator("button[type=submit]"), status=400)
    expect(error_summary(page)).to_contain_text("Ange vilken samarbetspart")
    journey.axe(page, "sharing consent without a partner")
    form = open_add_form(page, "consent")
    form.locator("[name=consent-partner]").select_option(label="Arbetsförmedlingen")
    submit(page, form.locator("button[type=submit]"))
    consents = section(page, "consent")
    expect(consents).to_contain_text("Uppföljning")
    expect(consents).to_contain_text("Arbetsförmedlingen")

    # A journal note, then a correction: the earlier text stays readable.
    form = open_add_form(page, "note")
    form.locator("[name=note-text]").fill("Vera har varit sjukskriven i två år.")
    form.locator("[name=note-date]").fill(iso(START + datetime.timedelta(days=7)))
    submit(page, form.locator("button[type=submit]"))
    notes = section(page, "note")
    expect(notes).to_contain_text("Vera har varit sjukskriven i två år.")
    journey.axe(page, "time line filled in")
    with page.expect_navigation():
        notes.get_by_role("link", name="Rätta anteckningen").click()
    journey.axe(page, "note correction form")
    submit(page, page.locator("main form button[type=submit]"), status=400)
    expect(error_summary(page)).to_contain_text("Rättad text")
    journey.axe(page, "note correction form with errors")
    page.locator("main [name=text]").fill("Vera har varit sjukskriven i ett år.")
    page.locator("main [name=reason]").fill("Fel antal år")
    submit(page, page.locator("main form button[type=submit]"))
    notes = section(page, "note")
    card = notes.locator("article")
    expect(card).to_have_count(1)
    expect(card.locator("> p").nth(1)).to_have_text("Vera har varit sjukskriven i ett år.")
    expect(card).to_contain_text("rättad")
    card.locator("details summary").click()
    history = card.locator("details")
    expect(history).to_contain_text("Vera har varit sjukskriven i två år.")
    expect(history).to_contain_text("Fel antal år")
    journey.axe(page, "corrected note with its earlier version")


def change_coach(journey: Journey, participant_url: str) -> None:
    page = journey.as_("manager")
    # Karin (coach2) joins the project as a coach, through the project's staff page.
    open_page(page, "/projects/")
    with page.expect_navigation():
        page.locator("#project-results").get_by_role("link", name=PROJECT, exact=True).click()
    with page.expect_navigation():
        page.get_by_role("link", name="Samarbetsparter och medarbetare").click()
    staff_form = page.locator("main form:has(button[name=add_staff])")
    staff_form.locator("[name=staff-user]").select_option(label="Karin Handledare")
    staff_form.locator("[name=staff-role]").select_option("COACH")
    submit(page, staff_form.locator("button[name=add_staff]"))
    expect(page.locator("main")).to_contain_text("Karin Handledare – Coach")
    journey.axe(page, "project staff with the new coach")

    open_page(page, participant_url)
    with page.expect_navigation():
        page.get_by_role("link", name="Byt coach").click()
    form = page.locator("main form[method=post]")
    journey.axe(page, "coach change form")
    submit(page, form.locator("button[type=submit]"), status=200)
    expect(error_summary(page)).to_contain_text("Orsak till bytet")
    journey.axe(page, "coach change form with errors")
    form.locator("[name=coach]").select_option(label="Karin Handledare")
    form.locator("[name=on]").fill(iso(COACH_CHANGE))
    form.locator("[name=reason]").fill("Kalle går över till ett annat projekt")
    submit(page, form.locator("button[type=submit]"))
    expect(page.locator(".messages")).to_contain_text("Coachen är bytt")
    expect(page.locator("main dl.facts")).to_contain_text("Karin Handledare")
    history = page.locator("main section[aria-labelledby=coaches-title] li")
    expect(history).to_have_count(2)
    the_day_before = COACH_CHANGE - datetime.timedelta(days=1)
    expect(history.nth(0)).to_contain_text(f"Kalle Coach: {iso(START)} – {iso(the_day_before)}")
    expect(history.nth(1)).to_contain_text(f"Karin Handledare: {iso(COACH_CHANGE)} – nu")
    expect(history.nth(1)).to_contain_text("Kalle går över till ett annat projekt")
    journey.axe(page, "participant page after the coach change")

    # The caseload follows the coach: Kalle no longer sees Vera, Karin does.
    coach = journey.as_("coach")
    open_page(coach, participant_url, status=404)
    open_page(coach, "/participants/")
    expect(coach.locator("#caseload-results tbody")).not_to_contain_text(NAME)
    coach2 = journey.as_("coach2")
    open_page(coach2, "/participants/")
    row = coach2.locator("#caseload-results tbody tr", has_text=NAME)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Karin Handledare")
    expect(row).to_contain_text(iso(START + datetime.timedelta(days=7)))  # the last contact


def register_out(journey: Journey, participant_url: str) -> None:
    page = journey.as_("coach2")
    open_page(page, participant_url)
    with page.expect_navigation():
        page.get_by_role("link", name="Registrera avslut").click()
    form = page.locator("main form[method=post]")
    journey.axe(page, "exit form")
    form.locator("[name=end_date]").fill(iso(LEFT))
    form.locator("[name=exit_status]").select_option("EMPLOYED")
    form.locator("[name=exit_reason]").fill("Fick anställning på djurparken")
    form.locator("[name=income_source_end]").select_option("SALARY")
    submit(page, form.locator("button[type=submit]"))
    expect(page.locator(".messages")).to_contain_text("Deltagaren har avslutat projektet")
    facts = page.locator("main dl.facts")
    expect(facts).to_contain_text(f"{iso(START)} – {iso(LEFT)} (I arbete (även egen företagare))")
    expect(page.get_by_role("link", name="Registrera avslut")).to_have_count(0)
    follow_ups = section(page, "follow_up").locator("li")
    expect(follow_ups).to_have_count(2)
    expect(follow_ups.nth(0)).to_contain_text("Sex månader efter avslut")
    expect(follow_ups.nth(1)).to_contain_text("Tolv månader efter avslut")
    journey.axe(page, "participant page after leaving")

    # Left: not among those taking part now, but under "Have left".
    open_page(page, "/participants/")
    expect(page.locator("#caseload-results tbody")).not_to_contain_text(NAME)
    open_page(page, "/participants/?status=left")
    row = page.locator("#caseload-results tbody tr", has_text=NAME)
    expect(row).to_contain_text(f"Avslutade {iso(LEFT)}")


def follow_up(journey: Journey, participant_url: str) -> None:
    page = journey.as_("coach2")
    open_page(page, "/participants/")
    # Six months after leaving (200 days ago) is a few weeks ago: the follow-up is overdue.
    due = page.locator("main section[aria-labelledby=due-title] li", has_text=NAME)
    expect(due).to_have_count(1)
    expect(due).to_contain_text("sex månader efter avslut")
    expect(due).to_contain_text("försenad")
    journey.axe(page, "caseload with a follow-up due")
    with page.expect_navigation():
        due.get_by_role("link", name=NAME).click()
    assert path_of(page.url) == participant_url
    six_months = section(page, "follow_up").locator("li").nth(0)
    with page.expect_navigation():
        six_months.get_by_role("link", name="Registrera uppföljningen").click()
    journey.axe(page, "follow-up form")
    form = page.locator("main form[method=post]")
    form.locator("[name=done_on]").fill(iso(TODAY))
    form.locator("[name=result]").select_option("EMPLOYED")
    form.locator("[name=note]").fill("Jobbar kvar på djurparken, 25 timmar i veckan")
    submit(page, form.locator("button[type=submit]"))
    six_months = section(page, "follow_up").locator("li").nth(0)
    expect(six_months).to_contain_text(f"gjord {iso(TODAY)}: I arbete (även egen företagare)")
    open_page(page, "/participants/")
    due = page.locator("main section[aria-labelledby=due-title] li", has_text=NAME)
    expect(due).to_have_count(0)


def withdrawn_consent_stops_follow_up(journey: Journey, participant_url: str) -> None:
    page = journey.as_("coach2")
    open_page(page, participant_url)
    consent = section(page, "consent").locator("li", has_text="Uppföljning")
    with page.expect_navigation():
        consent.get_by_role("link", name="Återkalla").click()
    journey.axe(page, "consent withdrawal form")
    page.locator("main [name=on]").fill(iso(TODAY))
    submit(page, page.locator("main form button[type=submit]"))
    consent = section(page, "consent").locator("li", has_text="Uppföljning")
    expect(consent).to_contain_text(f"återkallat {iso(TODAY)}")
    # The twelve-month follow-up is no longer offered, and says why.
    twelve_months = section(page, "follow_up").locator("li").nth(1)
    expect(twelve_months.get_by_role("link", name="Registrera uppföljningen")).to_have_count(0)
    expect(twelve_months).to_contain_text("återkallat sitt samtycke till uppföljning")
    journey.axe(page, "follow-up stopped by a withdrawn consent")
    # Nor is it the caseload's next follow-up any more.
    open_page(page, "/participants/?status=left")
    row = page.locator("#caseload-results tbody tr", has_text=NAME)
    expect(row.locator("td").nth(7)).to_have_text("–")


def audit_trail(journey: Journey, participant_url: str) -> None:
    """The administrator reads the person's audit trail: every step above is in it, by the right
    person, and the reveal of the number too; the number itself never is."""
    page = journey.as_("admin")
    open_page(page, participant_url)
    with page.expect_navigation():
        page.get_by_role("link", name="Vem har läst och ändrat personens uppgifter").click()
    expect(page.locator("main h1")).to_have_text("Granskningslogg")
    journey.axe(page, "audit trail of the person")
    expected = {
        "person.created": {"referral"},
        "referral.submitted": {"referral"},
        "referral.decided": {"referral"},
        "participant.enrolled": {"manager", "coach2"},  # and coming back
        "participant.contact_added": {"coach", "coach2"},
        "participant.note_corrected": {"coach"},
        "person.identity_revealed": {"coach"},
        "participant.coach_changed": {"manager"},
        "participant.follow_up_recorded": {"coach2"},
        "consent.withdrawn": {"coach2"},
        "participant.viewed": {"manager", "coach", "coach2", "admin"},
        "referral.viewed": {"referral", "manager"},
    }
    form = page.locator("main form[role=search], main form.search-form").first
    for action, users in expected.items():
        form.locator("[name=action]").fill(action)
        submit(page, form.locator("button[type=submit]"))
        rows = page.locator("main table tbody tr")
        actions = set(rows.locator("td:nth-child(3)").all_inner_texts())
        assert actions == {action}, f"{action}: the trail shows {actions}"
        actors = set(rows.locator("td:nth-child(2)").all_inner_texts())
        assert actors == users, f"{action} by {actors}, not {users}"
        assert NUMBER not in page.content() and NUMBER.replace("-", "") not in page.content()
    # The reveal is there once: the coach pressed the button once.
    form.locator("[name=action]").fill("person.identity_revealed")
    submit(page, form.locator("button[type=submit]"))
    expect(page.locator("main table tbody tr")).to_have_count(1)
    # Others do not get to see the trail at all.
    open_page(
        journey.as_("manager"), path_of(page.url) + "?" + page.url.split("?", 1)[1], status=403
    )


def add_contact(page: Page, day: datetime.date, summary: str, *, status: int = 200) -> None:
    form = open_add_form(page, "contact")
    form.locator("[name=contact-kind]").select_option("PHONE")
    form.locator("[name=contact-date]").fill(iso(day))
    form.locator("[name=contact-summary]").fill(summary)
    submit(page, form.locator("button[type=submit]"), status=status)


def contact_after_leaving_needs_consent(journey: Journey, participant_url: str) -> None:
    page = journey.as_("coach2")
    open_page(page, participant_url)
    add_contact(page, TODAY, "Ringde för att höra hur det går på jobbet", status=400)
    expect(error_summary(page)).to_contain_text(
        "varken fortsatt stöd eller samtycke till kontakt efter avslut"
    )
    journey.axe(page, "contact after leaving without consent")
    form = open_add_form(page, "consent")
    form.locator("[name=consent-purpose]").select_option("CONTACT_AFTER")
    form.locator("[name=consent-given_on]").fill(iso(TODAY))
    submit(page, form.locator("button[type=submit]"))
    expect(section(page, "consent")).to_contain_text("Kontakt efter avslut")
    add_contact(page, TODAY, "Ringde för att höra hur det går på jobbet")
    expect(section(page, "contact").locator("tbody")).to_contain_text("Ringde för att höra")


def coming_back(journey: Journey, participant_url: str) -> str:
    """Vera loses the job and comes back: a new participation for the same person, which ends
    with follow-along support (so contact after leaving needs no consent there)."""
    page = journey.as_("coach2")
    open_page(page, "/participants/")
    with page.expect_navigation():
        page.get_by_role("link", name="Skriv in en deltagare").click()
    with page.expect_navigation():
        page.get_by_role("link", name=PROJECT, exact=True).click()
    form = page.locator("main form[method=post]")
    form.locator("[name=person-identity_number]").fill(NUMBER)
    form.locator("[name=person-gender]").select_option("K")
    form.locator("[name=consent-consent_registration]").check()
    form.get_by_label("Supported Employment", exact=True).check()
    form.locator("[name=enrollment-coach]").select_option(label="Karin Handledare")
    form.locator("[name=enrollment-start_date]").fill(iso(TODAY - datetime.timedelta(days=60)))
    form.locator("[name=enrollment-status_at_start]").select_option("UNEMPLOYED")
    submit(page, form.locator("button[type=submit]"))
    expect(page.locator(".messages")).to_contain_text("Personen fanns redan i Stegvis")
    expect(page.locator("main h1")).to_have_text(NAME)
    second_url = path_of(page.url)
    earlier = page.locator("main section[aria-labelledby=other-title]")
    expect(earlier).to_contain_text(f"{PROJECT}: {iso(START)} – {iso(LEFT)}")
    journey.axe(page, "participant coming back")

    with page.expect_navigation():
        page.get_by_role("link", name="Registrera avslut").click()
    form = page.locator("main form[method=post]")
    form.locator("[name=end_date]").fill(iso(TODAY - datetime.timedelta(days=10)))
    form.locator("[name=exit_status]").select_option("EMPLOYED")
    form.locator("[name=follow_along]").check()
    submit(page, form.locator("button[type=submit]"))
    expect(page.locator("main dl.facts")).to_contain_text("fortsatt stöd efter avslut")
    add_contact(page, TODAY, "Besök på nya arbetsplatsen")
    expect(section(page, "contact").locator("tbody")).to_contain_text("Besök på nya arbetsplatsen")
    open_page(page, "/participants/?status=left")
    rows = page.locator("#caseload-results tbody tr", has_text=NAME)
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="fortsatt stöd")).to_have_count(1)
    return second_url


def reload(page: Page, path: str) -> Page:
    open_page(page, path)
    return page


def test_journey_pages_fit_320_px(new_context) -> None:
    """WCAG 1.4.10 Reflow on the pages of the journey: no sideways scrolling of the page itself
    (wide tables scroll inside their own .table-wrap)."""
    pages: dict[str, Page] = {}
    too_wide: list[str] = []

    def visit(role: str, path: str | None = None, *, link: str | None = None) -> None:
        """Open `path`, or follow the first link `link` (a CSS selector) on the current page."""
        if role not in pages:
            viewport = {"width": NARROW_WIDTH, "height": 640}
            pages[role] = new_context(role, viewport=viewport).new_page()
        page = pages[role]
        if path is not None:
            open_page(page, path)
        else:
            with page.expect_navigation():
                page.locator(link).first.click()
        problem = overflow_at_narrow_width(page)
        if problem:
            too_wide.append(f"{role}: {problem}")

    visit("coach", "/participants/")
    visit("coach", link="#caseload-results tbody a")  # a participant's time line
    visit("coach", link="main a[href$='/coach/']")
    visit("coach", "/participants/")
    visit("coach", link="#caseload-results tbody a")
    visit("coach", link="main a[href$='/exit/']")
    visit("coach", "/participants/new/")
    visit("coach", link="main .cards a")  # the enrollment form of a project
    visit("referral", "/participants/referrals/")
    visit("referral", link="main tbody a")  # a referral, with the decision form
    visit("referral", "/participants/referrals/new/")
    visit("referral", "/participants/referral-groups/")
    visit("referral", link="main tbody a")  # the group's agenda
    visit("manager", "/participants/duplicates/")
    visit("manager", "/participants/")
    visit("manager", link="main nav.card a")  # a project overview
    visit("admin", "/audit/?action=participant")
    assert not too_wide, "\n".join(too_wide)


def test_reveal_works_under_the_real_csp(new_context) -> None:
    """The reveal button's htmx works under the site's Content-Security-Policy (a console error,
    such as a CSP violation, fails the test), on the demo's Tolvan Tolvansson."""
    page = new_context("coach").new_page()
    open_page(page, "/participants/?q=Tolvansson")
    with page.expect_navigation():
        page.locator("#caseload-results tbody").get_by_role(
            "link", name="Tolvan Tolvansson"
        ).click()
    loads = []
    page.on("framenavigated", lambda frame: loads.append(frame.url))
    number = page.locator("#identity-number")
    expect(number).to_have_text("19121212-****")
    page.get_by_role("button", name="Visa hela numret (loggas)").click()
    expect(number).to_have_text("19121212-1212")
    assert not loads, f"the page was loaded anew: {loads}"
