"""The ESF+ indicator and outcome pages of a project and their downloads (CSV, XLSX)."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from stegvis.reports import access, charts, esf, exporting, outcomes, pdf


class PeriodForm(forms.Form):
    """The period of the ESF report; both days included, either may be left empty."""

    start = forms.DateField(
        label=_("ESF period: from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("ESF period: until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("ESF period: the first day is after the last."))
        return data


def _report(request: HttpRequest, project_id: str) -> tuple:
    project = access.access_project_reports(request.user, project_id)
    form = PeriodForm(request.GET or None, label_suffix="")
    period = form.cleaned_data if form.is_bound and form.is_valid() else {}
    report = esf.project_esf_report(project, start=period.get("start"), end=period.get("end"))
    exact = access.reports_show_small_numbers(request.user, project)
    return project, form, report, exact


def esf_charts(rows: list[dict]) -> list[dict]:
    """The ESF table as two bar charts, those who started and those who left, K, M and X per
    indicator; hidden cells are drawn as no bar (charts.py)."""
    found = []
    for kind, chart_id, title in (
        (esf.OUTPUT, "esf-output-chart", gettext("ESF chart: participants who started, by gender")),
        (esf.RESULT, "esf-result-chart", gettext("ESF chart: participants who left, by gender")),
    ):
        groups = [
            charts.BarGroup(f"{r['code']} {r['label']}", r["cells"][:3])
            for r in rows
            if r["kind"] == kind
        ]
        series = charts.gender_series()
        found.append(
            {
                "id": chart_id,
                "title": title,
                "svg": charts.bar_chart(
                    chart_id=chart_id, title=title, groups=groups, series=series,
                    description=charts.describe(groups, series, percent=False),
                ),
                "legend": charts.legend(series, chart_id=chart_id),
            }
        )  # fmt: skip
    return found


@require_GET
def project_esf(request: HttpRequest, project_id: str) -> HttpResponse:
    project, form, report, exact = _report(request, project_id)
    rows = esf.esf_table(report, exact=exact)
    context = {
        "project": project, "form": form, "report": report, "exact": exact,
        "rows": rows, "charts": esf_charts(rows),
        "plan_rows": esf.plan_table(report.plan, exact=exact),
        "small_number": esf.SMALL_NUMBER, "query": request.GET.urlencode(),
    }  # fmt: skip
    return render(request, "reports/esf.html", context)


def esf_export_table(report: esf.EsfReport, *, exact: bool) -> list[list]:
    """The ESF table as a file holds it (code, plain label, K, M, X, total), then a blank row and
    the planned against the actual participants."""
    header = [gettext("ESF file: indicator"), gettext("ESF file: meaning"), *esf.COLUMNS]
    rows = [[r["code"], str(r["label"]), *r["cells"]] for r in esf.esf_table(report, exact=exact)]
    plan_header = [gettext("Who"), gettext("Planned"), gettext("Share planned"),
                   gettext("Actual"), gettext("Share actual")]  # fmt: skip
    plan = [
        [str(r["label"]), r["planned"], r["planned_share"], r["actual"], r["actual_share"]]
        for r in esf.plan_table(report.plan, exact=exact)
    ]
    return [header, *rows, [], plan_header, *plan]


@require_GET
def project_esf_download(request: HttpRequest, project_id: str, fmt: str) -> HttpResponse:
    if fmt not in exporting.CONTENT_TYPES:
        raise Http404
    project, form, report, exact = _report(request, project_id)
    period = [d.isoformat() if d else "" for d in (report.start, report.end)]
    return exporting.export_response(
        esf_export_table(report, exact=exact),
        fmt=fmt,
        filename=f"esf-{project.diarienummer.replace('/', '-')}",
        actor=request.user,
        project=project,
        report="esf",
        people=report.people,
        details={"from": period[0], "to": period[1], "exact": exact},
    )


def esf_pdf_sections(report: esf.EsfReport, *, exact: bool) -> list[tuple]:
    header = [gettext("Indicator"), gettext("What it counts"), "K", "M", "X", gettext("Total")]
    rows = esf.esf_table(report, exact=exact)
    widths = (18, 92, 16, 16, 16, 20)
    sections = []
    for kind, heading, text in (
        (esf.OUTPUT, gettext("Participants who started"),
         gettext("ESF PDF: the output indicators count the participants who started in the period.")),
        (esf.RESULT, gettext("Participants who left"),
         gettext("ESF PDF: the result indicators count the participants who left in the period; "
                 "EECR05 their situation six months later.")),
    ):  # fmt: skip
        table = [header, *[[r["code"], r["label"], *r["cells"]] for r in rows if r["kind"] == kind]]
        sections.append((heading, [text], table, widths, 2))
    plan = [
        [gettext("Who"), gettext("Planned"), gettext("Share planned"), gettext("Actual"),
         gettext("Share actual")],
        *[[r["label"], "–" if r["planned"] is None else r["planned"], r["planned_share"] or "–",
           r["actual"], r["actual_share"] or "–"] for r in esf.plan_table(report.plan, exact=exact)],
    ]  # fmt: skip
    sections.append(
        (gettext("Planned and actual participants"),
         [gettext("The whole project so far, whatever the period.")], plan, (58, 30, 30, 30, 30), 1)
    )  # fmt: skip
    return sections


@require_GET
def project_esf_pdf(request: HttpRequest, project_id: str) -> HttpResponse:
    """The funder's report as PDF: the ESF+ indicators, the plan and the outcomes of the quarter
    in which the period ends (today's without an end), suppressed as on the pages."""
    project, form, report, exact = _report(request, project_id)
    quarter = outcomes.Quarter.of(report.end or timezone.localdate())
    summary = outcomes.project_outcomes(project, quarter=quarter)
    sections = esf_pdf_sections(report, exact=exact)
    measures = [[gettext("Outcomes: measure"), str(quarter)]]
    measures += [[label, "–" if v == "" else v] for label, v in outcomes.outcome_rows(summary, exact=exact)]  # fmt: skip
    sections.append(
        (gettext("ESF PDF: outcomes in %(quarter)s") % {"quarter": quarter},
         [gettext("ESF PDF: the IPS quarter and coach continuity, as on the outcomes page.")],
         measures, (138, 40), 1)
    )  # fmt: skip
    period = (
        gettext("Period: %(start)s to %(end)s.")
        % {"start": report.start or "–", "end": report.end or "–"}
        if report.start or report.end
        else gettext("Period: the whole project.")
    )
    title = gettext("ESF+ indicators for %(name)s") % {"name": project.name}
    note = gettext("ESF PDF: exact figures.") if exact else gettext("ESF PDF: suppression note.")
    content = pdf.funder_report_pdf(
        title=title, subject=gettext("ESF PDF: subject"), author=project.name,
        language=translation.get_language() or "sv",
        lines=[f"{project.diarienummer} · {project.name}", period,
               gettext("ESF PDF: made on %(day)s.") % {"day": timezone.localdate().isoformat()}],
        sections=sections, note=note,
    )  # fmt: skip
    period_days = [d.isoformat() if d else "" for d in (report.start, report.end)]
    return exporting.file_response(
        content, content_type=exporting.PDF, fmt="pdf",
        filename=f"esf-{project.diarienummer.replace('/', '-')}", actor=request.user,
        project=project, report="esf", people=report.people,
        details={"from": period_days[0], "to": period_days[1], "quarter": str(quarter),
                 "quarter_people": summary.people, "exact": exact},
    )  # fmt: skip


class QuarterForm(forms.Form):
    quarter = forms.CharField(
        label=_("Outcomes: quarter"),
        required=False,
        help_text=_("Outcomes: write the year and the quarter, like 2025Q3."),
    )

    def clean_quarter(self) -> outcomes.Quarter | None:
        text = self.cleaned_data["quarter"]
        if not text:
            return None
        try:
            return outcomes.Quarter.parse(text)
        except ValueError:
            raise forms.ValidationError(_("Outcomes: that is not a quarter like 2025Q3.")) from None


def _outcomes(request: HttpRequest, project_id: str) -> tuple:
    project = access.access_project_reports(request.user, project_id)
    form = QuarterForm(request.GET or None, label_suffix="")
    chosen = form.cleaned_data.get("quarter") if form.is_bound and form.is_valid() else None
    quarter = chosen or outcomes.Quarter.of(timezone.localdate())
    report = outcomes.project_outcomes(project, quarter=quarter)
    exact = access.reports_show_small_numbers(request.user, project)
    return project, form, report, exact


def _chart(chart_id: str, title: str, groups: list, series: tuple, **options: object) -> dict:
    percent = bool(options.get("percent"))
    return {
        "id": chart_id,
        "title": title,
        "svg": charts.bar_chart(
            chart_id=chart_id, title=title, groups=groups, series=series,
            description=charts.describe(groups, series, percent=percent), **options,
        ),
        "legend": charts.legend(series, chart_id=chart_id) if len(series) > 1 else "",
    }  # fmt: skip


def outcome_charts(report: outcomes.Outcomes, rows: list, transition: dict) -> list[dict]:
    """The shares of the quarter against the IPS benchmarks, and the main income at start and at
    the end, from the figures as shown (a hidden share or count is drawn as no bar)."""

    def share(value: object, exact_share: float | None) -> float | str:
        return exact_share if value not in ("", esf.HIDDEN) and exact_share is not None else value

    shares = [
        charts.BarGroup(str(rows[2][0]), [share(rows[2][1], report.share_working)]),
        charts.BarGroup(str(rows[7][0]), [share(rows[7][1], report.share_one_coach)]),
    ]
    one = (charts.BarSeries("share", gettext("Outcomes chart: share"), charts.svg.BRAND, "solid"),)
    marks = [
        (threshold, f"{round(threshold * 100)} %") for threshold, _label in outcomes.BENCHMARKS
    ]
    found = [
        _chart("outcomes-share-chart", gettext("Outcomes chart: shares in the quarter, with the "
               "IPS benchmarks 31, 41 and 50 percent as dashed lines"), shares, one,
               percent=True, marks=marks),
    ]  # fmt: skip
    if transition["rows"]:
        income = [
            charts.BarGroup(str(label), [row["total"], column])
            for label, row, column in zip(
                transition["columns"], transition["rows"], transition["totals"], strict=True
            )
        ]
        series = (
            charts.BarSeries("start", gettext("Outcomes chart: at start"), charts.svg.BRAND,
                             "solid"),
            charts.BarSeries("end", gettext("Outcomes chart: at the end"), charts.svg.BROWN,
                             "hatch"),
        )  # fmt: skip
        found.append(
            _chart("outcomes-income-chart", gettext("Outcomes chart: main income at start and at "
                   "the end, participants who left"), income, series)
        )  # fmt: skip
    return found


@require_GET
def project_outcomes(request: HttpRequest, project_id: str) -> HttpResponse:
    project, form, report, exact = _outcomes(request, project_id)
    rows = outcomes.outcome_rows(report, exact=exact)
    transition = outcomes.transition_table(report, exact=exact)
    context = {
        "project": project, "form": form, "report": report, "exact": exact,
        "rows": rows, "transition": transition,
        "charts": outcome_charts(report, rows, transition),
        "small_number": esf.SMALL_NUMBER, "query": f"quarter={report.quarter}",
    }  # fmt: skip
    return render(request, "reports/outcomes.html", context)


def outcomes_export_table(report: outcomes.Outcomes, *, exact: bool) -> list[list]:
    """The outcome reports as a file holds them: the measures, a blank row, the income table."""
    table: list[list] = [[gettext("Outcomes file: measure"), str(report.quarter)]]
    table += [[str(label), value] for label, value in outcomes.outcome_rows(report, exact=exact)]
    cross = outcomes.transition_table(report, exact=exact)
    table.append([])
    table.append(
        [gettext("Outcomes file: income at start, by income at end"),
         *[str(c) for c in cross["columns"]], gettext("Outcomes file: total")]
    )  # fmt: skip
    table += [[str(r["label"]), *r["cells"], r["total"]] for r in cross["rows"]]
    table.append([gettext("Outcomes file: total"), *cross["totals"], cross["total"]])
    return table


@require_GET
def project_outcomes_download(request: HttpRequest, project_id: str, fmt: str) -> HttpResponse:
    if fmt not in exporting.CONTENT_TYPES:
        raise Http404
    project, form, report, exact = _outcomes(request, project_id)
    return exporting.export_response(
        outcomes_export_table(report, exact=exact),
        fmt=fmt,
        filename=f"utfall-{project.diarienummer.replace('/', '-')}-{report.quarter}",
        actor=request.user,
        project=project,
        report="outcomes",
        people=report.people,
        details={"quarter": str(report.quarter), "exact": exact},
    )
