"""CSV and XLSX export of any list: one column definition renders both, row by row.

A column is ``(header, accessor)`` where the accessor is a callable taking a row object.
CSV is written with a UTF-8 BOM and ``;`` as the separator, which is what Polish Excel opens
correctly, and so with a decimal comma (``26,5``: with ``;`` as the separator a Polish spreadsheet
reads ``26.5`` as a date or a text). XLSX stores numbers as numbers and dates as dates.

Neither is built whole in memory: the CSV is a streaming response written a chunk of rows at a
time as the rows are read (a queryset's ``iterator()``), the XLSX is written row by row with
openpyxl's write-only mode into a temporary file that is then sent as a file. Memory stays flat
however many rows there are (``bench/exports.py`` measures it for 1,000,000 rows).

No cell from data is ever a formula: a text starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return (what a spreadsheet reads as the start of a formula, e.g. ``=HYPERLINK(…)`` in an
organisation's name) gets a leading apostrophe in CSV and XLSX alike, and every text cell of the
XLSX is stored as a string cell, never as a formula (``neutralise``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from typing import IO, Any

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.files import File
from django.core.files.storage import default_storage
from django.http import StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

Column = tuple[str | Promise, Callable[[Any], Any]]


# What spreadsheets (Excel, LibreOffice, Google Sheets) take for the start of a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """``text`` that no spreadsheet will evaluate: a formula-like start is prefixed with ``'``."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


CSV_CHUNK_ROWS = 500
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX_DATE_FORMAT = "yyyy-mm-dd"
XLSX_DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


def _cell(value: Any) -> Any:
    """A cell's value: a number (int, float, Decimal), a date or datetime (local, naive), or a text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "tak" if value else "nie"
    if isinstance(value, (list, tuple, set)):
        return neutralise(", ".join(str(v) for v in value))
    if isinstance(value, (int, float, Decimal)):
        return value
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, dt.date):
        return value
    return neutralise(str(value))


def rows_for(objects: Iterable[Any], columns: Sequence[Column]) -> Iterator[list[Any]]:
    for obj in objects:
        yield [_cell(accessor(obj)) for _, accessor in columns]


def csv_text(value: Any) -> Any:
    """A cell as a Polish spreadsheet reads it from a ``;``-separated file: a decimal comma, ISO dates."""
    if isinstance(value, bool | int):
        return value
    if isinstance(value, float | Decimal):
        text = format(value, "f") if isinstance(value, Decimal) else repr(value)
        return text.replace(".", ",")
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def csv_chunks(objects: Iterable[Any], columns: Sequence[Column]) -> Iterator[str]:
    """The CSV file (BOM, header, rows) in chunks of ``CSV_CHUNK_ROWS`` rows."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([neutralise(str(header)) for header, _ in columns])
    for count, row in enumerate(rows_for(objects, columns), start=1):
        writer.writerow([csv_text(value) for value in row])
        if count % CSV_CHUNK_ROWS == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def csv_response(objects: Iterable[Any], columns: Sequence[Column], filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_chunks(objects, columns), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def write_xlsx(objects: Iterable[Any], columns: Sequence[Column], title: str, out: IO[bytes]) -> None:
    """Write the workbook row by row (openpyxl's write-only mode) into ``out``."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([_text_cell(sheet, neutralise(str(header))) for header, _ in columns])
    for row in rows_for(objects, columns):
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    workbook.save(out)


def xlsx_response(objects: Iterable[Any], columns: Sequence[Column], filename: str) -> StreamingHttpResponse:
    """The workbook written row by row into a temporary file, then streamed from it and deleted."""
    handle, path = tempfile.mkstemp(suffix=".xlsx")
    with os.fdopen(handle, "wb") as out:
        write_xlsx(objects, columns, filename, out)
    response = StreamingHttpResponse(_file_chunks(path), content_type=XLSX_CONTENT_TYPE)
    response["Content-Length"] = str(os.path.getsize(path))
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def _file_chunks(path: str, size: int = 64 * 1024) -> Iterator[bytes]:
    """The file's bytes, opened only while they are sent; the file is deleted once sent."""
    try:
        with open(path, "rb") as source:
            while block := source.read(size):
                yield block
    finally:
        os.unlink(path)


def _xlsx_cell(sheet: Any, value: Any) -> Any:
    if isinstance(value, str):
        return _text_cell(sheet, value)
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet, value=value)  # type: ignore[arg-type]  # openpyxl writes dates too
        cell.number_format = XLSX_DATETIME_FORMAT if isinstance(value, dt.datetime) else XLSX_DATE_FORMAT
        return cell
    return value


