"""The method comparison page: /reports/methods/?project=<uuid>&as_of=YYYY-MM-DD.

Who may open it, and who sees the small numbers, is access.py's (access_project_reports,
reports_show_small_numbers). Without a project, the page compares the participants of every
project whose reports the user may see; the figures are exact only if they are exact for the user
in each of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from stegvis.assessments import charts
from stegvis.participants.codes import Gender, method_label
from stegvis.participants.models import Enrollment
from stegvis.projects.models import Project
from stegvis.reports import access, exporting, methods
from stegvis.reports.methods import SURVIVAL_DAYS, Group, MethodComparison

SMALL_NUMBER = 5


class MethodsForm(forms.Form):
    project = forms.ChoiceField(label=_("Method comparison: project"), required=False)
    as_of = forms.DateField(
        label=_("Method comparison: as of"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, data: object, *, projects: list[Project]) -> None:
        super().__init__(data, label_suffix="")
        self.fields["project"].choices = [
            ("", gettext("Method comparison: all my projects")),
            *[(str(p.public_id), f"{p.diarienummer} {p.name}") for p in projects],
        ]


# --- What a group shows -----------------------------------------------------------------------


@dataclass
class Row:
    """One method as the page shows it; None is "not shown" (small numbers) or "no value"."""

    group: Group
    n: int | str
    events: int | str
    hidden: bool  # every figure but the count is hidden (fewer than 5 participants)
    employed_at_exit: float | None
    left: int | str
    progression_n: int | str
    progression_shown: bool
    style: charts.SeriesStyle


def _count(value: int, *, exact: bool) -> int | str:
    return value if exact or value == 0 or value >= SMALL_NUMBER else f"<{SMALL_NUMBER}"


# Series differ in colour, line pattern and marker (WCAG 1.4.1); colours 4.5:1 or more on white.
STYLES = [
    charts.SeriesStyle("m0", charts.BRAND, None, "circle"),
    charts.SeriesStyle("m1", charts.BROWN, "7 4", "square"),
    charts.SeriesStyle("m2", "#1f4e9c", "2 3", "circle"),
    charts.SeriesStyle("m3", "#6b2c91", "10 3 2 3", "square"),
    charts.SeriesStyle("m4", charts.INK, "1 5", "circle"),
]


def rows_for(comparison: MethodComparison, *, exact: bool) -> list[Row]:
    """The groups as rows, with counts under 5 shown as "<5" and the figures of a group under 5
    hidden unless `exact`."""
    rows = []
    for number, group in enumerate(comparison.groups):
        hidden = not exact and group.n < SMALL_NUMBER
        change = group.progression
        progression_n = change.n if change else 0
        rows.append(
            Row(
                group=group,
                n=_count(group.n, exact=exact),
                events=_count(group.events, exact=exact),
                hidden=hidden,
                employed_at_exit=(
                    None
                    if hidden or (not exact and group.left < SMALL_NUMBER)
                    else group.employed_at_exit
                ),
                left=_count(group.left, exact=exact),
                progression_n=_count(progression_n, exact=exact),
                progression_shown=(
                    change is not None
                    and change.mean is not None
                    and (exact or progression_n >= SMALL_NUMBER)
                ),
                style=STYLES[number % len(STYLES)],
            )  # fmt: skip
        )
    return rows


def _age_words() -> dict[str, str]:
    return {
        "<30": gettext("Method comparison: age under 30"),
        "30-54": gettext("Method comparison: age 30–54"),
        "55+": gettext("Method comparison: age 55 and over"),
    }


@dataclass
class CoxRow:
    label: str
    term: methods.CoxTerm
    hidden: bool  # a method with fewer than 5 participants, for those who see aggregates only


def cox_rows(comparison: MethodComparison, rows: list[Row]) -> list[CoxRow]:
    """The Cox model's terms in words, each method's hidden where its group's figures are."""
    if comparison.cox is None:
        return []
    hidden = {r.group.key for r in rows if r.hidden}
    genders = dict(Gender.choices)
    ages = _age_words()
    found = []
    for term in comparison.cox.terms:
        kind, level = term.name.split(":", 1)
        if kind == "method":
            label = method_label(level)
        elif kind == "gender":
            label = str(genders.get(level, level))
        else:
            label = ages.get(level, level)
        found.append(CoxRow(label=label, term=term, hidden=kind == "method" and level in hidden))
    return found


