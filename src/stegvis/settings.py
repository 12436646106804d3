"""Settings for Stegvis. Every deployment choice is read from the environment (see .env.example).

With no variables set, Stegvis runs as a local demo: SQLite under var/, answering only on
localhost, with demo keys generated into var/. An installation that sets ALLOWED_HOSTS is a
production installation: it refuses to start without SECRET_KEY and STEGVIS_FIELD_KEY.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from stegvis.env import env_bool, env_int, env_list, env_str

SRC_DIR = Path(__file__).resolve().parent
BASE_DIR = SRC_DIR.parent.parent
VAR_DIR = Path(env_str("STEGVIS_VAR_DIR", str(BASE_DIR / "var")))

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
PRODUCTION = bool(ALLOWED_HOSTS)
DEBUG = env_bool("DEBUG", default=False)


def _demo_secret(name: str, make: callable) -> str:  # type: ignore[valid-type]
    """A key for the local demo, generated once and kept in var/ so the demo's data stays readable."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "demo-secrets.json"
    stored = json.loads(path.read_text()) if path.exists() else {}
    if name not in stored:
        stored[name] = make()
        path.write_text(json.dumps(stored, indent=2))
        path.chmod(0o600)
    return stored[name]


def _new_fernet_key() -> str:
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode()


SECRET_KEY = env_str("SECRET_KEY")
STEGVIS_FIELD_KEY = env_str("STEGVIS_FIELD_KEY")
if PRODUCTION:
    missing = [
        n
        for n, v in (("SECRET_KEY", SECRET_KEY), ("STEGVIS_FIELD_KEY", STEGVIS_FIELD_KEY))
        if not v
    ]
    if missing:
        raise ImproperlyConfigured(
            "Stegvis is configured for production (ALLOWED_HOSTS is set) but "
            + " and ".join(missing)
            + " is not set. See .env.example."
        )
else:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
    SECRET_KEY = SECRET_KEY or _demo_secret("SECRET_KEY", lambda: secrets.token_urlsafe(50))
    STEGVIS_FIELD_KEY = STEGVIS_FIELD_KEY or _demo_secret("STEGVIS_FIELD_KEY", _new_fernet_key)

INSTALLED_APPS = [
    "stegvis.core",
    "stegvis.accounts",
    "stegvis.projects",
    "stegvis.participants",
    "stegvis.assessments",
    "stegvis.employers",
    "stegvis.exchange",
    "stegvis.reports",
    "stegvis.privacy",
    "stegvis.fidelity",
    "stegvis.youth",
    "stegvis.coordination",
    "stegvis.surveys",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "stegvis.api",
    "stegvis.sso",
    "ninja",  # the API docs' template and its Swagger UI files, served as static files (CSP)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Refuses an oversized request (STEGVIS_MAX_REQUEST_MB) before anything reads it.
    "stegvis.core.uploads.RequestSizeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "stegvis.core.middleware.RequestContextMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Sign-in rules (accounts/middleware.py), after messages: the time-out leaves one.
    "stegvis.accounts.middleware.IdleTimeoutMiddleware",
    "stegvis.accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "stegvis.urls"
WSGI_APPLICATION = "stegvis.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "stegvis.navigation.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'stegvis.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # One writer at a time; wait for it instead of failing with "database is locked". In WAL mode
    # readers never wait for the writer, so pages (an import job's progress among them) still open
    # while the background worker holds the write lock for a long import.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        # A fresh checkout has no var/ yet: SQLite creates the file, not its folder.
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: on the caseload's query PostgreSQL spent 4 s compiling for 0.3 s of work
    # (bench/, docs/scaling.md). A URL's own ?options= wins.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day
# django-axes first: it refuses a locked-out sign-in before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "stegvis.sso.backend.StegvisOIDCBackend",  # single sign-on (sso/), when configured
]

# Strong sign-in (docs/security.md). Two-factor sign-in (TOTP with recovery codes) is required of
# the roles that see individuals (accounts/two_factor.py) when STEGVIS_REQUIRE_2FA is on: on in
# production, off in the demo and the tests. Anyone may turn it on for themselves.
STEGVIS_REQUIRE_2FA = env_bool("STEGVIS_REQUIRE_2FA", default=PRODUCTION)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Stegvis")
# Lock-out: this many failed sign-ins for one user name from one address lock that pair out for
# the cool-off time. The address is the one in the audit trail (STEGVIS_TRUSTED_PROXIES below).
AXES_FAILURE_LIMIT = env_int("STEGVIS_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("STEGVIS_LOGIN_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "stegvis.core.middleware.client_ip"
AXES_LOCKOUT_CALLABLE = "stegvis.accounts.views_security.locked_out"
AXES_RESET_ON_SUCCESS = True
# A session ends after this many minutes without a request (sliding), and in any case after
# SESSION_COOKIE_AGE.
STEGVIS_SESSION_IDLE_MINUTES = env_int("STEGVIS_SESSION_IDLE_MINUTES", 30)
# Uploads: no request may be larger than this (the exchange import takes several files of at most
# 10 MB each); each upload form checks its files' kind and size too (core/uploads.py).
STEGVIS_MAX_REQUEST_MB = env_int("STEGVIS_MAX_REQUEST_MB", 60)

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)  # a working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [SRC_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [SRC_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# E-mail: SMTP when EMAIL_HOST is set, otherwise printed to the console (demo).
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": EMAIL_HOST,
                "port": env_int("EMAIL_PORT", 587),
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_str("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", default=True),
                "timeout": 20,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
