"""One part of the benchmarks, in a process of its own (so its peak memory is its own).

    DATABASE_URL=... python bench/measure.py PART [--label sqlite] [--small-url URL]

PART is esf, methods, progression, pages or import. Prints a JSON list of results
({"name", "value", "unit", "floor", "ratio", "target", "met"}) on the last line of stdout.
Run by bench/run.py; see docs/scaling.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings_bench")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

from stegvis.accounts.models import User  # noqa: E402
from stegvis.participants.models import Enrollment  # noqa: E402
from stegvis.projects.models import Project  # noqa: E402

AS_OF = datetime.date(2026, 10, 31)
RUNS = 3  # timed runs of each report and floor, after one warm-up; the median counts


def rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def result(name: str, value: float, unit: str, floor: float | None, target: str, met: bool) -> dict:
    ratio = round(value / floor, 2) if floor else None
    return {
        "name": name,
        "value": round(value, 4),
        "unit": unit,
        "floor": round(floor, 4) if floor is not None else None,
        "ratio": ratio,
        "target": target,
        "met": bool(met),
    }


def timed(fn, runs: int = RUNS) -> float:  # noqa: ANN001
    """The median wall time of `fn` over `runs` runs, after one untimed warm-up."""
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def sql(text: str, params: list | None = None):  # noqa: ANN201
    def run() -> list:
        with connection.cursor() as cursor:
            cursor.execute(text, params or [])
            return cursor.fetchall()

    return run


def biggest_project() -> Project:
    from django.db.models import Count

    return Project.objects.annotate(n=Count("enrollments")).order_by("-n", "pk").first()


# The floors: hand-written SQL over the same tables as the report, doing comparable work.
ESF_FLOOR = """
SELECT p.gender, COUNT(*),
  SUM(CASE WHEN e.status_at_start IN ('UNEMPLOYED', 'LONG_TERM_UNEMPLOYED') THEN 1 ELSE 0 END),
  SUM(CASE WHEN e.status_at_start = 'LONG_TERM_UNEMPLOYED' THEN 1 ELSE 0 END),
  SUM(CASE WHEN e.status_at_start = 'INACTIVE' THEN 1 ELSE 0 END),
  SUM(CASE WHEN e.status_at_start = 'EMPLOYED' THEN 1 ELSE 0 END),
  SUM(CASE WHEN p.birth_year > 2000 THEN 1 ELSE 0 END),
  SUM(CASE WHEN p.birth_year BETWEEN 1990 AND 2000 THEN 1 ELSE 0 END),
  SUM(CASE WHEN p.birth_year < 1970 THEN 1 ELSE 0 END),
  SUM(CASE WHEN e.education = 'ISCED0-2' THEN 1 ELSE 0 END),
  SUM(CASE WHEN e.education = 'ISCED3-4' THEN 1 ELSE 0 END),
  SUM(CASE WHEN e.education = 'ISCED5-8' THEN 1 ELSE 0 END),
  SUM(CASE WHEN e.disability = 'YES' THEN 1 ELSE 0 END),
  SUM(CASE WHEN e.end_date IS NOT NULL AND e.exit_status = 'JOB_SEARCHING' THEN 1 ELSE 0 END),
  SUM(CASE WHEN e.end_date IS NOT NULL AND e.exit_status = 'EDUCATION' THEN 1 ELSE 0 END),
  SUM(CASE WHEN e.end_date IS NOT NULL AND e.qualification_gained THEN 1 ELSE 0 END),
  SUM(CASE WHEN e.end_date IS NOT NULL AND e.exit_status = 'EMPLOYED' THEN 1 ELSE 0 END),
  SUM(CASE WHEN e.end_date IS NOT NULL AND e.exit_status = 'CLOSER' THEN 1 ELSE 0 END)
FROM participants_enrollment e JOIN participants_person p ON p.id = e.person_id
{where}
GROUP BY p.gender
"""

METHODS_FLOOR = """
SELECT e.method, COUNT(*), COUNT(j.first_job), MIN(j.first_job), SUM(s.total), SUM(s.n)
FROM participants_enrollment e
JOIN participants_person p ON p.id = e.person_id
LEFT JOIN (SELECT enrollment_id, MIN(start_date) AS first_job FROM participants_employment
           WHERE kind = 'JOB' AND competitive GROUP BY enrollment_id) j ON j.enrollment_id = e.id
