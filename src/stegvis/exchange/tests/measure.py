"""How fast the import is: not a test, a measurement to run by hand.

    .venv/bin/python -m stegvis.exchange.tests.measure [N]   (N participants, 3000 by default)
    .venv/bin/python -m stegvis.exchange.tests.measure 2500 --assessments 4   (10,000 assessments)

Builds a fresh SQLite database in a scratch directory, a project with a coach, generates N
participants (each with a personnummer) and a job for every other one, then times the first
import, the same import again (everything unchanged), an import where every participant changes,
and the export. With --assessments K, then K SKAPA assessments per participant (self and coach in
turn) in an assessments.csv of its own: its first import, the same again, every assessment with
other ratings, and the export with them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path


def main(count: int, per_participant: int = 0) -> None:
    scratch = Path(tempfile.mkdtemp(prefix="stegvis-measure-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch / 'measure.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stegvis.settings_test")
    import django

    django.setup()
    from django.core.management import call_command

    from stegvis.accounts import services as accounts
    from stegvis.core.models import AuditEvent
    from stegvis.core.permissions import Role
    from stegvis.exchange import services
    from stegvis.exchange.reading import Source
    from stegvis.exchange.tests import helpers
    from stegvis.projects import services as projects

    call_command("migrate", verbosity=0)
    org = accounts.organisation_create(actor=None, name="Samordningsförbundet Mätning")
    manager = accounts.user_create(actor=None, username="manager", first_name="M", last_name="M")
    accounts.membership_add(actor=None, user=manager, organisation=org, role=Role.MANAGER)
    coach = accounts.user_create(actor=None, username="coach", first_name="C", last_name="C")
    accounts.membership_add(actor=None, user=coach, organisation=org, role=Role.COACH)
    project = projects.project_create(
        actor=manager, diarienummer="2024/09999", name="Mätning", owner=org
    )
    projects.project_staff_add(actor=manager, project=project, user=coach, role=Role.COACH)

    participants, jobs = helpers.generated_participants(project.diarienummer, count, coach="coach")
    changed = participants.replace(",UNEMPLOYED,", ",INACTIVE,")
    jobs_rows = jobs.count("\n") - 1
    print(f"{count} participants, {jobs_rows} jobs, SQLite {scratch}")

    def timed(label: str, text: str) -> None:
        events_before = AuditEvent.objects.count()
        start = time.perf_counter()
        try:
            counts = services.exchange_import(
                actor=manager,
                sources=[
                    Source("participants.csv", text.encode()),
                    Source("employments.csv", jobs.encode()),
                ],
            )
        except services.ImportRefusedError as exc:
            raise SystemExit("\n".join(problem.line() for problem in exc.problems)) from None
        seconds = time.perf_counter() - start
        rows = count + jobs_rows
        print(
            f"{label:<28} {seconds:6.2f} s  {count / seconds:8.0f} participants/s  {rows / seconds:8.0f} rows/s  "
            f"{AuditEvent.objects.count() - events_before:6d} audit events  {counts['participants']}"
        )

    timed("first import", participants)
    timed("same files again", participants)
    timed("every participant changed", changed)
    start = time.perf_counter()
    services.exchange_export(actor=manager, directory=scratch / "export", project=project)
    print(f"{'export':<28} {time.perf_counter() - start:6.2f} s")
    if per_participant:
        _assessments(manager, project, count, per_participant, scratch)
    shutil.rmtree(scratch, ignore_errors=True)


def _assessments(manager, project, count: int, per_participant: int, scratch: Path) -> None:  # noqa: ANN001
    from stegvis.core.models import AuditEvent
    from stegvis.exchange import services
    from stegvis.exchange.reading import Source
    from stegvis.exchange.tests import helpers

    text = helpers.generated_assessments(
        project.diarienummer, count, per_participant=per_participant
    )
    # Every rating of the halsa column (the last domain) one step along the scale.
    changed = "\n".join(
        line if n == 0 or not line else _other_halsa(line)
        for n, line in enumerate(text.split("\n"))
    )
    rows = text.count("\n") - 1
    print(f"{rows} assessments ({per_participant} per participant)")

    def timed(label: str, data: str) -> None:
        events_before = AuditEvent.objects.count()
        start = time.perf_counter()
        try:
            counts = services.exchange_import(
                actor=manager, sources=[Source("assessments.csv", data.encode())]
            )
        except services.ImportRefusedError as exc:
            raise SystemExit("\n".join(problem.line() for problem in exc.problems)) from None
        seconds = time.perf_counter() - start
        print(
            f"{label:<28} {seconds:6.2f} s  {rows / seconds:8.0f} rows/s  "
            f"{AuditEvent.objects.count() - events_before:6d} audit events  {counts['assessments']}"
        )

    timed("assessments, first import", text)
    timed("assessments, same again", text)
    timed("assessments, every changed", changed)
    start = time.perf_counter()
    services.exchange_export(actor=manager, directory=scratch / "export", project=project)
    print(f"{'export with assessments':<28} {time.perf_counter() - start:6.2f} s")


def _other_halsa(line: str) -> str:
    cells = line.split(",")
    cells[10] = str(int(cells[10]) % 10 + 1)
    return ",".join(cells)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="How fast the exchange import is.")
    parser.add_argument("participants", nargs="?", type=int, default=3000)
    parser.add_argument(
        "--assessments", type=int, default=0, metavar="K",
        help="Then import K assessments per participant (assessments.csv) and time them too.",
    )  # fmt: skip
    arguments = parser.parse_args()
    main(arguments.participants, arguments.assessments)
