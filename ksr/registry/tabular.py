"""The organisation table: CSV/XLSX export columns and the CSV import that reads them back.

One list of columns serves both directions. The import accepts the export's headers (Polish or
English), ignores derived columns (stakeholder type, respondent category, voivodeship, …) and
writes through the services, so permissions, validation and the audit trail are the same as in
the forms. ``run_import(..., dry_run=True)`` runs every row inside a transaction that is rolled
back: the preview shows exactly what the real import will do, and writes nothing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ksr.audit.services import snapshot
from ksr.core.exports import Column
from ksr.core.text import fold
from ksr.core.types import AnyUser
from ksr.registry.choices import (
    OperatingLevel,
    OrganisationKind,
    ReintegrationGoal,
    RespondentCategory,
    SectorCode,
)
from ksr.registry.models import Organisation, Sector
from ksr.registry.services import ORGANISATION_M2M, do_create_organisation, do_update_organisation
from ksr.registry.validators import clean_nip, clean_regon
from ksr.territory.choices import UnitLevel
from ksr.territory.models import TerritorialUnit

MAX_IMPORT_ROWS = 5000


def _seat_level(org: Organisation, depth: int) -> str:
    unit: TerritorialUnit | None = org.seat
    for _step in range(depth):
        unit = unit.parent if unit is not None else None
    return unit.name if unit is not None else ""


@dataclass(frozen=True)
class TableColumn:
    key: str
    header: Promise | str
    export: Callable[[Organisation], Any]
    imported: bool = True


COLUMNS: list[TableColumn] = [
    TableColumn("name", _("Name"), lambda o: o.name),
    TableColumn("short_name", _("Short name"), lambda o: o.short_name),
    TableColumn("kind", _("Kind"), lambda o: o.get_kind_display()),
    TableColumn("stakeholder_type", _("Stakeholder type"), lambda o: o.stakeholder_type, imported=False),
    TableColumn(
        "reintegration_goal", _("Reintegration among statutory goals"), lambda o: o.get_reintegration_goal_display()
    ),
    TableColumn(
        "respondent_category",
        _("Respondent category"),
        lambda o: f"{o.respondent_category}. {RespondentCategory(o.respondent_category).label}",
        imported=False,
    ),
    TableColumn("sectors", _("Sectors"), lambda o: [str(s) for s in o.sectors.all()]),
    TableColumn("operating_level", _("Operating level"), lambda o: o.get_operating_level_display()),
    TableColumn("voivodeship", _("Voivodeship"), lambda o: _seat_level(o, 2), imported=False),
    TableColumn("powiat", _("Powiat"), lambda o: _seat_level(o, 1), imported=False),
    TableColumn("seat_name", _("Seat (gmina)"), lambda o: str(o.seat), imported=False),
    TableColumn("seat", _("Seat TERYT code"), lambda o: o.seat.code),
    TableColumn("area", _("Area of operation (TERYT codes)"), lambda o: [u.code for u in o.area.all()]),
    TableColumn("parent", _("Parent organisation"), lambda o: o.parent.name if o.parent else "", imported=False),
    TableColumn("street", _("Street and number"), lambda o: o.street),
    TableColumn("postal_code", _("Postal code"), lambda o: o.postal_code),
    TableColumn("city", _("Town"), lambda o: o.city),
    TableColumn("email", _("E-mail"), lambda o: o.email),
    TableColumn("phone", _("Phone"), lambda o: o.phone),
    TableColumn("website", _("Website"), lambda o: o.website),
    TableColumn("nip", _("NIP"), lambda o: o.nip),
    TableColumn("regon", _("REGON"), lambda o: o.regon),
    TableColumn("krs", _("KRS number"), lambda o: o.krs),
    TableColumn("offers_internships", _("Offers internships"), lambda o: o.offers_internships),
    TableColumn("is_active", _("Active"), lambda o: o.is_active),
    TableColumn("notes", _("Notes"), lambda o: o.notes),
]

EXPORT_COLUMNS: list[Column] = [(c.header, c.export) for c in COLUMNS]
REQUIRED_IMPORT_COLUMNS = ("name", "kind", "seat")


def export_queryset(queryset: models.QuerySet[Organisation]) -> models.QuerySet[Organisation]:
    """What the export columns read, fetched in a fixed number of queries."""
    return queryset.select_related("seat__parent__parent", "parent").prefetch_related("sectors", "area")


# Import -----------------------------------------------------------------------------------


@dataclass
class RowResult:
    line: int
    name: str
    action: str = ""  # "create", "update", "unchanged" or "error"
    messages: list[str] = field(default_factory=list)
    organisation_id: int | None = None


@dataclass
class ImportReport:
    rows: list[RowResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # about the whole file
    dry_run: bool = True

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def created(self) -> int:
        return self.count("create")

    @property
    def updated(self) -> int:
        return self.count("update")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")

    @property
    def failed(self) -> int:
        return self.count("error")

    @property
    def importable(self) -> int:
        return self.created + self.updated


def _header_map() -> dict[str, str]:
    """Folded header text (Polish or English, or the column key) → column key."""
    mapping: dict[str, str] = {}
    for column in COLUMNS:
        if not column.imported:
            continue
        mapping[fold(column.key)] = column.key
        for language in ("pl", "en"):
            with translation.override(language):
                mapping[fold(str(column.header))] = column.key
    return mapping


def _choice_map(choices: list[tuple[str, Any]]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for value, label in choices:
        mapping[fold(value)] = value
        for language in ("pl", "en"):
            with translation.override(language):
                mapping[fold(str(label))] = value
    return mapping


class RowError(Exception):
    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


def _field_label(name: str) -> str:
    try:
        return capfirst(str(getattr(Organisation._meta.get_field(name), "verbose_name", name)))
    except FieldDoesNotExist:
        return name


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        out = []
        for name, errors in exc.message_dict.items():
            for message in errors:
                out.append(message if name == NON_FIELD_ERRORS else f"{_field_label(name)}: {message}")
        return out
    return list(exc.messages)


def _split_list(value: str) -> list[str]:
    return [part.strip() for part in value.replace("\n", ",").replace(";", ",").split(",") if part.strip()]


def _pad_code(code: str) -> str:
    """Spreadsheets drop leading zeros of TERYT codes (0201011 → 201011): put them back."""
    return "0" + code if code.isdigit() and len(code) in (1, 3, 6) else code


class RowParser:
    """Turns one CSV row (a dict keyed by column key) into the ``data`` a service takes."""

    def __init__(self) -> None:
        self.kinds = _choice_map(OrganisationKind.choices)
        self.goals = _choice_map(ReintegrationGoal.choices)
        self.levels = _choice_map(OperatingLevel.choices)
        self.sector_codes = _choice_map(SectorCode.choices)
        self.sectors = {s.code: s for s in Sector.objects.all()}
        self.seats = TerritorialUnit.objects.current().filter(level=UnitLevel.GMINA)
        self.area_units = TerritorialUnit.objects.current().filter(level__in=(UnitLevel.GMINA, UnitLevel.POWIAT))
        self.truthy = {"tak", "t", "yes", "y", "true", "1", "x", "prawda"}
        self.falsy = {"nie", "n", "no", "false", "0", "falsz", ""}

    def _choice(self, mapping: dict[str, str], value: str, column: str, errors: list[str]) -> str:
        folded = fold(value)
        found = mapping.get(folded)
        if found is None and len(folded) >= 3:
            # "fundacja" names "Organizacja pozarządowa: fundacja" when no other label contains it.
            candidates = {code for label, code in mapping.items() if folded in label}
            found = candidates.pop() if len(candidates) == 1 else None
        if found is None:
            errors.append(
                gettext("%(column)s: unknown value “%(value)s”.") % {"column": _field_label(column), "value": value}
            )
            return ""
        return found

    def _bool(self, value: str, column: str, errors: list[str]) -> bool:
        folded = fold(value)
        if folded in self.truthy:
            return True
        if folded not in self.falsy:
            errors.append(
                gettext("%(column)s: write “tak” or “nie”, not “%(value)s”.")
                % {"column": _field_label(column), "value": value}
            )
        return False

    def parse(self, row: dict[str, str]) -> dict[str, Any]:
        errors: list[str] = []
        data: dict[str, Any] = {}
        for key, raw in row.items():
            value = (raw or "").strip()
            if key == "kind":
                data[key] = self._choice(self.kinds, value, key, errors) if value else ""
            elif key == "reintegration_goal":
                data[key] = self._choice(self.goals, value, key, errors) if value else ""
            elif key == "operating_level":
                data[key] = self._choice(self.levels, value, key, errors) if value else OperatingLevel.LOCAL
            elif key == "sectors":
                codes = [self._choice(self.sector_codes, part, key, errors) for part in _split_list(value)]
                data[key] = [self.sectors[c] for c in codes if c in self.sectors]
            elif key == "seat":
                if not value:
                    errors.append(gettext("%(column)s: required.") % {"column": _field_label("seat")})
                    continue
                try:
                    data[key] = self.seats.resolve(_pad_code(value))
                except ValidationError as exc:
                    errors.extend(f"{_field_label('seat')}: {m}" for m in exc.messages)
            elif key == "area":
                units = []
                for part in _split_list(value):
                    try:
                        units.append(self.area_units.resolve(_pad_code(part)))
                    except ValidationError as exc:
                        errors.extend(f"{_field_label('area')}: {m}" for m in exc.messages)
                data[key] = units
            elif key in ("offers_internships", "is_active"):
                data[key] = self._bool(value, key, errors)
            elif key == "krs":
                data[key] = value.zfill(10) if value.isdigit() and 0 < len(value) < 10 else value
            else:
                data[key] = value
        if errors:
            raise RowError(errors)
        return data


def _match(data: dict[str, Any]) -> Organisation | None:
    """The existing organisation with the row's NIP, else its REGON (whatever the user may see)."""
    for name, cleaner in (("nip", clean_nip), ("regon", clean_regon)):
        try:
            number = cleaner(data.get(name) or "")
        except ValidationError:
            continue
        if number:
            found = Organisation.objects.filter(**{name: number}).first()
            if found is not None:
                return found
    return None


