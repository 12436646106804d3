"""The pictures of progression (issue point 5): a participant's history and a project's statistics
turned into charts (charts.py) with their words, and the tables that carry the same figures.

A participant's pictures, per instrument: a radar of the first and the latest ratings of each
rater (self, coach) over the domains that count in the sum, and one line over time per domain
with the self and coach ratings. A project's: the mean change per domain and in the sum with its
confidence interval, the sum's change per method, and per domain the distribution of ratings at
start and latest.

Figures are rounded the same way in a chart's description and in its table (FIGURE_DECIMALS).
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.formats import number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from stegvis.assessments import charts
from stegvis.assessments.models import (
    AssessmentStatus,
    Domain,
    InstrumentVersion,
    Rater,
    Rating,
)
from stegvis.assessments.progression import (
    Change,
    DomainProgression,
    Progression,
    ProjectProgression,
)
from stegvis.participants.models import Enrollment

FIGURE_DECIMALS = 2


def decimal(value: float | None, places: int = FIGURE_DECIMALS) -> str:
    """A figure as the page's language writes it (1,25 in Swedish), '–' when there is none."""
    if value is None:
        return "–"
    text = number_format(round(value, places), decimal_pos=places)
    return text.replace("-", "−")


def signed(value: float | None, places: int = FIGURE_DECIMALS) -> str:
    """A change with its sign: +1,25, −0,50, 0,00."""
    if value is None:
        return "–"
    text = decimal(value, places)
    return f"+{text}" if round(value, places) > 0 else text


def percent(share: float | None) -> str:
    return "–" if share is None else f"{number_format(round(share * 100))} %"


def _rater_words(rater: str) -> str:
    return _("Self-assessment") if rater == Rater.SELF else _("Coach's assessment")


# --- One participant --------------------------------------------------------------------------


@dataclass
class RadarRow:
    domain: str
    first: int | None
    latest: int | None

    @property
    def change(self) -> int | None:
        if self.first is None or self.latest is None:
            return None
        return self.latest - self.first


@dataclass
class RadarPicture:
    rater: str
    rater_words: str
    first_date: datetime.date
    latest_date: datetime.date
    count: int  # how many assessments this rater made
    rows: list[RadarRow]
    chart: SafeString
    legend: SafeString


@dataclass
class LinePicture:
    domain: str
    chart: SafeString


@dataclass
class HistoryRow:
    date: datetime.date
    rater_words: str
    values: list[int | None]


@dataclass
class ParticipantPictures:
    """The pictures of one instrument (on the version of the participant's latest assessment)."""

    version: InstrumentVersion
    radars: list[RadarPicture]
    lines: list[LinePicture]
    legend: SafeString
    domains: list[str]
    history: list[HistoryRow] = field(default_factory=list)


@dataclass
class _Assessment:
    date: datetime.date
    rater: str
    version_id: int
    values: dict[str, int]


def _participant_assessments(enrollment: Enrollment) -> dict[int, list[_Assessment]]:
    """Submitted assessments by instrument id, oldest first, with their ratings (one query)."""
    rows = (
        Rating.objects.filter(
            assessment__enrollment=enrollment, assessment__status=AssessmentStatus.SUBMITTED
        )
        .order_by("assessment__date", "assessment__rater", "assessment_id")
        .values_list(
            "assessment_id",
            "assessment__instrument_id",
            "assessment__version_id",
            "assessment__date",
            "assessment__rater",
            "domain__code",
            "value",
        )  # fmt: skip
    )
    found: dict[int, _Assessment] = {}
    by_instrument: dict[int, list[_Assessment]] = {}
    for assessment_id, instrument_id, version_id, date, rater, code, value in rows:
        if assessment_id not in found:
            found[assessment_id] = _Assessment(date, rater, version_id, {})
            by_instrument.setdefault(instrument_id, []).append(found[assessment_id])
        found[assessment_id].values[code] = value
    return by_instrument


