"""The participants' voice in a real browser: the project manager starts a survey of MESSA from
the project page (the standard questions), opens it and makes a link for five participants; each
answers anonymously on a phone (320 px, no account, no name on the page); the results show the
five answers with the hand-computed mean and the free texts in alphabetical order, and nothing
that leads back to a person: no names, no per-participant "answered". axe on each page."""

from __future__ import annotations

import secrets

from journey import open_page, submit
from playwright.sync_api import Page, expect
from support import NARROW_WIDTH, axe_violations, overflow_at_narrow_width

PROJECT = "2020/00581"
MET = [4, 5, 3, 5, 2]  # "How were you met": mean 19/5 = 3.8
TEXTS = ["Fler träffar", "bättre tider", "Ärliga svar", "Mer stöd", ""]


def axe(page: Page, label: str) -> None:
    assert not (problems := axe_violations(page, label)), "\n".join(problems)


def answer_on_the_phone(phone: Page, link: str, met: int, text: str) -> None:
    open_page(phone, link)
    expect(phone.get_by_role("heading", level=1)).to_be_visible()
    expect(phone.locator("main")).to_contain_text("Dina svar är anonyma.")
    assert (overflow := overflow_at_narrow_width(phone)) is None, overflow
    phone.locator("fieldset", has_text="bemött").get_by_label(str(met), exact=False).first.check()
    phone.locator("fieldset", has_text="Vilket stöd").get_by_label("Samtal med min coach").check()
    if text:
        phone.locator("fieldset", has_text="Vad vill du att vi ändrar på?").locator(
            "textarea"
        ).fill(text)
    submit(phone, phone.get_by_role("button", name="Skicka mina svar"))
    expect(phone.get_by_role("heading", level=1)).to_have_text("Tack för dina svar")


def test_a_survey_is_answered_anonymously_on_a_phone(new_context, project_urls) -> None:
    manager = new_context("manager", bypass_csp=True).new_page()
    open_page(manager, project_urls[PROJECT])
    manager.get_by_role("link", name="Deltagarnas röst: enkäter och svarsfrekvens").click()
    axe(manager, "participants' voice")
    manager.get_by_role("link", name="Ny enkät").click()
    title = f"Vad tycker du om stödet? {secrets.token_hex(2)}"
    form = manager.locator("main form[method=post]")
    form.get_by_label("Titel").fill(title)
    form.get_by_label("Börja med standardfrågorna", exact=False).check()
    submit(manager, form.get_by_role("button", name="Spara som utkast"))
    expect(manager.locator("main ol li")).to_have_count(6)
    axe(manager, "survey draft")
    submit(manager, manager.get_by_role("button", name="Öppna enkäten för svar"))
    survey_url = manager.url

    links = []
    for _ in range(5):
        open_page(manager, survey_url)
        buttons = manager.locator("main table tbody").get_by_role("button", name="Skapa en länk")
        submit(manager, buttons.first)
        links.append(manager.locator("#survey-link").get_attribute("href"))
    axe(manager, "survey with a new link")
    assert len(set(links)) == 5

    phone = new_context(
        bypass_csp=True,
        viewport={"width": NARROW_WIDTH, "height": 740},
        is_mobile=True,
        has_touch=True,
    ).new_page()
    for n, (link, met, text) in enumerate(zip(links, MET, TEXTS, strict=True)):
        answer_on_the_phone(phone, link, met, text)
        if n == 0:
            axe(phone, "thanks")
    # A link works once.
    open_page(phone, links[0], status=410)

    open_page(manager, survey_url)
    facts = manager.locator("dl.facts")
    expect(facts).to_contain_text("5 (100 %)")
    expect(manager.locator("main")).not_to_contain_text("besvarad")
    manager.get_by_role("link", name="Resultat", exact=True).click()
    axe(manager, "results")
    main = manager.locator("main")
    expect(main).to_contain_text("Medelvärde 3,8 av 5 (5 svar).")
    texts = main.locator("ul.free-texts li").all_inner_texts()
    assert texts == ["bättre tider", "Fler träffar", "Mer stöd", "Ärliga svar"], texts
    # Nothing leads back to a person: no participant's page, no name of the five.
    expect(main.locator("a[href*='/participants/']")).to_have_count(0)
    expect(main).not_to_contain_text("Tolvansson")
