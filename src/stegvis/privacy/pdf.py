"""The access history and the register extract as PDF, in readable Swedish (reportlab, pure
Python). Labels come from the models' verbose names and choices in the active language."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from stegvis.participants.models import Person
from stegvis.privacy.extract import LEFT_OUT
from stegvis.privacy.selectors import EXTRACT_TREE, AccessRow, Node

STYLES = getSampleStyleSheet()
GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
    ]
)


def _p(text: Any, style: str = "BodyText") -> Paragraph:
    return Paragraph(escape(str(text)), STYLES[style])


def _document(title: str, flowables: list) -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, title=title, leftMargin=15 * mm, rightMargin=15 * mm,
        topMargin=15 * mm, bottomMargin=15 * mm,
    )  # fmt: skip
    doc.build(flowables)
    return buffer.getvalue()


def _display(obj: models.Model, f: models.Field) -> str:
    if f.choices:
        return str(getattr(obj, f"get_{f.name}_display")())
    value = getattr(obj, f.name)
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return pgettext("answer", "Yes") if value else pgettext("answer", "No")
    if hasattr(value, "get_full_name"):
        return value.get_full_name() or value.get_username()
    if hasattr(value, "isoformat"):
        if hasattr(value, "hour"):
            return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
        return value.isoformat()
    return str(value)


def _record_table(obj: models.Model, skip: str = "") -> Table:
    rows = [
        [_p(str(f.verbose_name).capitalize()), _p(_display(obj, f))]
        for f in obj._meta.concrete_fields
        if f.name not in LEFT_OUT and f.name != skip
    ]
    table = Table(rows, colWidths=[60 * mm, 115 * mm])
    table.setStyle(GRID)
    return table


def _node(parent: models.Model, node: Node, level: int) -> Iterable:
    model = node.resolved()
    if model is None:  # pragma: no cover - every app of the tree is installed in Stegvis
        return
    objects = list(model._default_manager.filter(**{node.parent_field: parent}).order_by("pk"))
    if not objects:
        return
    heading = "Heading3" if level == 0 else "Heading4"
    yield _p(str(model._meta.verbose_name_plural).capitalize(), heading)
    for obj in objects:
        yield _record_table(obj, skip=node.parent_field)
        yield Spacer(1, 2 * mm)
        for child in node.children:
            yield from _node(obj, child, level + 1)


def extract_pdf(person: Person, *, created_by: str) -> bytes:
    """The register extract: the person, then every record about them, one table per record."""
    title = _("Register extract")
    flow: list = [
        _p(title, "Title"),
        _p(
            _(
                "All the data Stegvis holds about you, printed %(when)s by %(who)s. Questions about "
                "the data: ask your project manager."
            )
            % {"when": f"{timezone.localtime():%Y-%m-%d %H:%M}", "who": created_by}
        ),
        _p(_("The person"), "Heading2"),
        _record_table(person),
    ]
    people = [person, *Person.objects.filter(merged_into=person).order_by("pk")]
    for other in people[1:]:
        flow += [_p(_("A record merged into this one"), "Heading2"), _record_table(other)]
    for p in people:
        for node in EXTRACT_TREE:
            flow += list(_node(p, node, 0))
    return _document(title, flow)


def access_history_pdf(person: Person, rows: list[AccessRow], *, created_by: str) -> bytes:
    """The access history as a table: when, who, organisation, what data, read or changed."""
    title = _("Who has read or changed your data")
    header = [
        _p(pgettext("access history", "When")),
        _p(pgettext("access history", "Who")),
        _p(pgettext("access history", "Organisation")),
        _p(pgettext("access history", "What data")),
        _p(pgettext("access history", "Read or changed")),
    ]
    body = [
        [
            _p(f"{timezone.localtime(r.at):%Y-%m-%d %H:%M}"),
            _p(r.who),
            _p(r.organisations or "–"),
            _p(r.kind_of_data),
            _p(
                pgettext("access history", "Read")
                if r.is_read
                else pgettext("access history", "Changed")
            ),
        ]
        for r in rows
    ]
    table = Table(
        [header, *body], colWidths=[28 * mm, 35 * mm, 42 * mm, 45 * mm, 25 * mm], repeatRows=1
    )
    table.setStyle(GRID)
    intro = _(
        "Every time staff in Stegvis read or changed data about %(name)s, from the audit trail. "
        "Printed %(when)s by %(who)s."
    ) % {
        "name": person.display_name,
        "when": f"{timezone.localtime():%Y-%m-%d %H:%M}",
        "who": created_by,
    }
    return _document(title, [_p(title, "Title"), _p(intro), Spacer(1, 4 * mm), table])
