"""CSV and XLSX export of any list: one column definition renders both.

A column is ``(header, accessor)`` where the accessor is a callable taking a row object.
CSV is written with a UTF-8 BOM and ``;`` as the separator, which is what Polish Excel opens
correctly; XLSX is written with openpyxl in write-only mode so large lists stay in bounds.

No cell from data is ever a formula: a text starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return (what a spreadsheet reads as the start of a formula, e.g. ``=HYPERLINK(…)`` in an
organisation's name) gets a leading apostrophe in CSV and XLSX alike, and every text cell of the
XLSX is stored as a string cell, never as a formula (``neutralise``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

Column = tuple[str | Promise, Callable[[Any], Any]]


# What spreadsheets (Excel, LibreOffice, Google Sheets) take for the start of a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """``text`` that no spreadsheet will evaluate: a formula-like start is prefixed with ``'``."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "tak" if value else "nie"
    if isinstance(value, (list, tuple, set)):
        return neutralise(", ".join(str(v) for v in value))
    if isinstance(value, (int, float)):
        return value
    return neutralise(str(value))


def rows_for(objects: Iterable[Any], columns: Sequence[Column]) -> Iterable[list[Any]]:
    for obj in objects:
        yield [_cell(accessor(obj)) for _, accessor in columns]


def csv_response(objects: Iterable[Any], columns: Sequence[Column], filename: str) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([neutralise(str(header)) for header, _ in columns])
    writer.writerows(rows_for(objects, columns))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(objects: Iterable[Any], columns: Sequence[Column], filename: str) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=filename[:31])
    sheet.append([_text_cell(sheet, neutralise(str(header))) for header, _ in columns])
    for row in rows_for(objects, columns):
        sheet.append([_text_cell(sheet, value) if isinstance(value, str) else value for value in row])
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def _text_cell(sheet: Any, value: str) -> Any:
    """A string cell, whatever the text looks like (openpyxl would make ``=…`` a formula)."""
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def export_response(fmt: str, objects: Iterable[Any], columns: Sequence[Column], filename: str) -> HttpResponse:
    """``fmt`` is "csv" or "xlsx" (anything else is CSV)."""
    if fmt == "xlsx":
        return xlsx_response(objects, columns, filename)
    return csv_response(objects, columns, filename)
