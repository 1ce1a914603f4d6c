"""CSV and XLSX export of any list: one column definition renders both.

A column is ``(header, accessor)`` where the accessor is a callable taking a row object.
CSV is written with a UTF-8 BOM and ``;`` as the separator, which is what Polish Excel opens
correctly; XLSX is written with openpyxl in write-only mode so large lists stay in bounds.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils.functional import Promise
from openpyxl import Workbook

Column = tuple[str | Promise, Callable[[Any], Any]]


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "tak" if value else "nie"
    if isinstance(value, (list, tuple, set)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, (int, float)):
        return value
    return str(value)


def rows_for(objects: Iterable[Any], columns: Sequence[Column]) -> Iterable[list[Any]]:
    for obj in objects:
        yield [_cell(accessor(obj)) for _, accessor in columns]


def csv_response(objects: Iterable[Any], columns: Sequence[Column], filename: str) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([str(header) for header, _ in columns])
    writer.writerows(rows_for(objects, columns))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(objects: Iterable[Any], columns: Sequence[Column], filename: str) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=filename[:31])
    sheet.append([str(header) for header, _ in columns])
    for row in rows_for(objects, columns):
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def export_response(fmt: str, objects: Iterable[Any], columns: Sequence[Column], filename: str) -> HttpResponse:
    """``fmt`` is "csv" or "xlsx" (anything else is CSV)."""
    if fmt == "xlsx":
        return xlsx_response(objects, columns, filename)
    return csv_response(objects, columns, filename)