def _reference_words(comparison: MethodComparison) -> dict[str, str]:
    cox = comparison.cox
    if cox is None:
        return {}
    return {
        "method": method_label(cox.reference_method),
        "gender": str(dict(Gender.choices).get(cox.reference_gender, cox.reference_gender)),
        "age": _age_words()[cox.reference_age],
    }  # fmt: skip


# --- The Kaplan–Meier chart -------------------------------------------------------------------

KM_WIDTH, KM_HEIGHT = 560, 300
KM_MARGIN = {"left": 48, "right": 16, "top": 14, "bottom": 44}


def km_chart(rows: list[Row], *, chart_id: str = "km-chart") -> SafeString:
    """The Kaplan–Meier curves as steps: days across, the share still without a competitive job
    up; a marker on each curve at 90, 180 and 365 days (the table's figures)."""
    shown = [r for r in rows if not r.hidden]
    last_day = max([r.group.last_day for r in shown] + [365])
    left, right = KM_MARGIN["left"], KM_WIDTH - KM_MARGIN["right"]
    top, bottom = KM_MARGIN["top"], KM_HEIGHT - KM_MARGIN["bottom"]

    def x(day: float) -> float:
        return left + (right - left) * min(day, last_day) / last_day

    def y(share: float) -> float:
        return bottom - (bottom - top) * share

    parts = []
    for share in (0, 0.25, 0.5, 0.75, 1):
        parts.append(charts._line(left, y(share), right, y(share), stroke=charts.GRID))
        parts.append(
            charts._text(
                left - 6,
                y(share) + 4,
                f"{round(share * 100)} %",
                anchor="end",
                size=12,
                fill=charts.MUTED,
                cls="tick",
            )  # fmt: skip
        )
    parts.append(charts._line(left, top, left, bottom))
    parts.append(charts._line(left, bottom, right, bottom))
    step = charts.nice_step(last_day, max_ticks=6)
    for day in charts._ticks(0, last_day, step):
        parts.append(charts._line(x(day), bottom, x(day), bottom + 5))
        parts.append(charts._text(x(day), bottom + 20, str(int(day)), anchor="middle", cls="tick"))
    parts.append(
        charts._text(
            (left + right) / 2,
            KM_HEIGHT - 6,
            gettext("Method comparison: days"),
            anchor="middle",
            size=12,
            fill=charts.MUTED,
        )  # fmt: skip
    )
    for number, row in enumerate(shown):
        points = []
        previous = 1.0
        for day, share in row.group.curve:
            points += [(x(day), y(previous)), (x(day), y(share))]
            previous = share
        points.append((x(row.group.last_day), y(previous)))  # on to the last day observed
        parts.append(
            charts._tag(
                "polyline",
                points=" ".join(f"{charts._n(a)},{charts._n(b)}" for a, b in points),
                fill="none",
                stroke=row.style.stroke,
                stroke_width="2.5",
                stroke_dasharray=row.style.dash,
                class_="series",
                data_series=number,
                data_method=row.group.key,
            )  # fmt: skip
        )
        for day in SURVIVAL_DAYS:
            value = row.group.survival[day]
            if value is not None:
                parts.append(
                    charts._marker(
                        x(day),
                        y(value),
                        row.style,
                        method=row.group.key,
                        day=day,
                        value=f"{value:.4f}",
                    )  # fmt: skip
                )
    description = "; ".join(
        f"{r.group.label}: "
        + ", ".join(
            gettext("Method comparison: %(days)s days %(share)s")
            % {"days": day, "share": "–" if s is None else f"{round(s * 100)} %"}
            for day, s in r.group.survival.items()
        )
        for r in shown
    )
    return charts._svg(
        chart_id, KM_WIDTH, KM_HEIGHT,
        gettext("Method comparison: share still without a competitive job, by days since start"),
        description, "".join(parts), "chart--km",
    )  # fmt: skip


