"""A new user turns on two-factor sign-in, loses the phone, signs in with a recovery code and
connects a new phone: the whole story in the browser, with the codes computed as the phone would
(TOTP, RFC 6238, django-otp's implementation)."""

from __future__ import annotations

import base64
import quopri
import re
import time
from urllib.parse import urlsplit

from django_otp.oath import totp
from playwright.sync_api import Page, expect
from support import axe_violations

NEW_USER = "tvastegs.testsson"
NEW_PASSWORD = "Grona-Bussar-Kor-Sakta-7"  # noqa: S105


def key_on_page(page: Page) -> bytes:
    """The key shown for typing into the app, as the phone would store it."""
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    return base64.b32decode(secret + "=" * (-len(secret) % 8))


def phone_code(key: bytes, *, ahead: int = 0) -> str:
    """What the phone shows now, or `ahead` half-minutes from now (a code is accepted once)."""
    return f"{totp(key, drift=ahead):06d}"


def submit(page: Page, field: str, value: str) -> None:
    form = page.locator("main form[method=post]").filter(has=page.locator(f"[name={field}]"))
    form.locator(f"[name={field}]").fill(value)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def password_link(log_text: str, email: str) -> str:
    """The sign-in link of the account e-mail (the demo prints e-mail to the server's log)."""
    at = log_text.rindex(f"To: {email}")
    body = quopri.decodestring(log_text[at : at + 4000].encode()).decode()
    match = re.search(r"https?://\S+/accounts/password/reset/\S+/", body)
    assert match, f"no password link in the e-mail to {email}"
    return urlsplit(match.group(0)).path


def sign_in(page: Page, password: str = NEW_PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(NEW_USER)
    page.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").click()


def sign_out(page: Page) -> None:
    with page.expect_navigation():
        page.locator("header form[action='/accounts/logout/'] button").click()


def test_new_user_turns_on_two_factor_loses_the_phone_and_recovers(server, new_context) -> None:
    problems: list[str] = []
    # The administrator creates the account; the sign-in e-mail carries the link.
    admin = new_context("admin").new_page()
    admin.goto("/accounts/users/new/")
    admin.locator("[name=username]").fill(NEW_USER)
    admin.locator("[name=first_name]").fill("Tvåstegs")
    admin.locator("[name=last_name]").fill("Testsson")
    admin.locator("[name=email]").fill("tvastegs@example.se")
    admin.locator("[name=membership-role]").select_option("EVALUATOR")
    admin.locator("[name=membership-organisation]").select_option(index=1)
    with admin.expect_navigation():
        admin.locator("main form[method=post] button[type=submit]").click()
    expect(admin.locator("h1")).to_contain_text("Tvåstegs Testsson")

    # The new user chooses a password on the link (the CSP holds: this context bypasses nothing).
    page = new_context().new_page()
    deadline = time.monotonic() + 10
    while "tvastegs@example.se" not in server.log.read_text() and time.monotonic() < deadline:
        time.sleep(0.2)
    page.goto(password_link(server.log.read_text(), "tvastegs@example.se"))
    page.locator("[name=new_password1]").fill(NEW_PASSWORD)
    page.locator("[name=new_password2]").fill(NEW_PASSWORD)
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").click()
    sign_in(page)
    assert urlsplit(page.url).path == "/"

    # Profile -> sign-in security -> turn on: the QR code shows under the real CSP.
    page.goto("/accounts/profile/")
    page.get_by_role("link", name=re.compile("Inloggningssäkerhet")).click()
    expect(page.locator("h1")).to_have_text("Inloggningssäkerhet")
    page.get_by_role("link", name="Slå på tvåstegsinloggning").click()
    expect(page.locator("h1")).to_have_text("Koppla en autentiseringsapp")
    qr = page.get_by_role("img", name="QR-kod för autentiseringsappen")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.naturalWidth") > 0, "the QR code did not load"
    first_phone = key_on_page(page)
    submit(page, "code", "000000" if phone_code(first_phone) != "000000" else "111111")
    expect(page.locator(".error-summary")).to_contain_text("Koden stämmer inte")
    time.sleep(1.1)  # django-otp makes the next try wait after a wrong code
    submit(page, "code", phone_code(first_phone))
    expect(page.locator("h1")).to_have_text("Dina reservkoder")
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-9]{5}-[a-z2-9]{5}", c) for c in codes)
    sign_out(page)

    # With the phone: the password alone opens nothing; the next code does.
    sign_in(page)
    expect(page.locator("h1")).to_have_text("Skriv din kod")
    assert page.goto("/accounts/profile/").url.endswith(
        "/accounts/login/code/?next=%2Faccounts%2Fprofile%2F"
    )
    submit(page, "code", phone_code(first_phone, ahead=1))
    assert urlsplit(page.url).path == "/accounts/profile/"
    sign_out(page)

    # The phone is lost: a recovery code signs in, once, and leads to connecting a new phone.
    sign_in(page)
    submit(page, "code", codes[0].upper())
    expect(page.locator("h1")).to_have_text("Koppla en autentiseringsapp")
    expect(page.get_by_text("Du loggade in med en reservkod; 9 återstår.")).to_be_visible()
    new_phone = key_on_page(page)
    assert new_phone != first_phone
    submit(page, "code", phone_code(new_phone))
    expect(page.locator("h1")).to_have_text("Dina reservkoder")
    new_codes = page.locator(".recovery-codes code").all_inner_texts()
    assert not set(new_codes) & set(codes)
    sign_out(page)

    # The lost phone and the old codes no longer work; the new phone does.
    sign_in(page)
    submit(page, "code", codes[1])
    expect(page.locator(".error-summary")).to_contain_text("Koden stämmer inte")
    time.sleep(1.1)  # django-otp makes the next try wait after a wrong code
    submit(page, "code", phone_code(first_phone, ahead=1))
    expect(page.locator(".error-summary")).to_contain_text("Koden stämmer inte")
    time.sleep(2.1)
    submit(page, "code", phone_code(new_phone, ahead=1))
    assert urlsplit(page.url).path == "/"

    # The pages of the story pass axe (axe needs its own context, without the CSP).
    checker = new_context(bypass_csp=True).new_page()
    for path in ("/accounts/login/",):
        checker.goto(path)
        problems += axe_violations(checker, path)
    checker.goto("/accounts/login/")
    checker.locator("input[name=username]").fill(NEW_USER)
    checker.locator("input[name=password]").fill(NEW_PASSWORD)
    with checker.expect_navigation():
        checker.locator("main form[method=post] button[type=submit]").click()
    problems += axe_violations(checker, "code page")
    checker.locator("[name=code]").fill(new_codes[0])
    with checker.expect_navigation():
        checker.get_by_role("button", name="Logga in").click()
    problems += axe_violations(checker, "set-up page")
    checker.goto("/accounts/security/")
    problems += axe_violations(checker, "security page")
    with checker.expect_navigation():
        checker.get_by_role("button", name="Skapa nya reservkoder").click()
    problems += axe_violations(checker, "recovery codes")
    assert problems == []
