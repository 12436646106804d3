"""The access matrix: every route of the project, asked by every role, for objects inside and
outside their reach, answers as declared in access_matrix.MATRIX.

The routes are found by walking the URLconf (the pages and the /api/v1/ endpoints alike), so a new
route that is not declared makes the test fail with the line to add. Each request runs in a
transaction that is rolled back, so the answers do not depend on one another.

Run with STEGVIS_MATRIX_PRINT=1 to print the observed matrix in the declaration's format (to
declare a new route: review every answer before pasting it).
"""

from __future__ import annotations

import logging
import os
import re
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Max
from django.test import Client
from django.urls import get_resolver

from stegvis.core.models import AuditEvent
from stegvis.core.tests.access_matrix import MATRIX, PENDING, PERSON_ACTIONS, PERSON_PAGES
from stegvis.core.tests.access_matrix_fixture import (
    FORM,
    PARAMETERS,
    QUERY,
    ROUTE_PARAMETERS,
    USERS,
    VARIANTS,
    MatrixFixture,
)
from stegvis.core.tests.test_urls import walk

LOGIN_PATH = "/accounts/login/"


def routes() -> dict[str, str]:
    """Every named route with its pattern, e.g. {"participants:detail": "participants/<uuid:…>/"}."""
    return {name: route for name, route, _pattern in walk(get_resolver())}


def keywords(route: str) -> list[str]:
    return re.findall(r"<(?:\w+:)?(\w+)>", route)


def answer_code(response) -> str:  # noqa: ANN001
    """The answer as the matrix writes it: L for a redirect to sign-in, else the status code."""
    if response.status_code == 302 and response["Location"].split("?")[0].endswith(LOGIN_PATH):
        return "L"
    return str(response.status_code)


