"""The accountant's monthly list of integration benefits: XLSX (numbers as numbers) and PDF."""

from __future__ import annotations

import datetime as dt
import io
import logging
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook

from ksr.cis.models import BenefitRate
from ksr.cis.rules import BenefitLine

FONT_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def _header() -> list[str]:
    return [
        _("Participant"),
        _("Days of participation"),
        _("Days of unexcused absence"),
        _("Benefit for a full month (PLN)"),
        _("Prorated (PLN)"),
        _("Deduction (PLN)"),
        _("Motivation bonus (PLN)"),
        _("To pay (PLN)"),
    ]


def _row(line: BenefitLine) -> list[Any]:
    return [
        str(line.case.participant),
        line.participation_days,
        line.unexcused_days,
        line.full,
        line.prorated,
        line.deduction,
        line.bonus,
        line.total,
    ]


def _filename(centre: Any, month: dt.date, extension: str) -> str:
    return f"swiadczenia-integracyjne-{centre.pk}-{month:%Y-%m}.{extension}"


def benefits_xlsx(centre: Any, month: dt.date, rate: BenefitRate, lines: list[BenefitLine]) -> HttpResponse:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Benefits"))
    sheet.append(
        [_("Integration benefits of %(centre)s, %(month)s") % {"centre": centre.name, "month": f"{month:%m.%Y}"}]
    )
    sheet.append([_("Rate from"), rate.valid_from, _("Source"), rate.source])
    sheet.append(_header())
    for line in lines:
        sheet.append(_row(line))
    sheet.append([_("Total"), None, None, None, None, None, None, sum((line.total for line in lines), Decimal(0))])
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(centre, month, "xlsx")}"'
    return response


def _pln(value: Any) -> str:
    return f"{value:,.2f}".replace(",", " ").replace(".", ",") if isinstance(value, Decimal) else str(value)


def benefits_pdf(centre: Any, month: dt.date, rate: BenefitRate, lines: list[BenefitLine]) -> HttpResponse:
    from fpdf import FPDF

    logging.getLogger("fontTools").setLevel(logging.WARNING)
    pdf = FPDF(format="A4", orientation="landscape")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_font("DejaVu", "", FONT_PATH)
    pdf.add_font("DejaVu", "B", FONT_BOLD_PATH)
    title = _("Integration benefits of %(centre)s, %(month)s") % {"centre": centre.name, "month": f"{month:%m.%Y}"}
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 14)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9)
    pdf.multi_cell(
        0,
        5,
        _("Rate from %(date)s: %(amount)s PLN × %(percent)s%%. Source: %(source)s")
        % {
            "date": date_format(rate.valid_from, "SHORT_DATE_FORMAT"),
            "amount": _pln(rate.unemployment_benefit),
            "percent": rate.percent.normalize(),
            "source": rate.source,
        },
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(2)
    pdf.set_font("DejaVu", "", 8)
    with pdf.table(first_row_as_headings=True, text_align="LEFT") as table:
        for cells in [_header(), *(_row(line) for line in lines)]:
            row = table.row()
            for cell in cells:
                row.cell(_pln(cell))
    pdf.ln(2)
    pdf.set_font("DejaVu", "B", 10)
    total = sum((line.total for line in lines), Decimal(0))
    pdf.multi_cell(0, 6, _("Total to pay: %(total)s PLN") % {"total": _pln(total)}, new_x="LMARGIN", new_y="NEXT")
    response = HttpResponse(bytes(pdf.output()), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(centre, month, "pdf")}"'
    return response