def _text_cell(sheet: Any, value: str) -> Any:
    """A string cell, whatever the text looks like (openpyxl would make ``=…`` a formula)."""
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def export_response(fmt: str, objects: Iterable[Any], columns: Sequence[Column], filename: str) -> HttpResponseBase:
    """``fmt`` is "csv" or "xlsx" (anything else is CSV)."""
    if fmt == "xlsx":
        return xlsx_response(objects, columns, filename)
    return csv_response(objects, columns, filename)


# --- background exports --------------------------------------------------------------------
# A long list is exported by a job (``ksr.core.tasks.export_list``; in the calling process when no
# broker is configured). Its state lives in the shared cache under ``export-job:<id>``; the file in
# the default storage under ``exports/``; the download link is signed and expires after
# ``KSR_EXPORT_LINK_HOURS``. Only the user who asked for the export may follow it.

EXPORT_DIR = "exports"
PROGRESS_EVERY_ROWS = 1000
_SIGNER_SALT = "ksr.core.exports.download"


def link_max_age() -> int:
    return settings.KSR_EXPORT_LINK_HOURS * 60 * 60


def _job_key(job_id: str) -> str:
    return f"export-job:{job_id}"


def get_job(job_id: str) -> dict[str, Any] | None:
    job: dict[str, Any] | None = cache.get(_job_key(job_id))
    return job


def _save_job(job_id: str, job: dict[str, Any]) -> None:
    cache.set(_job_key(job_id), job, link_max_age() + 60 * 60)


def start_export_job(
    *, view: str, user_id: int, query: str, kwargs: dict[str, Any], fmt: str, filename: str, total: int
) -> str:
    """Queue the export of the list ``view`` (dotted path of a ``FilteredListView``) as ``user_id``
    sees it with the filters ``query``; answers the job's id."""
    from ksr.core.tasks import export_list

    job_id = uuid.uuid4().hex
    _save_job(job_id, {"user": user_id, "status": "queued", "rows": 0, "total": total, "fmt": fmt, "name": ""})
    export_list.delay(job_id, view, user_id, query, kwargs, fmt, filename)
    return job_id


def run_export_job(job_id: str, objects: Iterable[Any], columns: Sequence[Column], fmt: str, filename: str) -> None:
    """Write the export file of job ``job_id``, recording its progress every ``PROGRESS_EVERY_ROWS`` rows."""
    job = get_job(job_id)
    if job is None:
        return
    job["status"] = "running"
    _save_job(job_id, job)

    def counted() -> Iterator[Any]:
        for count, obj in enumerate(objects, start=1):
            job["rows"] = count
            if count % PROGRESS_EVERY_ROWS == 0:
                _save_job(job_id, job)
            yield obj

    purge_expired_exports()
    try:
        with tempfile.TemporaryFile() as out:
            if fmt == "xlsx":
                write_xlsx(counted(), columns, filename, out)
            else:
                for chunk in csv_chunks(counted(), columns):
                    out.write(chunk.encode("utf-8"))
            out.seek(0)
            name = default_storage.save(f"{EXPORT_DIR}/{job_id}/{filename}.{fmt}", File(out))
    except Exception:
        job["status"] = "failed"  # the progress page says so and stops polling
        _save_job(job_id, job)
        raise
    job.update(status="done", name=name)
    _save_job(job_id, job)


def purge_expired_exports() -> None:
    """Delete export files older than their links."""
    limit = timezone.now() - dt.timedelta(seconds=link_max_age())
    try:
        folders, _files = default_storage.listdir(EXPORT_DIR)
    except FileNotFoundError:
        return
    for folder in folders:
        _dirs, files = default_storage.listdir(f"{EXPORT_DIR}/{folder}")
        for file in files:
            path = f"{EXPORT_DIR}/{folder}/{file}"
            if default_storage.get_modified_time(path) < limit:
                default_storage.delete(path)


def download_token(job_id: str) -> str:
    return signing.TimestampSigner(salt=_SIGNER_SALT).sign(job_id)


def job_of_token(token: str) -> str | None:
    """The job id of a download link still valid, else None."""
    try:
        return signing.TimestampSigner(salt=_SIGNER_SALT).unsign(token, max_age=link_max_age())
    except signing.BadSignature:  # SignatureExpired included
        return None