def _radar(version: InstrumentVersion, domains: list[Domain], rater: str,
           assessments: list[_Assessment], chart_id: str) -> RadarPicture | None:  # fmt: skip
    mine = [a for a in assessments if a.rater == rater]
    if not mine:
        return None
    first, latest = mine[0], mine[-1]
    rows = [RadarRow(d.name, first.values.get(d.code), latest.values.get(d.code)) for d in domains]
    first_words = _("First, %(date)s") % {"date": first.date.isoformat()}
    latest_words = _("Latest, %(date)s") % {"date": latest.date.isoformat()}
    if len(mine) == 1:
        series = [charts.Series(latest_words, [r.latest for r in rows], "latest")]
        legend = charts.legend_html(
            [("latest", _("The only one, %(date)s") % {"date": latest.date.isoformat()})]
        )
        figures = "; ".join(f"{r.domain} {r.latest}" for r in rows)
        description = _("%(rater)s on %(date)s, the only one so far: %(figures)s.") % {
            "rater": _rater_words(rater), "date": latest.date.isoformat(), "figures": figures,
        }  # fmt: skip
    else:
        series = [
            charts.Series(first_words, [r.first for r in rows], "first"),
            charts.Series(latest_words, [r.latest for r in rows], "latest"),
        ]
        legend = charts.legend_html([("first", first_words), ("latest", latest_words)])
        figures = "; ".join(
            _("%(domain)s from %(first)s to %(latest)s")
            % {"domain": r.domain, "first": _or_dash(r.first), "latest": _or_dash(r.latest)}
            for r in rows
        )
        description = _("%(rater)s, the first (%(first)s) and the latest (%(latest)s): %(figures)s.") % {
            "rater": _rater_words(rater), "first": first.date.isoformat(),
            "latest": latest.date.isoformat(), "figures": figures,
        }  # fmt: skip
    title = _("%(rater)s: the first and the latest") % {"rater": _rater_words(rater)}
    chart = charts.radar_chart(
        chart_id=chart_id, title=title, description=description, labels=[d.name for d in domains],
        scale_min=version.scale_min, scale_max=version.scale_max, series=series,
    )  # fmt: skip
    return RadarPicture(
        rater=rater, rater_words=_rater_words(rater), first_date=first.date,
        latest_date=latest.date, count=len(mine), rows=rows, chart=chart, legend=legend,
    )  # fmt: skip


def _or_dash(value: int | None) -> str:
    return "–" if value is None else str(value)


def _lines(version: InstrumentVersion, domains: list[Domain], assessments: list[_Assessment],
           chart_prefix: str) -> list[LinePicture]:  # fmt: skip
    frame = charts.LineFrame(
        first=assessments[0].date, last=assessments[-1].date,
        scale_min=version.scale_min, scale_max=version.scale_max,
    )  # fmt: skip
    pictures = []
    for number, domain in enumerate(domains):
        series, said = [], []
        for rater, style in ((Rater.SELF, "self"), (Rater.COACH, "coach")):
            points = [(a.date, a.values[domain.code]) for a in assessments
                      if a.rater == rater and domain.code in a.values]  # fmt: skip
            if not points:
                continue
            series.append(charts.TimeSeries(_rater_words(rater), points, style))
            values = ", ".join(f"{day.isoformat()} {value}" for day, value in points)
            said.append(f"{_rater_words(rater)}: {values}")
        if not series:
            continue
        title = _("%(domain)s over time") % {"domain": domain.name}
        chart = charts.line_chart(
            chart_id=f"{chart_prefix}-{number}", title=title, description=". ".join(said) + ".",
            frame=frame, series=series,
        )  # fmt: skip
        pictures.append(LinePicture(domain.name, chart))
    return pictures


def participant_pictures(enrollment: Enrollment) -> list[ParticipantPictures]:
    """The pictures of a participant obtained through access.access_participant_assessments, one
    set per instrument they were assessed on (three queries: ratings, versions, domains)."""
    by_instrument = _participant_assessments(enrollment)
    latest_versions = {
        instrument: items[-1].version_id for instrument, items in by_instrument.items()
    }
    versions = {
        v.pk: v
        for v in InstrumentVersion.objects.filter(
            pk__in={a.version_id for items in by_instrument.values() for a in items}
        ).prefetch_related(Prefetch("domains", queryset=Domain.objects.order_by("order", "id")))
    }
    result = []
    for number, (instrument_id, items) in enumerate(sorted(by_instrument.items())):
        version = versions[latest_versions[instrument_id]]
        # Only assessments on the same scale can share one picture (see progression.py).
        items = [a for a in items if (versions[a.version_id].scale_min, versions[a.version_id].scale_max)
                 == (version.scale_min, version.scale_max)]  # fmt: skip
        domains = list(version.domains.all())
        summed = [d for d in domains if d.counts_in_sum]
        radars = [
            radar
            for rater in (Rater.SELF, Rater.COACH)
            if (radar := _radar(version, summed, rater, items, f"radar-{number}-{rater.lower()}"))
        ]
        raters_seen = {a.rater for a in items}
        legend = charts.legend_html(
            [(style, _rater_words(rater)) for rater, style in ((Rater.SELF, "self"), (Rater.COACH, "coach"))
             if rater in raters_seen]
        )  # fmt: skip
        result.append(
            ParticipantPictures(
                version=version,
                radars=radars,
                lines=_lines(version, domains, items, f"line-{number}"),
                legend=legend,
                domains=[d.name for d in domains],
                history=[
                    HistoryRow(
                        a.date, _rater_words(a.rater), [a.values.get(d.code) for d in domains]
                    )
                    for a in items
                ],
            )  # fmt: skip
        )
    return result


