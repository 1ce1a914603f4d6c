"""Loading the GUS TERYT TERC register into ``TerritorialUnit``.

``load_teryt(source, *, actor=None) -> LoadReport`` reads the register as GUS publishes it,
either form, detected from the content:

- CSV: ``;``-separated UTF-8 (with or without BOM), header ``WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA``;
- XML: ``<teryt><catalog name="TERC" …><row><WOJ>02</WOJ><POW/>…</row>…</catalog></teryt>``.

The whole file is validated first; a malformed file raises ``TercFormatError`` (a
``ValidationError``) naming the CSV line or XML row, and nothing is written. Then, in one
transaction: new codes are created, existing codes updated in place, codes missing from the file
retired (``retired_on`` = the file's STAN_NA; never deleted — other records point at them) and
retired codes present again restored. Loading the same file twice changes nothing. One audit
entry records each load.

A file that would retire more than ``MASS_RETIRE_SHARE`` (5 %) of the units in force is refused
(``MassRetireError``) unless ``allow_mass_retire`` — a truncated or wrong file must not retire the
country. ``dry_run`` computes the same report (with the codes that would change) and writes
nothing. XML with a DTD, entities or external references is refused as malformed (defusedxml).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from defusedxml import DefusedXmlException, ElementTree
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ksr.audit.choices import AuditAction
from ksr.audit.services import record
from ksr.core.text import fold
from ksr.core.types import AnyUser
from ksr.territory.cached import forget_unit_choices
from ksr.territory.choices import DISTRICT_KINDS, GMINA_KINDS, PART_KINDS, UnitLevel
from ksr.territory.models import TerritorialUnit

COLUMNS = ("WOJ", "POW", "GMI", "RODZ", "NAZWA", "NAZWA_DOD", "STAN_NA")
NAME_MAX = 100
BATCH_SIZE = 500
_TWO_DIGITS = re.compile(r"[0-9]{2}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_UPDATED_FIELDS = ["level", "kind", "name", "name_folded", "description", "parent", "valid_from", "retired_on"]


MASS_RETIRE_SHARE = 0.05


class TercFormatError(ValidationError):
    """A TERC file that cannot be loaded; the message names the line (CSV) or row (XML)."""


class MassRetireError(ValidationError):
    """The file would retire more than ``MASS_RETIRE_SHARE`` of the units in force."""


@dataclass(frozen=True)
class TercRow:
    """One validated unit of the register; ``position`` is the CSV line or XML row number."""

    position: int
    code: str
    level: str
    kind: str
    name: str
    description: str
    valid_from: dt.date

    @property
    def parent_code(self) -> str | None:
        if self.level == UnitLevel.VOIVODESHIP:
            return None
        if self.level == UnitLevel.POWIAT:
            return self.code[:2]
        return self.code[:4]


@dataclass
class LoadReport:
    source: str
    format: str
    edition: dt.date | None = None
    rows: int = 0
    created: int = 0
    updated: int = 0
    retired: int = 0
    unchanged: int = 0
    restored: int = 0  # retired units present again (also counted in ``updated``)
    by_level: dict[str, int] = field(default_factory=dict)
    in_force_before: int = 0
    dry_run: bool = False
    created_codes: list[str] = field(default_factory=list)
    updated_codes: list[str] = field(default_factory=list)
    retired_codes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.retired)

    def summary(self) -> str:
        edition = self.edition.isoformat() if self.edition else "?"
        return (
            f"TERYT TERC {self.source} ({self.format.upper()}, {edition}): {self.rows} units; "
            f"created {self.created}, updated {self.updated}, retired {self.retired}, unchanged {self.unchanged}"
            + (f" (restored {self.restored})" if self.restored else "")
        )


# --- reading -------------------------------------------------------------------------------


def _read_source(source: str | os.PathLike[str] | IO[Any]) -> tuple[bytes, str]:
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        try:
            return path.read_bytes(), path.name
        except OSError as error:
            raise TercFormatError(
                _("Cannot read %(file)s: %(error)s"), code="unreadable", params={"file": str(path), "error": error}
            ) from error
    data = source.read()
    name = Path(str(getattr(source, "name", "") or "upload")).name
    return (data.encode("utf-8") if isinstance(data, str) else bytes(data)), name


def _error(message: Any, code: str, **params: Any) -> TercFormatError:
    return TercFormatError(message, code=code, params=params)


def _line_error(position: int, is_xml: bool, detail: Any) -> TercFormatError:
    if is_xml:
        message, code = _("Row %(position)d of the XML file: %(detail)s"), "invalid_row"
    else:
        message, code = _("Line %(position)d of the CSV file: %(detail)s"), "invalid_line"
    return _error(message, code, position=position, detail=detail)


def _csv_records(data: bytes) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _error(_("The CSV file is not UTF-8 text (byte %(offset)d)."), "encoding", offset=error.start) from error
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    header_seen = False
    for values in reader:
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        if not header_seen:
            header = [v.strip() for v in values]
            if tuple(header) != COLUMNS:
                raise _line_error(
                    line,
                    False,
                    _("the header is %(found)s; expected %(expected)s.")
                    % {"found": ";".join(header), "expected": ";".join(COLUMNS)},
                )
            header_seen = True
            continue
        if len(values) != len(COLUMNS):
            raise _line_error(
                line,
                False,
                _("expected %(expected)d columns, found %(found)d.") % {"expected": len(COLUMNS), "found": len(values)},
            )
        yield line, dict(zip(COLUMNS, values, strict=True))
    if not header_seen:
        raise _error(_("The file is empty."), "empty")


def _xml_records(data: bytes) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        root = ElementTree.fromstring(data)
    except DefusedXmlException as error:
        raise _error(
            _("The XML file declares a DTD, an entity or an external reference (%(detail)s); a TERC file has none."),
            "forbidden_xml",
            detail=type(error).__name__,
        ) from error
    except ElementTree.ParseError as error:
        line = getattr(error, "position", (0, 0))[0]
        raise _error(
            _("The XML file is broken near line %(line)d: %(detail)s"), "broken_xml", line=line, detail=str(error)
        ) from error
    catalog = root if root.tag == "catalog" else root.find("catalog")
    if catalog is not None and catalog.get("name", "TERC").upper() != "TERC":
        raise _error(
            _("The XML file holds the %(name)s catalogue, not TERC."), "wrong_catalog", name=catalog.get("name")
        )
    for number, row in enumerate(root.iter("row"), start=1):
        values: dict[str, str] = {}
        for column in COLUMNS:
            element = row.find(column)
            if element is None:
                raise _line_error(number, True, _("the element <%(name)s> is missing.") % {"name": column})
            values[column] = element.text or ""
        yield number, values


def _parse_row(position: int, values: dict[str, str], is_xml: bool) -> TercRow:
    def fail(detail: Any) -> TercFormatError:
        return _line_error(position, is_xml, detail)

    woj, pow_, gmi, rodz = (values[c].strip() for c in ("WOJ", "POW", "GMI", "RODZ"))
    name, description, stan_na = (values[c].strip() for c in ("NAZWA", "NAZWA_DOD", "STAN_NA"))
    for column, value in (("WOJ", woj), ("POW", pow_), ("GMI", gmi)):
        if value and not _TWO_DIGITS.fullmatch(value):
            raise fail(_("%(column)s must be two digits, found “%(value)s”.") % {"column": column, "value": value})
    if rodz and not (len(rodz) == 1 and rodz.isdigit()):
        raise fail(_("RODZ must be one digit, found “%(value)s”.") % {"value": rodz})
    kind = ""
    if woj and not (pow_ or gmi or rodz):
        level, code = UnitLevel.VOIVODESHIP, woj
    elif woj and pow_ and not (gmi or rodz):
        level, code = UnitLevel.POWIAT, woj + pow_
    elif woj and pow_ and gmi and rodz:
        code, kind = woj + pow_ + gmi + rodz, rodz
        if rodz in GMINA_KINDS:
            level = UnitLevel.GMINA
        elif rodz in PART_KINDS:
            level = UnitLevel.GMINA_PART
        elif rodz in DISTRICT_KINDS:
            level = UnitLevel.DISTRICT
        else:
            raise fail(_("unknown RODZ “%(value)s” (expected 1, 2, 3, 4, 5, 8 or 9).") % {"value": rodz})
    else:
        raise fail(
            _("the code columns WOJ;POW;GMI;RODZ “%(code)s” name no voivodeship, powiat or gmina.")
            % {"code": ";".join((woj, pow_, gmi, rodz))}
        )
    if not name:
        raise fail(_("NAZWA is empty."))
    if len(name) > NAME_MAX or len(description) > NAME_MAX:
        raise fail(_("NAZWA and NAZWA_DOD may have at most %(max)d characters.") % {"max": NAME_MAX})
    try:
        if not _DATE.fullmatch(stan_na):
            raise ValueError(stan_na)
        valid_from = dt.date.fromisoformat(stan_na)
    except ValueError:
        raise fail(_("STAN_NA must be a date YYYY-MM-DD, found “%(value)s”.") % {"value": stan_na}) from None
    return TercRow(position, code, level, kind, name, description, valid_from)


def parse_terc(data: bytes) -> tuple[str, list[TercRow]]:
    """Validate a whole TERC file; returns its format ("csv" or "xml") and rows, or raises."""
    is_xml = data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")
    records = _xml_records(data) if is_xml else _csv_records(data)
    rows: list[TercRow] = []
    seen: dict[str, int] = {}
    for position, values in records:
        row = _parse_row(position, values, is_xml)
        if row.code in seen:
            raise _line_error(
                position,
                is_xml,
                _("duplicate TERYT code %(code)s (first at %(first)d).") % {"code": row.code, "first": seen[row.code]},
            )
        seen[row.code] = position
        rows.append(row)
    if not rows:
        raise _error(_("The file contains no territorial units."), "empty")
    for row in rows:
        parent = row.parent_code
        if parent is not None and parent not in seen:
            raise _line_error(
                row.position,
                is_xml,
                _("the unit %(code)s has no parent %(parent)s in the file.") % {"code": row.code, "parent": parent},
            )
    return ("xml" if is_xml else "csv"), rows


# --- writing -------------------------------------------------------------------------------


_WRITE_ORDER: list[str] = [UnitLevel.VOIVODESHIP, UnitLevel.POWIAT]


def _write_rank(row: TercRow) -> int:
    return _WRITE_ORDER.index(row.level) if row.level in _WRITE_ORDER else len(_WRITE_ORDER)


def load_teryt(
    source: str | os.PathLike[str] | IO[Any],
    *,
    actor: AnyUser | None = None,
    allow_mass_retire: bool = False,
    dry_run: bool = False,
) -> LoadReport:
    """Load a TERC register file (path or open file, CSV or XML) and report what changed.

    Raises ``TercFormatError`` for a malformed file and ``MassRetireError`` when more than 5 % of
    the units in force would be retired without ``allow_mass_retire``; nothing is written then,
    nor with ``dry_run`` (the report says what would have changed).
    """
    data, name = _read_source(source)
    fmt, rows = parse_terc(data)
    report = LoadReport(
        source=name, format=fmt, rows=len(rows), edition=max(r.valid_from for r in rows), dry_run=dry_run
    )
    for row in rows:
        report.by_level[row.level] = report.by_level.get(row.level, 0) + 1
    with transaction.atomic():
        _write(rows, report)
        too_many = report.retired > MASS_RETIRE_SHARE * report.in_force_before
        if too_many and not (allow_mass_retire or dry_run):
            raise MassRetireError(
                _(
                    "The file would retire %(retired)d of %(total)d units in force (more than 5%%); "
                    "nothing was written. Check the file, or load it with --allow-mass-retire."
                ),
                code="mass_retire",
                params={"retired": report.retired, "total": report.in_force_before},
            )
        if dry_run:
            transaction.set_rollback(True)
        else:
            _audit(report, actor)
            forget_unit_choices()
    return report


def _write(rows: list[TercRow], report: LoadReport) -> None:
    existing = {unit.code: unit for unit in TerritorialUnit.objects.select_for_update().order_by()}
    report.in_force_before = sum(1 for unit in existing.values() if unit.retired_on is None)
    ids = {code: unit.pk for code, unit in existing.items()}
    in_file = {row.code for row in rows}
    # Parents first: voivodeships, then powiats, then gminas, their parts and districts.
    for rank in range(len(_WRITE_ORDER) + 1):
        batch = [row for row in rows if _write_rank(row) == rank]
        to_create: list[TerritorialUnit] = []
        to_update: list[TerritorialUnit] = []
        for row in batch:
            parent_id = ids[row.parent_code] if row.parent_code else None
            values = {
                "level": row.level,
                "kind": row.kind,
                "name": row.name,
                "name_folded": fold(row.name),
                "description": row.description,
                "parent_id": parent_id,
                "valid_from": row.valid_from,
                "retired_on": None,
            }
            unit = existing.get(row.code)
            if unit is None:
                to_create.append(TerritorialUnit(code=row.code, **values))
                continue
            if all(getattr(unit, key) == value for key, value in values.items()):
                report.unchanged += 1
                continue
            if unit.retired_on is not None:
                report.restored += 1
            for key, value in values.items():
                setattr(unit, key, value)
            to_update.append(unit)
        TerritorialUnit.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
        TerritorialUnit.objects.bulk_update(to_update, _UPDATED_FIELDS, batch_size=BATCH_SIZE)
        report.created += len(to_create)
        report.updated += len(to_update)
        report.created_codes += [unit.code for unit in to_create]
        report.updated_codes += [unit.code for unit in to_update]
        if to_create:  # not every database returns the new primary keys from bulk_create
            new_codes = [unit.code for unit in to_create]
            for start in range(0, len(new_codes), BATCH_SIZE):
                chunk = new_codes[start : start + BATCH_SIZE]
                ids.update(TerritorialUnit.objects.filter(code__in=chunk).values_list("code", "pk"))
    to_retire = [unit for code, unit in existing.items() if code not in in_file and unit.retired_on is None]
    for unit in to_retire:
        unit.retired_on = report.edition
    TerritorialUnit.objects.bulk_update(to_retire, ["retired_on"], batch_size=BATCH_SIZE)
    report.retired = len(to_retire)
    report.retired_codes = sorted(unit.code for unit in to_retire)


def _audit(report: LoadReport, actor: AnyUser | None) -> None:
    record(
        AuditAction.IMPORT,
        None,
        actor=actor,
        object_repr=report.summary(),
        changes={
            "file": report.source,
            "format": report.format,
            "edition": report.edition.isoformat() if report.edition else None,
            "rows": report.rows,
            "created": report.created,
            "updated": report.updated,
            "retired": report.retired,
            "unchanged": report.unchanged,
            "restored": report.restored,
        },
    )
