"""Test settings: the main settings with fixed test keys and speed overrides only."""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdefghijkl")
os.environ.setdefault("STEGVIS_FIELD_KEY", "uCRjTGU3v9dbRFhxk5pXGZ9y2y7nnmW3yKXfXV2s1Rk=")
os.environ.setdefault("ALLOWED_HOSTS", "")

from stegvis.settings import *  # noqa: E402,F403

ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
SECURE_SSL_REDIRECT = False
# Tests move the clock (time-machine); the idle time-out's own tests turn it on.
STEGVIS_SESSION_IDLE_MINUTES = 0
LANGUAGE_CODE = "sv"
WHITENOISE_AUTOREFRESH = True  # serve from the apps directly: no collectstatic before tests
# Tasks go to the database queue whatever the shell sets, and the tests run the real worker
# (`db_worker --batch`) on them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