# --- A project --------------------------------------------------------------------------------


@dataclass
class ProjectPictures:
    change_chart: SafeString
    sum_chart: SafeString
    distribution: list[tuple[DomainProgression, SafeString]]
    distribution_legend: SafeString


def _interval_row(label: str, change: Change) -> charts.IntervalRow:
    if change.suppressed:
        return charts.IntervalRow(label, None, None, None, _("not shown, to protect individuals"))
    if change.mean is None:
        return charts.IntervalRow(label, None, None, None, _("no one assessed twice yet"))
    return charts.IntervalRow(label, change.mean, change.low, change.high)


def change_words(label: str, change: Change) -> str:
    """One row of a description: 'Hälsa: +1,25 (95 % CI +0,10 to +2,40; n = 6)'."""
    if change.suppressed:
        return _("%(label)s: not shown, to protect individuals") % {"label": label}
    if change.mean is None:
        return _("%(label)s: no one assessed twice yet") % {"label": label}
    if change.low is None:
        return _("%(label)s: %(mean)s (n = %(n)s)") % {
            "label": label,
            "mean": signed(change.mean),
            "n": change.n,
        }
    return _("%(label)s: %(mean)s (95 %% confidence interval %(low)s to %(high)s; n = %(n)s)") % {
        "label": label, "mean": signed(change.mean), "low": signed(change.low),
        "high": signed(change.high), "n": change.n,
    }  # fmt: skip


def _counts_words(cells: list) -> str:
    return ", ".join(f"{c.value}: {_('not shown') if c.count is None else c.count}" for c in cells)


def project_pictures(progression: ProjectProgression, group: Progression) -> ProjectPictures:
    """The charts of one group (the whole project or a method) of a project's progression, and the
    sum's change per method."""
    version = progression.version
    domains = group.domains
    rater = _rater_words(progression.rater)
    lower, higher = _("further from work"), _("closer to work")
    change_chart = charts.interval_chart(
        chart_id="change-by-domain",
        title=_("Mean change per domain, %(rater)s") % {"rater": rater.lower()},
        description="; ".join(change_words(d.domain.name, d.change) for d in domains) + ".",
        rows=[_interval_row(d.domain.name, d.change) for d in domains],
        lower_words=lower, higher_words=higher,
    )  # fmt: skip
    method_rows = [(_("All methods"), progression.total.sum_change)] + [
        (g.label, g.sum_change) for g in progression.by_method
    ]
    sum_chart = charts.interval_chart(
        chart_id="change-of-sum",
        title=_("Mean change in the sum, by method"),
        description="; ".join(change_words(label, change) for label, change in method_rows) + ".",
        rows=[_interval_row(label, change) for label, change in method_rows],
        lower_words=lower, higher_words=higher,
    )  # fmt: skip
    share_max = _share_axis_top([c.share or 0 for d in domains for c in (*d.start, *d.latest)])
    distribution = []
    for number, d in enumerate(domains):
        description = _("At start (%(n_start)s participants): %(start)s. Latest (%(n_latest)s participants): %(latest)s.") % {
            "n_start": _n_words(d.n_start, group.n_start_hidden), "start": _counts_words(d.start),
            "n_latest": _n_words(d.n_latest, group.n_latest_hidden), "latest": _counts_words(d.latest),
        }  # fmt: skip
        chart = charts.distribution_chart(
            chart_id=f"distribution-{number}",
            title=_("%(domain)s: ratings at start and latest") % {"domain": d.domain.name},
            description=description, scale_min=version.scale_min, scale_max=version.scale_max,
            groups=[
                charts.CountGroup(_("At start"), {c.value: c.count for c in d.start}, d.n_start, "first"),
                charts.CountGroup(_("Latest"), {c.value: c.count for c in d.latest}, d.n_latest, "latest"),
            ],
            share_max=share_max,
        )  # fmt: skip
        distribution.append((d, chart))
    legend = charts.legend_html([("first", _("At start")), ("latest", _("Latest"))], bars=True)
    return ProjectPictures(
        change_chart=change_chart, sum_chart=sum_chart, distribution=distribution,
        distribution_legend=legend,
    )  # fmt: skip


def _share_axis_top(shares: list[float]) -> float:
    """The top of the distribution charts' axis: the largest share rounded up to a round step."""
    largest = max(shares, default=0) * 100
    step = charts.nice_step(largest, max_ticks=4)
    return min(1.0, max(0.1, step * math.ceil(largest / step - 1e-9) / 100))


def _n_words(n: int, hidden: bool) -> str:
    return _("not shown") if hidden else str(n)
