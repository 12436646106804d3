"""The API in a real browser and over HTTP: the manager makes a token from the profile page (shown
once), reads the API with it, revokes it (401 after); the interactive docs at /api/v1/docs render
every operation under the site's real CSP with no console error; axe on the token page."""

from __future__ import annotations

from playwright.sync_api import expect
from support import axe_violations


def test_a_token_from_the_profile_reads_the_api_until_revoked(new_context) -> None:
    context = new_context("manager")
    page = context.new_page()
    page.goto("/accounts/profile/")
    page.get_by_role("link", name="API-nycklar för andra system").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("API-nycklar")
    page.get_by_label("Nyckelns namn").fill("Power BI, styrgruppen")
    page.get_by_label("Giltig i (dagar)").fill("30")
    page.get_by_role("button", name="Skapa nyckeln").click()
    secret = page.get_by_label("Nyckel", exact=True).input_value()
    assert secret.startswith("stv_"), secret
    headers = {"Authorization": f"Bearer {secret}"}
    answer = context.request.get("/api/v1/projects/?limit=5", headers=headers)
    assert answer.status == 200, answer.text()
    body = answer.json()
    assert body["count"] >= 1 and len(body["items"]) <= 5
    participants = context.request.get("/api/v1/participants/?limit=1", headers=headers).json()
    assert participants["count"] >= 1 and "first_name" not in participants["items"][0]
    # Shown once: the list shows only its first characters.
    page.goto("/api/tokens/")
    expect(page.locator("main")).not_to_contain_text(secret)
    expect(page.locator("main")).to_contain_text(secret[:8])
    page.get_by_role("button", name="Återkalla Power BI, styrgruppen").click()
    expect(page.locator("main")).to_contain_text("Återkallad")
    answer = context.request.get("/api/v1/projects/", headers=headers)
    assert answer.status == 401
    assert "error" in answer.json()


def test_the_interactive_docs_work_under_the_sites_csp(new_context) -> None:
    page = new_context(None).new_page()
    page.goto("/api/v1/docs")
    expect(page.locator(".swagger-ui .title")).to_contain_text("Stegvis API")
    for path in ("/api/v1/participants/", "/api/v1/projects/{project_id}/export",
                 "/api/v1/reports/methods"):  # fmt: skip
        expect(page.get_by_text(path, exact=True).first).to_be_visible()


def test_axe_on_the_token_page(new_context) -> None:
    # Not on /api/v1/docs: Swagger UI, a developer's tool, has serious axe findings of its own
    # (nested buttons in each operation's header, contrast of the method labels); docs/api.md
    # says so, and no staff page links to it.
    page = new_context("coach", bypass_csp=True).new_page()
    page.goto("/api/tokens/")
    problems = axe_violations(page, "API tokens")
    assert not problems, "axe violations:\n" + "\n".join(problems)
