"""The browser suite: a real Stegvis server (gunicorn) on its own fresh database, driven by Chromium.

One server and one browser per session. Each demo account logs in through the login form once; the
other tests reuse that sign-in (Playwright storage state). See e2e/README.md.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, expect, sync_playwright
from support import login_through_form

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "e2e" / "artifacts"
E2E_DATABASE = "stegvis_e2e"
POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql"}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Variables that would turn the server into a production installation or point it elsewhere.
SCRUBBED_ENV = (
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "SECURE_SSL_REDIRECT",
    "SECURE_COOKIES",
    "SECURE_HSTS_SECONDS",
    "SECURE_PROXY_SSL_HEADER_NAME",
    "STEGVIS_TRUSTED_PROXIES",
    "EMAIL_HOST",
    "DEBUG",
)
TIMEOUT_MS = 15_000


def _require_e2e() -> bool:
    return bool(os.environ.get("STEGVIS_REQUIRE_E2E"))


def _chromium() -> str:
    return os.environ.get("CHROMIUM") or "/usr/bin/chromium"


def _venv_bin(name: str) -> str:
    """A console script of the virtualenv that runs this pytest (not resolved: venvs use symlinks)."""
    for directory in (Path(sys.executable).parent, ROOT / ".venv" / "bin"):
        if (directory / name).exists():
            return str(directory / name)
    raise RuntimeError(f"{name} is not installed next to {sys.executable}; run `make install`.")


# --- pytest hooks ------------------------------------------------------------------------------


def pytest_configure(config: pytest.Config) -> None:
    if config.pluginmanager.hasplugin("django"):
        raise pytest.UsageError(
            "The browser suite runs without pytest-django. Run it as `pytest e2e` (or `make e2e`) so "
            "that e2e/pytest.ini applies, or pass `-p no:django`."
        )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    chromium = _chromium()
    if os.access(chromium, os.X_OK):
        return
    message = f"no Chromium at {chromium} (apt-get install chromium, or set CHROMIUM)"
    if _require_e2e():
        raise pytest.UsageError(
            f"The browser suite is required (STEGVIS_REQUIRE_E2E) but there is {message}."
        )
    for item in items:
        item.add_marker(pytest.mark.skip(reason=message))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator:
    report = yield
    # In CI the suite must really run: a skip there is a failure.
    if _require_e2e() and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"Skipped although STEGVIS_REQUIRE_E2E is set: {report.longrepr}"
    return report


# --- the server ----------------------------------------------------------------------------------


@dataclass
class LiveServer:
    url: str
    # The main-menu hrefs each demo account should see, as navigation.py and permissions.py declare.
    menus: dict[str, list[str]]
    log: Path
    pages: dict[str, str] = field(default_factory=dict)  # named URLs found during the run

    def __call__(self, path: str) -> str:
        return self.url + path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _postgres_connect(parts):
    """An autocommit connection to the server of DATABASE_URL: its own database, else `postgres`."""
    import psycopg

    last_error: Exception | None = None
    for path in dict.fromkeys((parts.path, "/postgres")):
        url = urlunsplit(parts._replace(scheme="postgresql", path=path))
        try:
            return psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.OperationalError as exc:
            last_error = exc
    raise RuntimeError(
        f"Cannot connect to PostgreSQL at {parts.hostname}:{parts.port}: {last_error}"
    )


def _recreate_postgres_database(parts, *, create: bool) -> None:
    from psycopg import sql

    with _postgres_connect(parts) as conn:
        name = sql.Identifier(E2E_DATABASE)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        if create:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(name))


def _run(command: list[str], env: dict[str, str], log: Path) -> str:
    result = subprocess.run(
        command, env=env, cwd=ROOT, capture_output=True, text=True, check=False, timeout=300
    )
    with log.open("a") as out:
        out.write(f"$ {' '.join(command)}\n{result.stdout}{result.stderr}\n")
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed with exit {result.returncode}:\n{result.stdout}\n{result.stderr}"
        )
    return result.stdout


def _wait_for_health(url: str, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:  # noqa: S310 (http://127.0.0.1 only)
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise RuntimeError(
        f"The server did not answer {url}/healthz within {timeout} s:\n{log.read_text()}"
    )


MENU_SCRIPT = """
import json
from django.urls import reverse
from stegvis.core.permissions import ROLE_CAPABILITIES
from stegvis.navigation import NAV_ENTRIES
from stegvis.projects.demo import ACCOUNTS
menus = {
    a.username: [reverse(e.url_name) for e in NAV_ENTRIES if e.capability in ROLE_CAPABILITIES[a.role]]
    for a in ACCOUNTS
}
print("MENUS=" + json.dumps(menus))
"""


def _stop(process: subprocess.Popen | None) -> None:
    if process is None:
        return
    process.terminate()
    try:
        # The worker finishes the task it is running first.
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def server() -> Iterator[LiveServer]:
    """Stegvis under gunicorn with the demo data, on a fresh SQLite file or PostgreSQL database,
    and the background worker (`stegvis db_worker`) beside it."""
    tmp = Path(tempfile.mkdtemp(prefix="stegvis-e2e-"))
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / "server.log"
    log.write_text("")
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED_ENV}
    outer_database = urlsplit(os.environ.get("DATABASE_URL", ""))
    postgres = outer_database.scheme in POSTGRES_SCHEMES
    if postgres:
        _recreate_postgres_database(outer_database, create=True)
        database_url = urlunsplit(outer_database._replace(path="/" + E2E_DATABASE))
    else:
        database_url = f"sqlite:///{tmp}/e2e.sqlite3"
    env.update(
        DJANGO_SETTINGS_MODULE="stegvis.settings",
        STEGVIS_VAR_DIR=str(tmp),
        DATABASE_URL=database_url,
        STATIC_ROOT=str(tmp / "static"),
        DEBUG="false",
        PYTHONUNBUFFERED="1",
    )
    stegvis = _venv_bin("stegvis")
    process = worker = None
    try:
        _run([stegvis, "migrate", "--noinput", "-v0"], env, log)
        _run([stegvis, "collectstatic", "--noinput", "-v0"], env, log)
        _run([stegvis, "seed_demo"], env, log)
        menus_output = _run([stegvis, "shell", "--no-startup", "-c", MENU_SCRIPT], env, log)
        menus = json.loads(menus_output.split("MENUS=", 1)[1])
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        with log.open("a") as out:
            out.write(f"--- gunicorn on {url} ({'PostgreSQL' if postgres else 'SQLite'})\n")
        log_file = log.open("a")
        process = subprocess.Popen(
            [
                _venv_bin("gunicorn"),
                "stegvis.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                "2",
                "--graceful-timeout",
                "5",
                "--access-logfile",
                "-",
            ],
            env=env,
            cwd=ROOT,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        log_file.close()
        worker_log = ARTIFACTS / "worker.log"
        with worker_log.open("w") as worker_out:
            worker = subprocess.Popen(
                [stegvis, "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.5"],
                env=env,
                cwd=ROOT,
                stdout=worker_out,
                stderr=subprocess.STDOUT,
            )
        _wait_for_health(url, process, log)
        if worker.poll() is not None:
            raise RuntimeError(
                f"db_worker exited with {worker.returncode}:\n{worker_log.read_text()}"
            )
        yield LiveServer(url=url, menus=menus, log=log)
    finally:
        _stop(worker)
        _stop(process)
        if postgres:
            _recreate_postgres_database(outer_database, create=False)
        shutil.rmtree(tmp, ignore_errors=True)


# --- the browser ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=_chromium(), args=CHROMIUM_ARGS, headless=True
        )
        expect.set_options(timeout=TIMEOUT_MS)
        yield browser
        browser.close()


@dataclass
class ContextProblems:
    """What went wrong in the browser behind a test's back: server errors, console errors."""

    server_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


