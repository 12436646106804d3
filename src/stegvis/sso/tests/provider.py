"""A small, real OpenID Connect provider for the tests, built with pyop and served over HTTP by
wsgiref in a thread: discovery, authorisation (it signs in whichever user the test chose, with no
page), the token endpoint (RS256-signed ID tokens), userinfo and the signing keys. Stegvis talks to
it through mozilla-django-oidc as it would to Entra ID or an e-identification broker."""

from __future__ import annotations

import json
import threading
from typing import Any
from urllib.parse import urlencode
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwkest.jwk import RSAKey, import_rsa_key
from pyop.authz_state import AuthorizationState
from pyop.provider import Provider
from pyop.subject_identifier import HashBasedSubjectIdentifierFactory
from pyop.userinfo import Userinfo

CLIENT_ID = "stegvis-test"
CLIENT_SECRET = "not-a-real-secret-0123456789"  # noqa: S105


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


class TestProvider:
    """`users` maps a login name to its claims ({"email": …, "email_verified": True, …});
        `next_user` is the login name the next authorisation signs in, and `next_id_token_claims` what
    its ID token says besides (how the person signed in: amr, acr)."""

    def __init__(self, redirect_uri: str) -> None:
        self.server: WSGIServer = make_server("127.0.0.1", 0, self.app, handler_class=_Quiet)
        self.issuer = f"http://127.0.0.1:{self.server.server_port}"
        private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        key = RSAKey(key=import_rsa_key(pem), alg="RS256", kid="test-key")
        self.users: dict[str, dict[str, Any]] = {}
        self.next_user = ""
        # Claims the next ID token carries besides the user's (e.g. {"amr": ["pwd", "mfa"]}).
        self.next_id_token_claims: dict[str, Any] = {}
        configuration = {
            # OIDC requires an https issuer; the endpoints themselves are served over plain HTTP
            # on the loopback address for the test.
            "issuer": "https://idp.test",
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "scopes_supported": ["openid", "email", "profile"],
            "response_types_supported": ["code"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
            "subject_types_supported": ["public"],
        }
        clients = {
            CLIENT_ID: {
                "client_secret": CLIENT_SECRET,
                "redirect_uris": [redirect_uri],
                "response_types": ["code"],
                "token_endpoint_auth_method": "client_secret_post",
            }
        }
        self.provider = Provider(
            key,
            configuration,
            AuthorizationState(HashBasedSubjectIdentifierFactory("salt")),
            clients,
            Userinfo(self.users),
        )
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def __enter__(self) -> TestProvider:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def app(self, environ: dict, start_response: Any) -> list[bytes]:
        path = environ["PATH_INFO"]
        query = environ.get("QUERY_STRING", "")
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length).decode() if length else ""
        headers = {"Authorization": environ.get("HTTP_AUTHORIZATION", "")}
        if path == "/.well-known/openid-configuration":
            return self._json(start_response, self.provider.provider_configuration.to_dict())
        if path == "/jwks":
            return self._json(start_response, self.provider.jwks)
        if path == "/authorize":
            request = self.provider.parse_authentication_request(query)
            response = self.provider.authorize(request, self.next_user)
            start_response("302 Found", [("Location", response.request(request["redirect_uri"]))])
            return [b""]
        if path == "/token":
            # pyop's (stateful) code exchange takes the extra ID-token claims here.
            response = self.provider.handle_token_request(
                body, headers, extra_id_token_claims=dict(self.next_id_token_claims)
            )
            return self._json(start_response, response.to_dict())
        if path == "/userinfo":
            response = self.provider.handle_userinfo_request(query or body, headers)
            return self._json(start_response, response.to_dict())
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]

    @staticmethod
    def _json(start_response: Any, data: dict) -> list[bytes]:
        start_response("200 OK", [("Content-Type", "application/json")])
        return [json.dumps(data).encode()]


def query_of(**values: str) -> str:
    return urlencode(values)