LEFT JOIN (SELECT a.enrollment_id, SUM(r.value) AS total, COUNT(*) AS n
           FROM assessments_assessment a JOIN assessments_rating r ON r.assessment_id = a.id
           WHERE a.rater = 'SELF' AND a.status = 'SUBMITTED' GROUP BY a.enrollment_id) s
       ON s.enrollment_id = e.id
WHERE e.start_date <= %s
GROUP BY e.method
"""

PROGRESSION_FLOOR = """
SELECT e.method, r.domain_id, r.value, COUNT(*), MIN(a.date), MAX(a.date)
FROM assessments_rating r
JOIN assessments_assessment a ON a.id = r.assessment_id
JOIN participants_enrollment e ON e.id = a.enrollment_id
WHERE e.project_id = %s AND a.rater = 'SELF' AND a.status = 'SUBMITTED'
GROUP BY e.method, r.domain_id, r.value
"""


def report_results(label: str, name: str, value: float, floor: float) -> list[dict]:
    return [
        result(
            f"{label}: {name}",
            value,
            "s",
            floor,
            "≤ 3× floor and < 2 s",
            value <= 3 * floor and value < 2,
        )
    ]


def part_esf(label: str) -> list[dict]:
    from stegvis.reports.esf import esf_indicators, project_esf_report

    n = Enrollment.objects.count()
    everyone = timed(lambda: esf_indicators(Enrollment.objects.all()))
    floor = timed(sql(ESF_FLOOR.format(where="")))
    project = biggest_project()
    one = timed(lambda: project_esf_report(project))
    one_floor = timed(sql(ESF_FLOOR.format(where="WHERE e.project_id = %s"), [project.pk]))
    return [
        *report_results(label, f"ESF+ indicators, all {n:,} participants", everyone, floor),
        *report_results(
            label, f"ESF+ report, largest project ({project.enrollments.count():,})", one, one_floor
        ),
    ]


def part_methods(label: str) -> list[dict]:
    from stegvis.reports.methods import compare_methods

    n = Enrollment.objects.count()
    value = timed(lambda: compare_methods(Project.objects.all(), as_of=AS_OF), runs=2)
    floor = timed(sql(METHODS_FLOOR, [AS_OF]), runs=2)
    return report_results(label, f"method comparison, all {n:,} participants", value, floor)


def part_progression(label: str) -> list[dict]:
    from stegvis.assessments.models import Instrument, Rater
    from stegvis.assessments.progression import current_version_of, project_progression

    version = current_version_of(Instrument.objects.get(code="SKAPA"))
    project = biggest_project()
    value = timed(lambda: project_progression(project, version=version, rater=Rater.SELF))
    floor = timed(sql(PROGRESSION_FLOOR, [project.pk]))
    return report_results(
        label,
        f"SKAPA progression, largest project ({project.enrollments.count():,})",
        value,
        floor,
    )


def _subjects() -> dict:
    """The people and pages to open: the largest project, its manager, its busiest coach."""
    from django.db.models import Count, Q

    project = biggest_project()
    manager = User.objects.filter(project_roles__project=project, project_roles__role="MANAGER")[0]
    coach = (
        User.objects.filter(project_roles__project=project, project_roles__role="COACH")
        .annotate(active=Count("caseload", filter=Q(caseload__end_date__isnull=True)))
        .order_by("-active", "pk")[0]
    )
    participants = list(
        Enrollment.objects.filter(coach=coach)
        .order_by("pk")
        .values_list("public_id", flat=True)[:20]
    )
    return {"project": project, "manager": manager, "coach": coach, "participants": participants}


def page_figures(samples: int = 30) -> dict[str, tuple[float, int]]:
    """Server time (p95, s) and query count of each page, from Django's test client in-process."""
    from django.db import reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    s = _subjects()
    coach, manager = Client(), Client()
    coach.force_login(s["coach"])
    manager.force_login(s["manager"])
    pages = {
        "minimal logged-in page (floor)": (coach, [reverse("bench_minimal")]),
        "caseload page, coach": (coach, [reverse("participants:caseload")]),
        "caseload page, manager (largest project)": (
            manager,
            [reverse("participants:caseload")],
        ),
        "participant page": (
            coach,
            [reverse("participants:detail", args=[p]) for p in s["participants"]],
        ),
        "project page (largest project)": (
            manager,
            [reverse("projects:detail", args=[s["project"].public_id])],
        ),
    }
    figures = {}
    for name, (client, urls) in pages.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(urls[0])
        if response.status_code != 200:
            raise SystemExit(f"{name}: {urls[0]} answered {response.status_code}")
        count = len(queries)
        times = []
        for i in range(samples):
            reset_queries()
            start = time.perf_counter()
            client.get(urls[i % len(urls)])
            times.append(time.perf_counter() - start)
        times.sort()
        figures[name] = (times[int(len(times) * 0.95) - 1], count)
    return figures