class AccessMatrixTests(MatrixFixture):
    @classmethod
    def setUpClass(cls) -> None:
        # Thousands of refusals would each log a warning (and building the fixture logs too).
        logging.disable(logging.CRITICAL)
        super().setUpClass()

    @classmethod
    def tearDownClass(cls) -> None:
        logging.disable(logging.NOTSET)
        super().tearDownClass()

    def setUp(self) -> None:
        self.clients = {}
        for username in USERS:
            client = Client(raise_request_exception=False)
            if username != "anonymous":
                client.force_login(getattr(self, username))
            self.clients[username] = client
        # Signing out (accounts:logout) ends the session: each request starts from these cookies
        # again, and the rolled-back transaction brings the session back.
        self.cookies = {u: c.cookies.output(header="", sep=";") for u, c in self.clients.items()}
        self.unaudited: list[str] = []

    def path(self, name: str, route: str, where: str) -> str:
        values = dict(VARIANTS.get(name, {}))
        for keyword in keywords(route):
            if keyword not in values:
                values[keyword] = self.value(keyword, where, name)
        path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m.group(1)], route)
        query = {field: self.value(kw, where) for field, kw in QUERY.get(name, {}).items()}
        return f"{path}?{urlencode(query)}" if query else path

    @staticmethod
    def fillable(name: str, route: str) -> bool:
        return all(
            k in PARAMETERS or k in VARIANTS.get(name, {}) or k in ROUTE_PARAMETERS.get(name, {})
            for k in keywords(route)
        )

    def form(self, name: str, where: str) -> dict[str, str]:
        return {field: self.value(kw, where) for field, kw in FORM.get(name, {}).items()}

    def ask(  # noqa: ANN201
        self,
        username: str,
        method: str,
        path: str,
        data: dict | None = None,
        *,
        keep=False,  # noqa: ANN001
        audit=False,  # noqa: ANN001
    ):
        """`username`'s answer; what the request wrote is rolled back unless `keep`. With `audit`,
        self.audited says whether the request wrote an audit read with a person's key by
        `username` (before the rollback)."""
        client = self.clients[username]
        client.cookies = SimpleCookie(self.cookies[username])
        # Rate limits (the public forms') count in the cache, which no rollback resets.
        cache.clear()
        # The API takes a personal token, not the session (api/).
        headers = {}
        if path.startswith("/api/v1/") and username != "anonymous":
            headers["HTTP_AUTHORIZATION"] = f"Bearer {self.api_secrets[username]}"
        with transaction.atomic():
            last = AuditEvent.objects.aggregate(last=Max("id"))["last"] or 0 if audit else 0
            if method == "GET":
                response = client.get(path, **headers)
            else:
                response = client.post(path, data or {}, **headers)
            if audit:
                self.audited = AuditEvent.objects.filter(
                    id__gt=last,
                    actor_label=getattr(self, username).username,
                    person_key__isnull=False,
                ).exists()
            transaction.set_rollback(not keep)
        return response

    def observe(self, name: str, route: str, method: str, where: str) -> list[str]:
        """Every user's answer. On a page showing one participant (PERSON_PAGES, its method,
        inside reach), every user it shows the person to must leave an audit read with the
        person's key (audit completeness): self.unaudited lists those who did not."""
        path, data = self.path(name, route, where), self.form(name, where)
        audit = where == "in" and PERSON_PAGES.get(name) == method
        answers = []
        for username in USERS:
            response = self.ask(username, method, path, data, audit=audit and username in USERS[1:])
            answers.append(answer_code(response))
            if audit and username in USERS[1:] and response.status_code == 200 and not self.audited:
                self.unaudited.append(
                    f"{name} showed a participant to {username} without an audit record"
                )
        return answers

    def test_every_route_is_declared(self):
        found = routes()
        missing = sorted(set(found) - set(MATRIX) - set(PENDING))
        hint = "\n".join(
            f"    {name!r}: {{...}},  # {found[name]}"
            + ("" if self.fillable(name, found[name]) else "  (name its URL keywords first)")
            for name in missing
        )
        self.assertEqual(
            missing,
            [],
            "These routes are not in core/tests/access_matrix.py MATRIX. Declare, for each, the "
            "answer of every user (" + ", ".join(USERS) + ") to GET and POST inside and outside "
            "their reach: a URL keyword must be named in access_matrix_fixture.PARAMETERS, "
            "ROUTE_PARAMETERS or VARIANTS (with the objects in MatrixFixture); then "
            "STEGVIS_MATRIX_PRINT=1 .venv/bin/python -m pytest -s "
            "src/stegvis/core/tests/test_access_matrix.py prints what they answer now, to review "
            "and paste. A page showing one participant goes into PERSON_PAGES too.\n" + hint,
        )
        self.assertEqual(
            sorted(set(MATRIX) - set(found)), [], "MATRIX declares routes that are gone"
        )
        self.assertEqual(
            sorted(set(PENDING) - set(found)), [], "PENDING names routes that are gone"
        )
        self.assertEqual(sorted(set(PENDING) & set(MATRIX)), [], "declared: remove from PENDING")
        unfillable = [name for name in MATRIX if not self.fillable(name, found[name])]
        self.assertEqual(
            unfillable, [], "declared routes with URL keywords the fixture cannot fill"
        )

    def test_every_route_answers_every_user_as_declared(self):
        found = routes()
        printing = os.environ.get("STEGVIS_MATRIX_PRINT")
        differences = []
        only = os.environ.get("STEGVIS_MATRIX_ONLY", "")
        for name, route in found.items():
            if not name.startswith(only):
                continue
            if (name not in MATRIX and not printing) or not self.fillable(name, route):
                continue  # test_every_route_is_declared names it
            declared = MATRIX.get(name, {})
            checks = declared or {
                "GET in": None,
                "GET out": None,
                "POST in": None,
                "POST out": None,
            }
            only_variants = all(k in VARIANTS.get(name, {}) for k in keywords(route))
            if only_variants and name not in QUERY and name not in FORM:
                checks = {k: v for k, v in checks.items() if not k.endswith("out")}
            observed_row = {}
            for check, expected in checks.items():
                method, where = check.split()
                observed = " ".join(self.observe(name, route, method, where))
                observed_row[check] = observed
                if expected is not None and observed != " ".join(expected.split()):
                    differences.append(
                        f"{name} {check}: declared {expected!r}, answered {observed!r}"
                    )
            if printing:
                print(f"    {name!r}: {{")  # noqa: T201
                for check, observed in observed_row.items():
                    print(f"        {check!r}: {observed!r},")  # noqa: T201
                print("    },")  # noqa: T201
        self.assertEqual(differences, [], "\n".join(differences))
        self.assertEqual(self.unaudited, [], "\n".join(self.unaudited))

    def test_routes_with_an_id_answer_404_for_an_id_that_names_nothing(self):
        """Even a system administrator: unknown ids and forbidden ones look the same."""
        for name, route in routes().items():
            ids = [k for k in keywords(route) if k.endswith("_id")]
            if not ids or name not in MATRIX:
                continue  # test_every_route_is_declared names it
            values = dict(VARIANTS.get(name, {}))
            for keyword in keywords(route):
                if keyword in ids:
                    values[keyword] = "999999" if "int:" + keyword in route else str(self.missing)
                elif keyword not in values:
                    values[keyword] = self.value(keyword, "in", name)
            path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m, v=values: v[m.group(1)], route)
            # The API checks a POST's body before its view looks the id up (400).
            for method in ("GET",) if name.startswith("api:") else ("GET", "POST"):
                with self.subTest(route=name, method=method):
                    self.assertIn(answer_code(self.ask("admin", method, path)), {"404", "405"})

    def test_every_page_showing_a_participant_records_the_read(self):
        """Audit completeness: who opened whose data is in the trail, with the person's key.

        The reads are checked where the pages are asked anyway, in
        test_every_route_answers_every_user_as_declared (observe: every user a PERSON_PAGES page
        answers 200 must leave an audit read with the person's key, before the rollback); here,
        that every such page is asked there by its method inside reach."""
        for name, method in PERSON_PAGES.items():
            with self.subTest(route=name):
                self.assertIn(f"{method} in", MATRIX.get(name, {}), f"{name}: declare it")

    def test_every_route_naming_a_person_is_a_person_page(self):
        """A route whose URL names a participant, referral or job shows personal data: it must be
        among PERSON_PAGES (read audited) unless it never shows the person (POST-only, listed)."""
        personal = {"enrollment_id", "referral_id", "employment_id", "participant_id", "person_id"}
        for name, route in routes().items():
            if personal & set(keywords(route)) and name not in PENDING:
                with self.subTest(route=name):
                    self.assertTrue(
                        name in PERSON_PAGES or name in PERSON_ACTIONS,
                        f"{name} names a person in its URL: add it to PERSON_PAGES",
                    )

    def test_login_path_is_the_sign_in_page(self):
        from django.urls import reverse

        self.assertEqual(reverse(settings.LOGIN_URL), LOGIN_PATH)
