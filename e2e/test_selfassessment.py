"""SKAPA self-assessment on the participant's own phone, end to end.

The coach makes a personal link on the participant page; a phone (a fresh anonymous context,
360×740) opens it, answers half the questions, reloads and finds the answers kept, answers the
rest, submits; the coach rates the same domains and sees the self-assessment beside their own;
the used link then gets the clear "already sent" page. axe runs on every screen.

axe needs contexts that bypass the CSP; one more phone context keeps the real CSP (and fails the
test on any console error, a CSP violation included) for the pages it opens.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from support import axe_violations

PHONE = {"width": 360, "height": 740}
ANSWERS = [3, 4, 5, 6, 7, 8]  # the six SKAPA domains, in order


def check(page: Page, label: str, problems: list[str]) -> None:
    problems.extend(axe_violations(page, label))
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"] if page.viewport_size else 0
    if viewport == PHONE["width"] and width > viewport + 1:
        problems.append(f"{label}: {width} px wide at a {viewport} px screen")


def make_link(coach: Page, problems: list[str]) -> tuple[str, str]:
    """As coach: open a participant from the caseload and make a link. Returns (link, detail path)."""
    coach.goto("/participants/")
    coach.locator("#caseload-results tbody tr td a").first.click()
    expect(coach.locator("#assessments-title")).to_be_visible()
    detail = coach.url
    check(coach, "participant page", problems)
    coach.get_by_role("link", name="Länk för självskattning").click()
    expect(coach.get_by_role("heading", name=re.compile("Närmare arbete"))).to_be_visible()
    check(coach, "assessments page", problems)
    coach.get_by_role("button", name="Skapa en länk").click()
    link = coach.locator("#selfassessment-link").inner_text().strip()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/s/[A-Za-z0-9_-]{43}/", link), link
    expect(coach.locator("img.qr")).to_be_visible()
    check(coach, "link with QR code", problems)
    return link, detail


def answer(phone: Page, number: int, value: int, problems: list[str]) -> None:
    expect(phone.locator(".progress-text")).to_have_text(f"Fråga {number} av 6")
    if number in (1, 6):
        check(phone, f"question {number}", problems)
    phone.get_by_label(str(value), exact=True).check()
    button = "Spara och se alla svar" if number == 6 else "Spara och gå vidare"
    phone.get_by_role("button", name=button).click()


def test_a_participant_rates_themself_on_a_phone_and_the_coach_sees_it(new_context) -> None:
    problems: list[str] = []
    coach = new_context("coach", bypass_csp=True).new_page()
    link, detail = make_link(coach, problems)

    # The real CSP on a phone: the start page and a question show no console error.
    strict = new_context(viewport=PHONE).new_page()
    strict.goto(link)
    expect(strict.get_by_role("link", name="Börja")).to_be_visible()
    strict.get_by_role("link", name="Börja").click()
    expect(strict.locator(".progress-text")).to_have_text("Fråga 1 av 6")

    phone = new_context(viewport=PHONE, bypass_csp=True).new_page()
    phone.goto(link)
    expect(phone.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Hej \w+!$"))
    first_name = phone.get_by_role("heading", level=1).inner_text()[4:-1]
    check(phone, "start", problems)
    phone.get_by_role("link", name="Börja").click()
    for number, value in enumerate(ANSWERS[:3], start=1):
        answer(phone, number, value, problems)

    # Half-way: a reload keeps everything; going back shows the saved answer.
    expect(phone.locator(".progress-text")).to_have_text("Fråga 4 av 6")
    phone.reload()
    expect(phone.locator(".progress-text")).to_have_text("Fråga 4 av 6")
    phone.get_by_role("button", name="Tillbaka").click()
    expect(phone.locator(".progress-text")).to_have_text("Fråga 3 av 6")
    expect(phone.get_by_label("5", exact=True)).to_be_checked()
    expect(phone.get_by_text("Sparat: 5.")).to_be_visible()
    phone.get_by_role("button", name="Spara och gå vidare").click()
    for number, value in enumerate(ANSWERS[3:], start=4):
        answer(phone, number, value, problems)

    expect(phone.get_by_role("heading", name="Dina svar")).to_be_visible()
    expect(phone.locator(".answers .value")).to_have_text([str(v) for v in ANSWERS])
    check(phone, "summary", problems)
    phone.get_by_role("button", name="Skicka mina svar").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(f"Tack, {first_name}!")
    check(phone, "thank you", problems)

    # The used link: a clear page, status 410, nothing about the person.
    response = phone.goto(link)
    assert response is not None and response.status == 410
    expect(phone.get_by_role("heading", name="Redan skickat")).to_be_visible()
    assert first_name not in phone.locator("main").inner_text()
    check(phone, "already sent", problems)

    # The coach rates the same domains and sees both side by side.
    coach.goto(detail)
    coach.get_by_role("link", name="Skatta som coach").click()
    scales = coach.locator("fieldset.scale-field")
    expect(scales).to_have_count(7)
    check(coach, "coach rating", problems)
    for index in range(7):
        scales.nth(index).get_by_label("6", exact=True).check()
    coach.get_by_role("button", name="Spara skattningen").click()
    expect(coach.get_by_text("Skattningen är sparad.")).to_be_visible()
    coach.goto(detail)
    rows = coach.locator("#assessments tbody tr")
    for index, value in enumerate(ANSWERS):
        cells = rows.nth(index).locator("td")
        expect(cells.nth(0)).to_have_text(str(value))
        expect(cells.nth(1)).to_have_text("6")
    # 3 against 6: highlighted in words, not by colour alone.
    expect(rows.nth(0)).to_contain_text("Coachen 3 högre")
    expect(rows.nth(0)).to_contain_text("prata om det")
    check(coach, "participant page with both ratings", problems)

    assert not problems, "\n".join(problems)