def read_rows(text: str) -> tuple[list[tuple[int, dict[str, str]]], list[str]]:
    """(line number, {column key: value}) per non-empty data row, and errors about the file."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";")
    try:
        header = next(reader)
    except StopIteration:
        return [], [gettext("The file is empty.")]
    except csv.Error as exc:
        return [], [gettext("The file is not a valid CSV file: %(error)s") % {"error": exc}]
    mapping = _header_map()
    keys = [mapping.get(fold(h)) for h in header]
    missing = [c for c in COLUMNS if c.key in REQUIRED_IMPORT_COLUMNS and c.key not in keys]
    if missing:
        names = ", ".join(f"“{c.header}”" for c in missing)
        return [], [gettext("The file lacks the required columns: %(columns)s.") % {"columns": names}]
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            if len(rows) >= MAX_IMPORT_ROWS:
                return [], [gettext("The file has more than %(n)d rows; split it.") % {"n": MAX_IMPORT_ROWS}]
            row = {key: values[i] if i < len(values) else "" for i, key in enumerate(keys) if key}
            rows.append((reader.line_num, row))
    except csv.Error as exc:
        return [], [gettext("The file is not a valid CSV file: %(error)s") % {"error": exc}]
    if not rows:
        return [], [gettext("The file has no data rows.")]
    return rows, []


def _import_row(line: int, row: dict[str, str], parser: RowParser, actor: AnyUser) -> RowResult:
    result = RowResult(line=line, name=(row.get("name") or "").strip())
    try:
        data = parser.parse(row)
        existing = _match(data)
        with transaction.atomic():
            if existing is None:
                org = do_create_organisation(data, actor=actor)
                result.action = "create"
            else:
                before = snapshot(existing, m2m=ORGANISATION_M2M)
                org = do_update_organisation(existing, data, actor=actor)
                changed = before != snapshot(org, m2m=ORGANISATION_M2M)
                result.action = "update" if changed else "unchanged"
        result.organisation_id = org.pk
    except RowError as exc:
        result.action, result.messages = "error", exc.messages
    except ValidationError as exc:
        result.action, result.messages = "error", _messages(exc)
    except PermissionDenied as exc:
        result.action = "error"
        result.messages = [str(exc) or gettext("You may not write this organisation.")]
    return result


def run_import(text: str, *, actor: AnyUser, dry_run: bool) -> ImportReport:
    """Import the organisations of a CSV text; with ``dry_run`` nothing is kept."""
    report = ImportReport(dry_run=dry_run)
    rows, report.errors = read_rows(text)
    if report.errors:
        return report
    with transaction.atomic():
        parser = RowParser()
        for line, row in rows:
            report.rows.append(_import_row(line, row, parser, actor))
        if dry_run:
            transaction.set_rollback(True)
    if dry_run:
        # A content type first met inside the rolled-back preview (e.g. of the sectors' link
        # table) is gone with it, but Django keeps its id in a process-wide cache: forget it, or
        # the next audit row would point at a row that does not exist.
        ContentType.objects.clear_cache()
    return report