def legend(rows: list[Row]) -> SafeString:
    """The legend under the chart: each shown method's line sample and name."""
    entries = []
    for row in rows:
        if row.hidden:
            continue
        style = row.style
        body = charts._line(2, 9, 34, 9, stroke=style.stroke, width=2.5, dash=style.dash)
        body += charts._marker(18, 9, style)
        sample = (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 36 18" width="36" height="18" '
            f'aria-hidden="true" focusable="false" class="legend-sample">{body}</svg>'
        )
        entries.append(f"<li>{sample} <span>{charts.escape(row.group.label)}</span></li>")
    return SafeString(f'<ul class="chart-legend">{"".join(entries)}</ul>')


# --- The view ----------------------------------------------------------------------------------


def _projects(request: HttpRequest, project_id: str) -> tuple[list[Project], list[Project], bool]:
    """Every project whose reports the user may see (for the form), the projects compared, and
    whether the user sees their figures exactly. 404 when there is none."""
    reportable = access.reportable_projects(request.user)
    if project_id:
        project = access.access_project_reports(request.user, project_id)
        return reportable, [project], access.reports_show_small_numbers(request.user, project)
    if not reportable:
        raise Http404
    return reportable, reportable, access.reports_exact_in_all(request.user, reportable)


def inline_max_participants() -> int:
    """Over this many participants, the comparison of all projects runs in the background."""
    return int(getattr(settings, "REPORTS_INLINE_MAX_PARTICIPANTS", 20_000))


def result_context(comparison: MethodComparison, *, exact: bool) -> dict:
    """What _methods_result.html shows of a comparison, small numbers hidden unless `exact`."""
    rows = rows_for(comparison, exact=exact)
    return {
        "comparison": comparison, "rows": rows, "exact": exact, "small_number": SMALL_NUMBER,
        "chart": km_chart(rows) if any(not r.hidden for r in rows) else None,
        "legend": legend(rows), "survival_days": SURVIVAL_DAYS,
        "cox_rows": cox_rows(comparison, rows), "reference": _reference_words(comparison),
        "hidden_any": any(r.hidden for r in rows),
        "warn_n": methods.WARN_PARTICIPANTS, "warn_events": methods.WARN_EVENTS,
    }  # fmt: skip


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def methods_export_table(comparison: MethodComparison, *, exact: bool) -> list[list]:
    """The comparison as a file holds it: a row per method (hidden figures empty, counts under 5
    as "<5" unless `exact`), then the log-rank test and the Cox model's terms."""
    rows = rows_for(comparison, exact=exact)
    header = [
        gettext("Method comparison: method"), gettext("Method comparison file: code"),
        gettext("Method comparison: participants"),
        gettext("Method comparison: got a competitive job"),
        gettext("Method comparison file: median days"), gettext("Method comparison file: CI low"),
        gettext("Method comparison file: CI high"),
        *[gettext("Method comparison file: share without a job after %(n)s days") % {"n": d}
          for d in SURVIVAL_DAYS],
        gettext("Method comparison file: left"),
        gettext("Method comparison file: share employed when leaving"),
        gettext("Method comparison file: SKAPA n"),
        gettext("Method comparison file: SKAPA mean change"),
        gettext("Method comparison file: CI low"), gettext("Method comparison file: CI high"),
    ]  # fmt: skip
    table: list[list] = [header]
    for row in rows:
        g = row.group
        shown = not row.hidden
        change = g.progression if row.progression_shown and shown else None
        table.append(
            [g.label, g.key, row.n, row.events if shown else None,
             _round(g.median_days, 1) if shown else None,
             _round(g.median_ci[0], 1) if shown else None,
             _round(g.median_ci[1], 1) if shown else None,
             *[_round(g.survival[d], 4) if shown else None for d in SURVIVAL_DAYS],
             row.left, _round(row.employed_at_exit, 4),
             row.progression_n, _round(change.mean, 3) if change else None,
             _round(change.low, 3) if change else None,
             _round(change.high, 3) if change else None]
        )  # fmt: skip
    table.append([])
    if comparison.logrank:
        table.append([gettext("Method comparison file: log-rank chi-square, df, p"),
                      round(comparison.logrank[0], 4), comparison.logrank_df,
                      round(comparison.logrank[1], 6)])  # fmt: skip
    if comparison.cox:
        table.append([gettext("Method comparison file: Cox term"),
                      gettext("Method comparison: hazard ratio"),
                      gettext("Method comparison file: CI low"),
                      gettext("Method comparison file: CI high"), "p"])  # fmt: skip
        for cox in cox_rows(comparison, rows):
            term = cox.term
            table.append(
                [cox.label, None, None, None, None] if cox.hidden else
                [cox.label, round(term.hazard_ratio, 4), round(term.ci[0], 4),
                 round(term.ci[1], 4), round(term.p, 6)]
            )  # fmt: skip
    return table