del EMAIL_HOST
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Stegvis <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security. Behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER_NAME (e.g. HTTP_X_FORWARDED_PROTO).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
# Joining the browsers' HSTS preload list is hard to undo and binds every subdomain: the operator
# decides with SECURE_HSTS_PRELOAD=true, so Django's reminder about it is silenced.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
if env_str("SECURE_PROXY_SSL_HEADER_NAME"):
    SECURE_PROXY_SSL_HEADER = (env_str("SECURE_PROXY_SSL_HEADER_NAME"), "https")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The client address in the audit trail: REMOTE_ADDR, or the last hop of X-Forwarded-For when
# Stegvis runs behind this many trusted proxies.
STEGVIS_TRUSTED_PROXIES = env_int("STEGVIS_TRUSTED_PROXIES", 0)

# Content Security Policy without 'unsafe-inline': every script and style is a static file.
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
}

# Self-assessment links (assessments): the address they start with, how long they work, and the
# class that sends them by SMS ("" = no SMS; the file sender writes to var/sms-outbox/, for the demo).
STEGVIS_BASE_URL = env_str("STEGVIS_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
STEGVIS_SELFASSESSMENT_LINK_DAYS = env_int("STEGVIS_SELFASSESSMENT_LINK_DAYS", 14)

# The retention rule (privacy): people are anonymised this many years after their last
# participation ended (`stegvis retention`, docs/privacy.md).
STEGVIS_RETENTION_YEARS = env_int("STEGVIS_RETENTION_YEARS", 5)

# The API (api/): requests per token, as "N/s", "N/min", "N/hour" or "N/day" (docs/api.md).
STEGVIS_API_RATE = env_str("STEGVIS_API_RATE", "600/min")

# Single sign-on for staff by OpenID Connect (sso/config.py); off while the discovery URL is empty.
STEGVIS_OIDC_DISCOVERY_URL = env_str("STEGVIS_OIDC_DISCOVERY_URL")
STEGVIS_OIDC_CLIENT_ID = env_str("STEGVIS_OIDC_CLIENT_ID")
STEGVIS_OIDC_CLIENT_SECRET = env_str("STEGVIS_OIDC_CLIENT_SECRET")
STEGVIS_OIDC_DISPLAY_NAME = env_str("STEGVIS_OIDC_DISPLAY_NAME")
STEGVIS_OIDC_CREATE_USERS = env_bool("STEGVIS_OIDC_CREATE_USERS", default=False)
# When a sign-in through the provider counts as two-factor (accounts' 2FA rule, sso/backend.py):
# the ID token's `amr` says "mfa", or its `acr` is one of these levels (default: the Swedish
# e-identification framework's LoA 3 and 4, e.g. BankID through a broker), or the installation
# declares that its provider always requires a second factor (STEGVIS_OIDC_TRUST_MFA).
STEGVIS_OIDC_STRONG_ACR = env_list(
    "STEGVIS_OIDC_STRONG_ACR",
    ["http://id.elegnamnden.se/loa/1.0/loa3", "http://id.elegnamnden.se/loa/1.0/loa4"],
)
STEGVIS_OIDC_TRUST_MFA = env_bool("STEGVIS_OIDC_TRUST_MFA", default=False)
STEGVIS_SMS_SENDER = env_str(
    "STEGVIS_SMS_SENDER", "" if PRODUCTION else "stegvis.assessments.sending.FileSmsSender"
)
STEGVIS_EMAIL_LINK_SENDER = env_str(
    "STEGVIS_EMAIL_LINK_SENDER", "stegvis.assessments.sending.EmailSender"
)

# Background work (large imports): Django's tasks framework, queued in the database and run by
# `stegvis db_worker` (docs/operations.md). TASKS_BACKEND=immediate runs tasks in the request
# instead, for an installation without a worker process.
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
}
_tasks_backend = env_str("TASKS_BACKEND", "database")
if _tasks_backend not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be database or immediate, not {_tasks_backend!r}."
    )
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[_tasks_backend], "QUEUES": ["default"]}}
# Imports of more rows than this run in the background with a progress page; smaller ones in
# the request.
EXCHANGE_IMPORT_INLINE_MAX_ROWS = env_int("EXCHANGE_IMPORT_INLINE_MAX_ROWS", 500)

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if env_str("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env_str("REDIS_URL"),
    }

# Every handler masks personal data (core/logs.py); gunicorn's logs too (gunicorn.conf.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "personal_data": {"()": "stegvis.core.logs.PersonalDataFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["personal_data"],
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false", "personal_data"],
        },
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own loggers, here so that none keeps a handler of Django's defaults.
        "django": {"handlers": ["console", "mail_admins"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
