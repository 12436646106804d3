"""Settings for the benchmarks: the test settings (fixed keys, so a kept data set stays readable)
with one extra page, the minimal logged-in page that is the framework's floor (bench_urls.py).
DATABASE_URL is set by bench/run.py for each database."""

from stegvis.settings_test import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
DEBUG = False
WHITENOISE_AUTOREFRESH = False
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"null": {"class": "logging.NullHandler"}},
    "root": {"handlers": ["null"], "level": "WARNING"},
}