def part_pages(label: str) -> list[dict]:
    n = Enrollment.objects.count()
    figures = page_figures()
    small = json.loads(os.environ.get("BENCH_SMALL_COUNTS", "{}"))
    floor_time = figures.pop("minimal logged-in page (floor)")[0]
    found = []
    for name, (p95, count) in figures.items():
        found.append(
            result(
                f"{label}: {name}, p95 server time, {n:,} participants",
                p95 * 1000,
                "ms",
                floor_time * 1000,
                "< 100 ms",
                p95 < 0.1,
            )
        )
        base = small.get(name)
        found.append(
            result(
                f"{label}: {name}, queries ({n:,} vs small data set as floor)",
                count,
                "queries",
                base,
                "same count as the small data set",
                base is not None and count == base,
            )
        )
    return found


def part_counts(label: str) -> dict:
    """The query counts only (on the small data set: the floor for part_pages)."""
    return {name: count for name, (_t, count) in page_figures(samples=1).items()}


def part_import(label: str) -> list[dict]:
    """10,000 participants (and 5,000 jobs) through participants.csv and employments.csv into the
    largest project, rolled back afterwards so the data set stays as generated."""
    from stegvis.exchange import services
    from stegvis.exchange.reading import Source
    from stegvis.exchange.tests import helpers

    s = _subjects()
    count = 10_000
    people, jobs = helpers.generated_participants(
        s["project"].diarienummer, count, coach=s["coach"].username
    )
    # Samordningsnummer (day + 60), which the generated data set never holds: every row is a new
    # person, as in a first import of a project's participants.
    lines = people.split("\n")
    for i, line in enumerate(lines[1:], start=1):
        if line:
            cols = line.split(",")
            birth, serial = cols[2][:8], int(cols[2][9:12])
            cols[2] = helpers.personnummer(f"{birth[:6]}{int(birth[6:]) + 60:02d}", serial)
            lines[i] = ",".join(cols)
    people = "\n".join(lines)
    baseline = rss_mb()

    class Rollback(Exception):  # noqa: N818
        pass

    start = time.perf_counter()
    try:
        with transaction.atomic():
            counts = services.exchange_import(
                actor=s["manager"],
                sources=[
                    Source("participants.csv", people.encode()),
                    Source("employments.csv", jobs.encode()),
                ],
            )
            seconds = time.perf_counter() - start
            raise Rollback
    except Rollback:
        pass
    except services.ImportRefusedError as exc:
        raise SystemExit("\n".join(p.line() for p in exc.problems[:10])) from None
    created = counts["participants"]["created"]
    rate = created / seconds
    return [
        result(
            f"{label}: import of {count:,} participants (+{count // 2:,} jobs), participants/s",
            rate,
            "rows/s",
            None,
            "≥ 1,000 rows/s",
            rate >= 1000 and created == count,
        ),
        memory_result(label, f"import of {count:,} participants", baseline),
    ]


def memory_result(label: str, name: str, baseline: float) -> dict:
    peak = rss_mb()
    return result(
        f"{label}: peak memory (RSS), {name}", peak, "MB", baseline, "< 500 MB", peak < 500
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("part")
    parser.add_argument("--label", default=connection.vendor)
    args = parser.parse_args()
    Enrollment.objects.exists()  # connect, so the baseline memory includes the connection
    baseline = rss_mb()
    part = args.part
    if part == "session":
        # A logged-in session of the busiest coach, for the load driver's cookie.
        from django.test import Client

        client = Client()
        client.force_login(_subjects()["coach"])
        print(json.dumps(client.cookies["sessionid"].value))
        return
    if part == "counts":
        print(json.dumps(part_counts(args.label)))
        return
    if part == "pages":
        found = part_pages(args.label)
    elif part == "import":
        found = part_import(args.label)
    else:
        found = {"esf": part_esf, "methods": part_methods, "progression": part_progression}[part](
            args.label
        )
        found.append(memory_result(args.label, found[0]["name"].split(": ", 1)[1], baseline))
    print(json.dumps(found, ensure_ascii=False))


if __name__ == "__main__":
    main()
