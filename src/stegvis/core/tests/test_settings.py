"""Settings come from the environment; production refuses to start without its secrets."""

import os
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.test import SimpleTestCase

from stegvis import env

SRC = Path(__file__).resolve().parents[3]


def run_settings(tmp: str, **variables: str) -> subprocess.CompletedProcess:
    """Import stegvis.settings in a fresh interpreter with only `variables` set."""
    clean = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
    clean.update({"PYTHONPATH": str(SRC), "STEGVIS_VAR_DIR": tmp, **variables})
    code = "import stegvis.settings as s; print(s.PRODUCTION, s.DEBUG, s.DATABASES['default']['ENGINE'], s.ALLOWED_HOSTS)"
    return subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, check=False
    )


class StartupTests(SimpleTestCase):
    def setUp(self):
        import tempfile

        self.tmp = tempfile.mkdtemp()

    def test_with_no_variables_it_is_a_local_demo_on_sqlite(self):
        result = run_settings(self.tmp)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("False False django.db.backends.sqlite3", result.stdout)
        self.assertIn("'127.0.0.1'", result.stdout)
        self.assertTrue((Path(self.tmp) / "demo-secrets.json").exists())

    def test_demo_keys_are_kept_between_starts(self):
        run_settings(self.tmp)
        first = (Path(self.tmp) / "demo-secrets.json").read_text()
        run_settings(self.tmp)
        self.assertEqual((Path(self.tmp) / "demo-secrets.json").read_text(), first)

    def test_production_refuses_to_start_without_secret_and_field_key(self):
        result = run_settings(self.tmp, ALLOWED_HOSTS="stegvis.example.se")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SECRET_KEY and STEGVIS_FIELD_KEY is not set", result.stderr)

    def test_production_refuses_to_start_without_field_key(self):
        result = run_settings(self.tmp, ALLOWED_HOSTS="stegvis.example.se", SECRET_KEY="x" * 50)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("STEGVIS_FIELD_KEY is not set", result.stderr)
        self.assertFalse((Path(self.tmp) / "demo-secrets.json").exists())

    def test_production_starts_with_its_secrets_and_database_url(self):
        result = run_settings(
            self.tmp,
            ALLOWED_HOSTS="stegvis.example.se",
            SECRET_KEY="x" * 50,
            STEGVIS_FIELD_KEY=Fernet.generate_key().decode(),
            DATABASE_URL="postgres://stegvis@db.example.se:5432/stegvis",
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(
            "True False django.db.backends.postgresql ['stegvis.example.se']", result.stdout
        )

    def test_debug_is_off_unless_set(self):
        self.assertIn("False False", run_settings(self.tmp).stdout)
        self.assertIn("False True", run_settings(self.tmp, DEBUG="true").stdout)

    def test_a_malformed_boolean_stops_the_start(self):
        result = run_settings(self.tmp, DEBUG="maybe")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("DEBUG must be true or false", result.stderr)


class EnvHelperTests(SimpleTestCase):
    def test_env_bool(self):
        os.environ["STEGVIS_T"] = "yes"
        try:
            self.assertIs(env.env_bool("STEGVIS_T"), True)
            os.environ["STEGVIS_T"] = "off"
            self.assertIs(env.env_bool("STEGVIS_T", default=True), False)
        finally:
            del os.environ["STEGVIS_T"]
        self.assertIs(env.env_bool("STEGVIS_T", default=True), True)

    def test_env_int_rejects_words(self):
        os.environ["STEGVIS_T"] = "ten"
        try:
            with self.assertRaisesMessage(ImproperlyConfigured, "STEGVIS_T must be a whole number"):
                env.env_int("STEGVIS_T", 1)
        finally:
            del os.environ["STEGVIS_T"]

    def test_env_list_splits_on_commas(self):
        os.environ["STEGVIS_T"] = "a.se, b.se,,"
        try:
            self.assertEqual(env.env_list("STEGVIS_T"), ["a.se", "b.se"])
        finally:
            del os.environ["STEGVIS_T"]

    def test_secrets_can_come_from_a_file(self):
        import tempfile

        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
            handle.write("from-file\n")
        os.environ["STEGVIS_T_FILE"] = handle.name
        try:
            self.assertEqual(env.env_str("STEGVIS_T"), "from-file")
            os.environ["STEGVIS_T_FILE"] = handle.name + ".missing"
            with self.assertRaisesMessage(ImproperlyConfigured, "cannot be read"):
                env.env_str("STEGVIS_T")
        finally:
            del os.environ["STEGVIS_T_FILE"]


class TasksBackendTests(SimpleTestCase):
    """Background tasks go to the database queue for `stegvis db_worker`, or run in the request."""

    def setUp(self):
        import tempfile

        self.tmp = tempfile.mkdtemp()

    def backend(self, **variables: str) -> subprocess.CompletedProcess:
        clean = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
        clean.update({"PYTHONPATH": str(SRC), "STEGVIS_VAR_DIR": self.tmp, **variables})
        code = "import stegvis.settings as s; print(s.TASKS['default']['BACKEND'])"
        return subprocess.run(
            [sys.executable, "-c", code], env=clean, capture_output=True, text=True, check=False
        )

    def test_the_database_queue_by_default(self):
        self.assertEqual(self.backend().stdout.strip(), "django_tasks_db.DatabaseBackend")

    def test_immediate_runs_tasks_in_the_request(self):
        result = self.backend(TASKS_BACKEND="immediate")
        self.assertEqual(result.stdout.strip(), "django.tasks.backends.immediate.ImmediateBackend")

    def test_anything_else_stops_the_start(self):
        result = self.backend(TASKS_BACKEND="celery")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("TASKS_BACKEND must be database or immediate, not 'celery'.", result.stderr)