@require_GET
def methods_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """The comparison on the page (same project and date) as CSV or XLSX, audited; the
    comparison of all projects over the inline limit is downloaded from its job's page."""
    if fmt not in exporting.CONTENT_TYPES:
        raise Http404
    project_id = request.GET.get("project", "")
    reportable, projects, exact = _projects(request, project_id)
    form = MethodsForm(request.GET or None, projects=reportable)
    as_of = timezone.localdate()
    if form.is_bound and form.is_valid() and form.cleaned_data["as_of"]:
        as_of = form.cleaned_data["as_of"]
    chosen = Project.objects.filter(pk__in=[p.pk for p in projects])
    if not project_id and (
        Enrollment.objects.filter(project__in=chosen).count() > inline_max_participants()
    ):
        raise Http404
    comparison = methods.compare_methods(chosen, as_of=as_of)
    return methods_file(request, comparison, fmt=fmt, exact=exact,
                        project=projects[0] if project_id else None,
                        projects=len(projects))  # fmt: skip


def methods_file(request: HttpRequest, comparison: MethodComparison, *, fmt: str, exact: bool,
                 project: Project | None, projects: int) -> HttpResponse:  # fmt: skip
    name = project.diarienummer.replace("/", "-") if project else "alla-projekt"
    return exporting.export_response(
        methods_export_table(comparison, exact=exact), fmt=fmt,
        filename=f"metoder-{name}-{comparison.as_of.isoformat()}", actor=request.user,
        project=project, report="methods", people=sum(g.n for g in comparison.groups),
        details={"as_of": comparison.as_of.isoformat(), "exact": exact, "projects": projects},
    )  # fmt: skip


@require_GET
def methods_page(request: HttpRequest) -> HttpResponse:
    project_id = request.GET.get("project", "")
    reportable, projects, exact = _projects(request, project_id)
    form = MethodsForm(request.GET or None, projects=reportable)
    as_of = timezone.localdate()
    if form.is_bound and form.is_valid() and form.cleaned_data["as_of"]:
        as_of = form.cleaned_data["as_of"]
    chosen = Project.objects.filter(pk__in=[p.pk for p in projects])
    context = {
        "projects": projects, "project": projects[0] if project_id else None, "form": form,
        "as_of": as_of, "exact": exact, "small_number": SMALL_NUMBER,
    }  # fmt: skip
    if not project_id:
        participants = Enrollment.objects.filter(project__in=chosen).count()
        if participants > inline_max_participants():
            context["background"] = participants
            return render(request, "reports/methods.html", context)
    comparison = methods.compare_methods(chosen, as_of=as_of)
    context.update(result_context(comparison, exact=exact))
    query = {"as_of": as_of.isoformat(), **({"project": project_id} if project_id else {})}
    context["downloads"] = {
        fmt: f"{reverse('reports:methods_download', args=[fmt])}?{urlencode(query)}"
        for fmt in ("xlsx", "csv")
    }
    return render(request, "reports/methods.html", context)