def _watch(context: BrowserContext, problems: ContextProblems, *, console: bool) -> None:
    def on_response(response) -> None:
        if response.status >= 500:
            problems.server_errors.append(
                f"{response.status} {response.request.method} {response.url}"
            )

    def on_console(message) -> None:
        # The 403/404 pages are expected to answer with those statuses; everything else is a fault
        # (a Content-Security-Policy violation shows up here too).
        if message.type == "error" and "Failed to load resource" not in message.text:
            problems.console_errors.append(f"{message.location.get('url', '')}: {message.text}")

    context.on("response", on_response)
    if console:
        context.on("console", on_console)
        context.on(
            "weberror", lambda error: problems.console_errors.append(f"page error: {error.error}")
        )


@pytest.fixture
def new_context(
    browser: Browser, server: LiveServer, login_state
) -> Iterator[Callable[..., BrowserContext]]:
    """Make browser contexts (closed after the test) as a role (or anonymous), in Swedish.

    Axe needs `bypass_csp=True` to be injected; those contexts do not watch the console. Contexts
    with the site's real CSP fail the test on any console error, e.g. a CSP violation.
    """
    contexts: list[BrowserContext] = []
    problems = ContextProblems()

    def make(role: str | None = None, *, bypass_csp: bool = False, **options) -> BrowserContext:
        options.setdefault("locale", "sv-SE")
        if role is not None:
            options["storage_state"] = login_state(role)
        context = browser.new_context(base_url=server.url, bypass_csp=bypass_csp, **options)
        context.set_default_timeout(TIMEOUT_MS)
        _watch(context, problems, console=not bypass_csp)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    assert not problems.server_errors, "Server errors:\n" + "\n".join(problems.server_errors)
    assert not problems.console_errors, "Console errors:\n" + "\n".join(problems.console_errors)


@pytest.fixture(scope="session")
def login_state(browser: Browser, server: LiveServer) -> Callable[[str], dict]:
    """The signed-in storage state of a demo account: logs in through the form once per role."""
    states: dict[str, dict] = {}

    def state(role: str) -> dict:
        if role not in states:
            context = browser.new_context(base_url=server.url, locale="sv-SE")
            context.set_default_timeout(TIMEOUT_MS)
            try:
                login_through_form(context.new_page(), role)
                states[role] = context.storage_state()
            finally:
                context.close()
        return states[role]

    return state


@pytest.fixture(scope="session")
def project_urls(browser: Browser, server: LiveServer, login_state) -> dict[str, str]:
    """Paths of the demo projects by diarienummer, read from the project list as admin."""
    context = browser.new_context(
        base_url=server.url, locale="sv-SE", storage_state=login_state("admin")
    )
    try:
        page = context.new_page()
        page.goto("/projects/")
        rows = page.locator("#project-results tbody tr").all()
        urls = {}
        for row in rows:
            cells = row.locator("td")
            links = row.locator("a[href]")
            if links.count():
                urls[cells.first.inner_text().strip()] = urlsplit(
                    links.first.get_attribute("href")
                ).path
    finally:
        context.close()
    for dnr in ("2020/00581", "2020/00553", "2020/00085"):
        assert dnr in urls, f"The demo project {dnr} is not in admin's project list: {urls}"
    return urls
