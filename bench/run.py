"""The benchmarks (`make bench`, `make bench PARTICIPANTS=N`): generate the data set if needed,
measure every figure beside its floor, print a table and write bench/results.json.

    .venv/bin/python bench/run.py [--participants 100000] [--databases sqlite,postgres]
                                  [--seconds 15]

Databases: SQLite in var/bench/sqlite-N.sqlite3, and PostgreSQL in the database stegvis_bench
(BENCH_POSTGRES_URL, by default postgres://postgres@127.0.0.1:5432/stegvis_bench; skipped, and
said so, when no server answers). A data set of the right size (seed 1) is kept and reused; any
other contents of those two databases are thrown away. Query counts are compared with a small data
set (var/bench/sqlite-small.sqlite3, 300 participants). docs/scaling.md explains the figures.
"""

# ruff: noqa: S603  (the benchmarks run this checkout's own programs, with fixed arguments)

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
VENV_BIN = Path(sys.executable).parent
VAR = ROOT / "var" / "bench"
SMALL = 300
SEED = 1
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/stegvis_bench"


def env_for(url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("ALLOWED_HOSTS",)}
    env.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="settings_bench",
        PYTHONPATH=os.pathsep.join([str(BENCH), env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
    )
    return env


def stegvis(url: str, *args: str) -> None:
    subprocess.run([str(VENV_BIN / "stegvis"), *args], env=env_for(url), check=True, cwd=ROOT)


def measure(url: str, part: str, label: str, extra_env: dict | None = None) -> object:
    env = env_for(url) | (extra_env or {})
    out = subprocess.run(
        [sys.executable, str(BENCH / "measure.py"), part, "--label", label],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def dataset_size(url: str) -> int | None:
    """The size of the generated data set (seed 1) in the database, or None if there is none."""
    code = (
        "import django; django.setup()\n"
        "from stegvis.core.models import AuditEvent\n"
        "e = AuditEvent.objects.filter(action='dataset.generated', object_label='seed 1').first()\n"
        "print(e.changes['participants'][1] if e else '')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=env_for(url),
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    value = done.stdout.strip()
    return int(value) if done.returncode == 0 and value else None


def postgres_reachable(url: str) -> bool:
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname, parts.port or 5432), timeout=2).close()
    except OSError:
        return False
    return True


def recreate_postgres(url: str) -> None:
    """Drop and create the benchmark database (only the one named in `url`)."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if name in ("postgres", "template0", "template1", "test", ""):
        raise SystemExit(f"Refusing to recreate the database {name!r}.")
    maintenance = parts._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def ensure_dataset(url: str, participants: int, results: list, label: str) -> None:
    """Migrate, and generate the data set unless the database already holds it."""
    if url.startswith("sqlite"):
        VAR.mkdir(parents=True, exist_ok=True)
    elif not dataset_size(url):
        recreate_postgres(url)
    stegvis(url, "migrate", "--noinput", "-v0")
    have = dataset_size(url)
    if have == participants:
        print(f"{label}: reusing the generated data set of {participants:,} participants")
        return
    if have is not None:
        if url.startswith("sqlite"):
            Path(urlsplit(url).path).unlink()
        else:
            recreate_postgres(url)
        stegvis(url, "migrate", "--noinput", "-v0")
    print(f"{label}: generating {participants:,} participants …", flush=True)
    start = time.perf_counter()
    stegvis(url, "generate_dataset", "--participants", str(participants), "--seed", str(SEED))
    seconds = time.perf_counter() - start
    results.append(
        {
            "name": f"{label}: generate_dataset --participants {participants}",
            "value": round(seconds, 1),
            "unit": "s",
            "floor": None,
            "ratio": None,
            "target": "minutes (< 15 min)",
            "met": seconds < 900,
        }
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load(url: str, label: str, seconds: float, participants: int) -> list[dict]:
    """Throughput of the caseload page under gunicorn (2 workers) against the minimal logged-in
    page, each driven for `seconds` from a second process (bench/load.py)."""
    session = measure(url, "session", label)
    port = free_port()
    server = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--pythonpath",
            str(BENCH),
            "--log-level",
            "warning",
            "stegvis.wsgi",
        ],  # fmt: skip
        env=env_for(url),
        cwd=ROOT,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        # Both workers load the application and warm up before anything is timed.
        for path in ("/bench/minimal/", "/participants/"):
            subprocess.run(
                [
                    sys.executable,
                    str(BENCH / "load.py"),
                    f"http://127.0.0.1:{port}{path}",
                    "--cookie",
                    f"sessionid={session}",
                    "--seconds",
                    "3",
                    "--threads",
                    "2",
                ],  # fmt: skip
                check=True,
                stdout=subprocess.DEVNULL,
            )
        figures = {}
        for name, path in (("minimal", "/bench/minimal/"), ("caseload", "/participants/")):
            out = subprocess.run(
                [
                    sys.executable,
                    str(BENCH / "load.py"),
                    f"http://127.0.0.1:{port}{path}",
                    "--cookie",
                    f"sessionid={session}",
                    "--seconds",
                    str(seconds),
                    "--threads",
                    "4",
                ],  # fmt: skip
                check=True,
                stdout=subprocess.PIPE,
                text=True,
            ).stdout
            figures[name] = json.loads(out)
    finally:
        server.terminate()
        server.wait(timeout=30)
    minimal, caseload = figures["minimal"], figures["caseload"]
    ratio = caseload["rps"] / minimal["rps"] if minimal["rps"] else 0
    errors = minimal["errors"] + caseload["errors"]
    return [
        {
            "name": f"{label}: caseload page under gunicorn (2 workers), requests/s, "
            f"{participants:,} participants ({caseload['requests']} requests, "
            f"{errors} errors, p95 {caseload['p95_ms']:.0f} ms)",
            "value": round(caseload["rps"], 1),
            "unit": "requests/s",
            "floor": round(minimal["rps"], 1),
            "ratio": round(ratio, 2),
            "target": "≥ 0.5 × floor, no errors",
            "met": ratio >= 0.5 and errors == 0,
        }
    ]


def table(results: list[dict]) -> str:
    lines = [f"{'':1}{'figure':<96} {'value':>10} {'floor':>10} {'ratio':>6}  {'target':<28} met"]
    for r in results:
        floor = "" if r["floor"] is None else f"{r['floor']:g}"
        ratio = "" if r["ratio"] is None else f"{r['ratio']:g}"
        lines.append(
            f" {r['name'][:96]:<96} {r['value']:>10g} {floor:>10} {ratio:>6}  "
            f"{r['target'][:28]:<28} {'yes' if r['met'] else 'NO'}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--output", default=str(BENCH / "results.json"))
    parser.add_argument(
        "--parts", default="esf,methods,progression,import,pages,load", help="what to measure"
    )
    args = parser.parse_args()
    began = time.perf_counter()
    results: list[dict] = []

    small_url = f"sqlite:///{VAR / 'sqlite-small.sqlite3'}"
    ensure_dataset(small_url, SMALL, [], "small")
    small_counts = measure(small_url, "counts", "small")

    databases = []
    for name in args.databases.split(","):
        if name == "sqlite":
            databases.append(("sqlite", f"sqlite:///{VAR / f'sqlite-{args.participants}.sqlite3'}"))
        elif name == "postgres":
            url = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_PG)
            if postgres_reachable(url):
                databases.append(("postgresql", url))
            else:
                print(f"SKIPPED PostgreSQL: nothing answers at {urlsplit(url).netloc}.")
    for label, url in databases:
        ensure_dataset(url, args.participants, results, label)
        parts = args.parts.split(",")
        for part in ("esf", "methods", "progression", "import"):
            if part in parts:
                print(f"{label}: {part} …", flush=True)
                results.extend(measure(url, part, label))
        if "pages" in parts:
            print(f"{label}: pages …", flush=True)
            results.extend(
                measure(url, "pages", label, {"BENCH_SMALL_COUNTS": json.dumps(small_counts)})
            )
        if "load" in parts:
            print(f"{label}: load under gunicorn …", flush=True)
            results.extend(load(url, label, args.seconds, args.participants))

    Path(args.output).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print()
    print(table(results))
    missed = sum(not r["met"] for r in results)
    print(
        f"\n{len(results)} figures, {missed} target(s) missed; {args.output} written "
        f"in {time.perf_counter() - began:.0f} s."
    )


if __name__ == "__main__":
    main()
