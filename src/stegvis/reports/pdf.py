"""The funder's report as PDF: the ESF+ indicators by gender, planned against actual participants
and a summary of the outcomes, drawn with reportlab (pure Python, no system library).

The PDF carries real text, not pictures of text: a reader can search, copy and read it aloud. It
names its title, subject, author and language (sv or en, /Lang), opens with its title shown, and
has an outline (bookmarks) of its headings, so that a screen reader and a reader's side panel can
move between the parts. The fonts are Bitstream Vera, shipped with reportlab and embedded as
Unicode (TrueType), so å, ä, ö, – and − are written as themselves. Open-source reportlab writes no
structure tree (PDF/UA tags); the HTML page is the accessible form of the same figures.

The tables come in as the page shows them: suppressed for those who see aggregates only
(esf.esf_table, esf.plan_table, outcomes.outcome_rows), so the PDF never tells more than the page.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import reportlab
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.tables import LongTable

FONT, BOLD = "StegvisVera", "StegvisVera-Bold"
INK = colors.HexColor("#1b1f24")
GRID = colors.HexColor("#c9d0d8")
HEAD = colors.HexColor("#e3e7ec")


def _fonts() -> None:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = Path(reportlab.__file__).parent / "fonts"
    pdfmetrics.registerFont(TTFont(FONT, str(folder / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "VeraBd.ttf")))


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13, textColor=INK)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=17, leading=22,
                                spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=body, fontName=BOLD, fontSize=12.5, leading=16,
                             spaceBefore=10, spaceAfter=4),
        "body": body,
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5),
        "note": ParagraphStyle("note", parent=body, fontSize=8.5, leading=11,
                               textColor=colors.HexColor("#4a5360")),
    }  # fmt: skip


class Heading(Paragraph):
    """A heading that puts itself in the PDF's outline."""

    def __init__(self, text: str, style: ParagraphStyle, *, level: int) -> None:
        super().__init__(_escape(text), style)
        self.outline_text = text
        self.outline_level = level


def _escape(text: object) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _Document(SimpleDocTemplate):
    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802  (reportlab's name)
        if isinstance(flowable, Heading):
            key = f"h{id(flowable)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.outline_text, key, level=flowable.outline_level)


def _table(rows: Sequence[Sequence[object]], *, widths: Sequence[float], numbers_from: int,
           style: ParagraphStyle) -> Table:  # fmt: skip
    """A table with a header row repeated on every page; text wraps, figures are right-aligned."""
    data = [
        [Paragraph(_escape(c), style) if i < numbers_from else ("" if c is None else str(c))
         for i, c in enumerate(row)]
        for row in rows
    ]  # fmt: skip
    table = LongTable(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 8.5),
                ("FONT", (0, 0), (-1, 0), BOLD, 8.5),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD),
                ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (numbers_from, 0), (-1, -1), "RIGHT"),
                ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ]
        )
    )
    return table


def funder_report_pdf(
    *,
    title: str,
    subject: str,
    author: str,
    language: str,
    lines: Sequence[str],
    sections: Sequence[tuple[str, Sequence[str], Sequence[Sequence[object]], Sequence[float], int]],
    note: str,
) -> bytes:
    """The PDF: the title, a few lines under it (project, period, who sees what), then per
    section its heading, its paragraphs and its table (rows with the header first, the column
    widths in mm, the first column of figures), and a closing note."""
    _fonts()
    styles = _styles()
    out = io.BytesIO()
    doc = _Document(
        out, pagesize=A4, title=title, subject=subject, author=author, creator="Stegvis",
        lang=language, displayDocTitle=True, leftMargin=16 * mm, rightMargin=16 * mm,
        topMargin=16 * mm, bottomMargin=16 * mm,
    )  # fmt: skip
    story: list[Flowable] = [Heading(title, styles["title"], level=0)]
    story += [Paragraph(_escape(line), styles["body"]) for line in lines]
    for heading, paragraphs, rows, widths, numbers_from in sections:
        story.append(Heading(heading, styles["h2"], level=1))
        story += [Paragraph(_escape(p), styles["body"]) for p in paragraphs]
        story.append(Spacer(1, 3 * mm))
        story.append(
            _table(rows, widths=[w * mm for w in widths], numbers_from=numbers_from,
                   style=styles["cell"])
        )  # fmt: skip
    story += [Spacer(1, 5 * mm), Paragraph(_escape(note), styles["note"])]
    doc.build(story)
    return out.getvalue()
