"""Every route is either login-protected or declared public in stegvis.urls.PUBLIC_URL_NAMES."""

import uuid

from django.conf import settings
from django.test import TestCase
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from stegvis.urls import PUBLIC_URL_NAMES

SAMPLE_ARGS = {"uuid": str(uuid.uuid4()), "int": "1", "str": "x", "slug": "x", "path": "x"}


def walk(resolver: URLResolver, namespace: str = "", prefix: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry, ns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}", prefix + str(entry.pattern), entry


def sample_path(route: str) -> str:
    import re

    def fill(match: re.Match) -> str:
        converter = match.group(1) or "str"
        return SAMPLE_ARGS[converter] if converter != "uidb64" else "MQ"

    path = re.sub(r"<(?:(\w+):)?\w+>", fill, route)
    return "/" + path


class UrlPolicyTests(TestCase):
    def test_every_route_is_protected_or_declared_public(self):
        self.assertIn("django.contrib.auth.middleware.LoginRequiredMiddleware", settings.MIDDLEWARE)
        undeclared, stale = [], set(PUBLIC_URL_NAMES)
        for name, _route, pattern in walk(get_resolver()):
            view = pattern.callback
            view_class = getattr(view, "view_class", None)
            is_public = getattr(view, "login_required", True) is False or (
                view_class is not None and getattr(view_class, "login_required", True) is False
            )
            stale.discard(name)
            if is_public and name not in PUBLIC_URL_NAMES:
                undeclared.append(name)
            if not is_public and name in PUBLIC_URL_NAMES:
                undeclared.append(f"{name} (declared public but requires login)")
        self.assertEqual(undeclared, [], "routes open without login that are not declared public")
        self.assertEqual(stale, set(), "PUBLIC_URL_NAMES lists routes that do not exist")

    def test_anonymous_visitors_are_sent_to_login_from_every_protected_route(self):
        login = reverse(settings.LOGIN_URL)
        for name, route, _pattern in walk(get_resolver()):
            if name in PUBLIC_URL_NAMES:
                continue
            path = sample_path(route)
            with self.subTest(route=name, path=path):
                for method in (self.client.get, self.client.post):
                    response = method(path)
                    self.assertEqual(response.status_code, 302)
                    self.assertTrue(response["Location"].startswith(login), response["Location"])

    def test_public_routes_answer_without_login(self):
        for name in (
            "healthz",
            "accounts:login",
            "accounts:password_reset",
            "accounts:password_reset_done",
        ):
            with self.subTest(route=name):
                self.assertEqual(self.client.get(reverse(name)).status_code, 200)
