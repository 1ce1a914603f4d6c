"""A :class:`~ksr.documents.blocks.Document` as PDF (fpdf2 with the DejaVu fonts; ADR 0018)."""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from ksr.documents.blocks import Document, Heading, KeyValues, Paragraph, Table

FONT_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def render_pdf(document: Document) -> bytes:
    for path in (FONT_PATH, FONT_BOLD_PATH):
        if not Path(path).exists():
            raise ImproperlyConfigured(f"The font {path} is missing; install the Debian package fonts-dejavu-core.")
    from fpdf import FPDF

    logging.getLogger("fontTools").setLevel(logging.WARNING)  # font subsetting chatter
    page_label = _("page")
    of_label = _("of")

    class _PDF(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("DejaVu", "", 7)
            self.cell(0, 5, document.identifier, align="L")
            self.set_x(self.l_margin)
            self.cell(0, 5, f"{page_label} {self.page_no()} {of_label} {{nb}}", align="R")

    pdf = _PDF(format="A4")
    pdf.set_title(document.title)
    pdf.set_subject(document.identifier)
    pdf.set_creator("KSR")
    pdf.add_font("DejaVu", "", FONT_PATH)
    pdf.add_font("DejaVu", "B", FONT_BOLD_PATH)
    pdf.set_margins(18, 15, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    _letterhead(pdf, document)
    pdf.set_font("DejaVu", "B", 14)
    pdf.multi_cell(0, 8, document.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for block in document.blocks:
        if isinstance(block, Heading):
            pdf.ln(2)
            pdf.set_font("DejaVu", "B", 11)
            pdf.multi_cell(0, 6, block.text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif isinstance(block, Paragraph):
            pdf.set_font("DejaVu", "", 10)
            pdf.multi_cell(0, 5, block.text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif isinstance(block, KeyValues):
            _table(pdf, [], list(block.rows), (2, 3), bold_first=True)
        elif isinstance(block, Table):
            _table(pdf, list(block.header), list(block.rows), tuple(block.widths) or None)
        else:
            _signatures(pdf, list(block.roles))
    if document.letterhead.closing:
        pdf.ln(4)
        pdf.set_font("DejaVu", "", 9)
        pdf.multi_cell(0, 5, document.letterhead.closing, align="C", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _letterhead(pdf: Any, document: Document) -> None:
    head = document.letterhead
    top = pdf.get_y()
    text_x = pdf.l_margin
    if head.logo:
        pdf.image(io.BytesIO(head.logo), x=pdf.l_margin, y=top, h=16)
        text_x = pdf.l_margin + 30
    pdf.set_xy(text_x, top)
    pdf.set_font("DejaVu", "B", 11)
    pdf.multi_cell(110, 5, head.name, new_x="LMARGIN", new_y="NEXT")
    if head.address:
        pdf.set_x(text_x)
        pdf.set_font("DejaVu", "", 8)
        pdf.multi_cell(110, 4, head.address, new_x="LMARGIN", new_y="NEXT")
    bottom = pdf.get_y()
    pdf.set_xy(pdf.w - pdf.r_margin - 60, top)
    pdf.set_font("DejaVu", "", 8)
    pdf.multi_cell(60, 4, _("Document no.") + "\n" + document.identifier, align="R", new_x="LMARGIN", new_y="NEXT")
    if document.place_date:
        pdf.set_x(pdf.w - pdf.r_margin - 60)
        pdf.multi_cell(60, 4, document.place_date, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(bottom, pdf.get_y(), top + (17 if head.logo else 0)) + 2)
    pdf.set_draw_color(120, 120, 120)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(5)


def _table(
    pdf: Any,
    header: list[str],
    rows: list[Any],
    widths: tuple[int, ...] | None,
    *,
    bold_first: bool = False,
) -> None:
    if not rows and not header:
        return
    pdf.set_font("DejaVu", "", 9)
    with pdf.table(
        col_widths=widths,
        first_row_as_headings=bool(header),
        text_align="LEFT",
        line_height=5,
        headings_style=_heading_style(),
    ) as table:
        if header:
            row = table.row()
            for text in header:
                row.cell(text)
        for values in rows:
            row = table.row()
            for i, text in enumerate(values):
                row.cell(text, style=_bold() if bold_first and i == 0 else None)
    pdf.ln(3)


def _heading_style() -> Any:
    from fpdf.fonts import FontFace

    return FontFace(family="DejaVu", emphasis="BOLD", fill_color=(230, 230, 230))


def _bold() -> Any:
    from fpdf.fonts import FontFace

    return FontFace(family="DejaVu", emphasis="BOLD")


def _signatures(pdf: Any, roles: list[str]) -> None:
    if not roles:
        return
    pdf.ln(14)
    if pdf.will_page_break(20):
        pdf.add_page()
    width = (pdf.w - pdf.l_margin - pdf.r_margin) / len(roles)
    y = pdf.get_y()
    pdf.set_draw_color(0, 0, 0)
    for i, role in enumerate(roles):
        x = pdf.l_margin + i * width
        pdf.line(x + 5, y, x + width - 5, y)
        pdf.set_xy(x, y + 1)
        pdf.set_font("DejaVu", "", 8)
        pdf.multi_cell(width, 4, role, align="C")
    pdf.set_xy(pdf.l_margin, y + 12)
