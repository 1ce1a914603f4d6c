"""Loading the shipped TERC register (CSV) and the same register as XML."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

import pytest
from django.core.management import CommandError, call_command

from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry
from ksr.territory.choices import GminaKind, UnitLevel
from ksr.territory.models import TerritorialUnit
from ksr.territory.services import COLUMNS, MassRetireError, load_teryt
from ksr.territory.tests.conftest import TERC_PATH, terc_csv

pytestmark = pytest.mark.django_db

FIELDS = ["code", "level", "kind", "name", "name_folded", "description", "parent__code", "valid_from", "retired_on"]


def _units() -> list[tuple]:
    return list(TerritorialUnit.objects.order_by("code").values_list(*FIELDS))


def _xml_from_csv(empty_style: str = "short") -> bytes:
    text = TERC_PATH.read_text(encoding="utf-8-sig")
    lines = [line for line in text.splitlines() if line.strip()]
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<teryt><catalog name="TERC" type="all" date="2022-01-01">']
    for line in lines[1:]:
        values = line.split(";")
        cells = []
        for column, value in zip(COLUMNS, values, strict=True):
            if value:
                cells.append(f"<{column}>{escape(value)}</{column}>")
            else:
                cells.append(f"<{column}/>" if empty_style == "short" else f"<{column}></{column}>")
        out.append("<row>" + "".join(cells) + "</row>")
    out.append("</catalog></teryt>")
    return "\n".join(out).encode("utf-8")


def test_the_shipped_register_loads_with_the_published_counts(teryt):
    assert teryt.format == "csv"
    assert teryt.created == teryt.rows == 4234
    units = TerritorialUnit.objects
    assert units.filter(level=UnitLevel.VOIVODESHIP).count() == 16
    assert units.filter(level=UnitLevel.POWIAT).count() == 380
    assert units.filter(level=UnitLevel.GMINA).count() == 2477
    assert units.filter(level=UnitLevel.GMINA, kind=GminaKind.URBAN).count() == 302
    assert units.filter(level=UnitLevel.GMINA, kind=GminaKind.RURAL).count() == 1513
    assert units.filter(level=UnitLevel.GMINA, kind=GminaKind.URBAN_RURAL).count() == 662
    assert units.filter(level=UnitLevel.GMINA_PART).count() == 662 * 2
    assert units.filter(level=UnitLevel.DISTRICT).count() == 37
    assert units.filter(level=UnitLevel.DISTRICT, kind=GminaKind.WARSAW_DISTRICT).count() == 18
    assert not units.filter(retired_on__isnull=False).exists()
    assert not units.filter(name_folded="").exists()


def test_hierarchy_codes_and_fields(teryt):
    ząbki = TerritorialUnit.objects.select_related("parent__parent").get(name="Ząbki", level=UnitLevel.GMINA)
    assert ząbki.code == "1434031" and ząbki.kind == GminaKind.URBAN
    assert ząbki.name_folded == "zabki"
    assert ząbki.description == "gmina miejska"
    assert ząbki.valid_from.isoformat() == "2022-01-01"
    assert ząbki.parent.code == "1434" and ząbki.parent.level == UnitLevel.POWIAT
    assert ząbki.parent.parent.code == "14" and ząbki.parent.parent.name == "MAZOWIECKIE"
    assert TerritorialUnit.objects.get(code="14").parent is None
    # Every gmina, part and district hangs under its powiat; every powiat under its voivodeship.
    for unit in TerritorialUnit.objects.exclude(level=UnitLevel.VOIVODESHIP).select_related("parent"):
        assert unit.parent.code == (unit.code[:2] if unit.level == UnitLevel.POWIAT else unit.code[:4])


def test_one_audit_entry_per_load(teryt):
    entries = AuditEntry.objects.filter(action=AuditAction.IMPORT)
    assert entries.count() == 1
    entry = entries.get()
    assert entry.content_type is None
    assert "TERC_Urzedowy_2022-01-01.csv" in entry.object_repr and "created 4234" in entry.object_repr
    assert entry.changes["created"] == 4234


def test_loading_the_same_file_again_changes_nothing(teryt):
    before = _units()
    report = load_teryt(TERC_PATH)
    assert (report.created, report.updated, report.retired, report.unchanged) == (0, 0, 0, 4234)
    assert _units() == before


@pytest.mark.parametrize("empty_style", ["short", "long"])
def test_the_xml_form_of_the_register_gives_identical_units(teryt, empty_style):
    before = _units()
    report = load_teryt(io.BytesIO(_xml_from_csv(empty_style)))
    assert report.format == "xml"
    assert (report.created, report.updated, report.retired, report.unchanged) == (0, 0, 0, 4234)
    assert _units() == before


def test_the_xml_form_loads_into_an_empty_database_identically(teryt):
    from_csv = _units()
    TerritorialUnit.objects.update(parent=None)
    TerritorialUnit.objects.all().delete()
    report = load_teryt(io.BytesIO(_xml_from_csv()))
    assert report.created == 4234
    assert _units() == from_csv


def test_the_command_prints_the_counts(teryt, capsys):
    call_command("load_teryt", str(TERC_PATH))
    out = capsys.readouterr().out
    assert "created 0, updated 0, retired 0, unchanged 4234" in out


# --- the mass-retirement guard on the real register (issue 9, section 8) ----------------------


def test_a_file_that_would_retire_more_than_5_percent_stops(teryt, tmp_path):
    """The finding: a valid one-row file retired 4,233 of 4,234 units."""
    in_force = TerritorialUnit.objects.current().count()
    one_row = tmp_path / "one.csv"
    one_row.write_bytes(terc_csv([("14", "", "", "", "MAZOWIECKIE", "województwo")], "2023-01-01"))
    with pytest.raises(CommandError, match=r"would retire 4233 of 4234 units in force.*--allow-mass-retire"):
        call_command("load_teryt", str(one_row))
    assert TerritorialUnit.objects.current().count() == in_force
    out = io.StringIO()
    call_command("load_teryt", str(one_row), "--allow-mass-retire", stdout=out)
    assert "retired 4233" in out.getvalue()
    assert TerritorialUnit.objects.current().count() == 1


def test_retiring_up_to_5_percent_needs_no_flag(teryt):
    rows = list(TerritorialUnit.objects.current().order_by("code"))
    keep_out = {u.code for u in rows if u.level == UnitLevel.DISTRICT}  # the districts: well under 5 %
    assert 0 < len(keep_out) <= 0.05 * len(rows)
    with pytest.raises(MassRetireError):
        load_teryt(io.BytesIO(terc_csv([("14", "", "", "", "MAZOWIECKIE", "województwo")], "2023-01-01")))
    report = load_teryt(io.BytesIO(_terc_of([u for u in rows if u.code not in keep_out])))
    assert report.retired == len(keep_out)


def _terc_of(units):
    def split(code):
        return (code[:2], code[2:4], code[4:6], code[6:7])

    return terc_csv([(*split(u.code), u.name, u.description, u.valid_from.isoformat()) for u in units])
