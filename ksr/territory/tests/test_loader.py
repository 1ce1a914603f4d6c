"""The TERC loader on small files: newer editions, both formats, malformed input."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from ksr.audit.models import AuditEntry
from ksr.territory.choices import UnitLevel
from ksr.territory.models import TerritorialUnit
from ksr.territory.services import TercFormatError, load_teryt
from ksr.territory.tests.conftest import HEADER, terc_csv
from ksr.testing import OrganisationFactory

pytestmark = pytest.mark.django_db

BASE = [
    ("14", "", "", "", "MAZOWIECKIE", "województwo"),
    ("14", "65", "", "", "Warszawa", "miasto stołeczne, na prawach powiatu"),
    ("14", "65", "01", "1", "Warszawa", "gmina miejska, miasto stołeczne"),
    ("14", "65", "02", "8", "Bemowo", "dzielnica"),
    ("14", "34", "", "", "wołomiński", "powiat"),
    ("14", "34", "03", "1", "Ząbki", "gmina miejska"),
    ("14", "34", "04", "3", "Radzymin", "gmina miejsko-wiejska"),
    ("14", "34", "04", "4", "Radzymin", "miasto"),
    ("14", "34", "04", "5", "Radzymin", "obszar wiejski"),
]


def load(rows, date="2022-01-01", **kwargs):
    # A register of nine units: retiring one is more than 5 % (the guard is tested on the real one).
    return load_teryt(io.BytesIO(terc_csv(rows, date, **kwargs)), allow_mass_retire=True)


def test_levels_kinds_and_parents_from_rodz():
    report = load(BASE)
    assert report.created == len(BASE)
    levels = dict(TerritorialUnit.objects.values_list("code", "level"))
    assert levels == {
        "14": UnitLevel.VOIVODESHIP,
        "1465": UnitLevel.POWIAT,
        "1465011": UnitLevel.GMINA,
        "1465028": UnitLevel.DISTRICT,
        "1434": UnitLevel.POWIAT,
        "1434031": UnitLevel.GMINA,
        "1434043": UnitLevel.GMINA,
        "1434044": UnitLevel.GMINA_PART,
        "1434045": UnitLevel.GMINA_PART,
    }
    parents = dict(TerritorialUnit.objects.values_list("code", "parent__code"))
    assert parents["14"] is None and parents["1465"] == "14" and parents["1434045"] == "1434"


def test_a_newer_edition_renames_adds_retires_and_restores():
    load(BASE)
    ząbki = TerritorialUnit.objects.get(code="1434031")
    organisation = OrganisationFactory(seat=ząbki)
    newer = [row for row in BASE if row[4] != "Ząbki"]
    newer = [(*row[:4], "Bemowo Nowe", row[5]) if row[4] == "Bemowo" else row for row in newer]
    newer.append(("14", "34", "05", "2", "Dąbrówka", "gmina wiejska"))
    report = load(newer, "2023-01-01")
    assert (report.created, report.retired, report.restored) == (1, 1, 0)
    assert report.updated == len(BASE) - 1  # every remaining unit: new STAN_NA, one also renamed
    assert report.edition == dt.date(2023, 1, 1)
    bemowo = TerritorialUnit.objects.get(code="1465028")
    assert (bemowo.name, bemowo.name_folded, bemowo.valid_from) == ("Bemowo Nowe", "bemowo nowe", dt.date(2023, 1, 1))
    ząbki.refresh_from_db()
    assert ząbki.retired_on == dt.date(2023, 1, 1)  # retired, never deleted: organisations point at it
    organisation.refresh_from_db()
    assert organisation.seat_id == ząbki.pk
    assert TerritorialUnit.objects.get(code="1434052").parent.code == "1434"
    assert TerritorialUnit.objects.current().count() == len(newer)

    again = load(newer, "2023-01-01")
    assert (again.created, again.updated, again.retired, again.unchanged) == (0, 0, 0, len(newer))

    restored = load([*newer, ("14", "34", "03", "1", "Ząbki", "gmina miejska")], "2024-01-01")
    assert restored.restored == 1 and restored.created == 0 and restored.retired == 0
    ząbki.refresh_from_db()
    assert ząbki.retired_on is None and ząbki.valid_from == dt.date(2024, 1, 1)


def test_a_csv_without_bom_and_a_path_both_load(tmp_path):
    path = tmp_path / "terc.csv"
    path.write_bytes(terc_csv(BASE, bom=False))
    report = load_teryt(str(path))
    assert report.source == "terc.csv" and report.created == len(BASE)


def test_xml_with_both_empty_element_styles():
    stan = "<STAN_NA>2022-01-01</STAN_NA>"
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<teryt><catalog name="TERC" type="all" date="2022-01-01">\n'
        f"<row><WOJ>14</WOJ><POW/><GMI/><RODZ/><NAZWA>MAZOWIECKIE</NAZWA><NAZWA_DOD>województwo</NAZWA_DOD>{stan}</row>\n"
        "<row><WOJ>14</WOJ><POW>34</POW><GMI></GMI><RODZ></RODZ><NAZWA>wołomiński</NAZWA>"
        f"<NAZWA_DOD>powiat</NAZWA_DOD>{stan}</row>\n"
        "<row><WOJ>14</WOJ><POW>34</POW><GMI>03</GMI><RODZ>1</RODZ><NAZWA>Ząbki</NAZWA>"
        f"<NAZWA_DOD>gmina miejska</NAZWA_DOD>{stan}</row>\n"
        "</catalog></teryt>"
    )
    report = load_teryt(io.BytesIO(xml.encode()))
    assert report.format == "xml" and report.created == 3
    assert TerritorialUnit.objects.get(code="1434031").parent.code == "1434"


def _csv_text(*lines: str) -> bytes:
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode()


OK1 = "14;;;;MAZOWIECKIE;województwo;2022-01-01"
OK2 = "14;34;;;wołomiński;powiat;2022-01-01"
MALFORMED = {
    "wrong header": (_csv_text("WOJ;POW;GMI;NAZWA;NAZWA_DOD;STAN_NA", OK1), "Line 1"),
    "column count": (_csv_text(HEADER, OK1, "14;34;;wołomiński;powiat;2022-01-01"), "Line 3"),
    "non-digit code": (_csv_text(HEADER, OK1, "14;3X;;;wołomiński;powiat;2022-01-01"), "Line 3"),
    "bad date": (_csv_text(HEADER, OK1, OK2, "14;34;03;1;Ząbki;gmina miejska;2022-13-01"), "Line 4"),
    "unknown RODZ": (_csv_text(HEADER, OK1, OK2, "14;34;03;7;Ząbki;gmina miejska;2022-01-01"), "Line 4"),
    "missing parent": (_csv_text(HEADER, OK1, OK2, "14;65;01;1;Warszawa;gmina miejska;2022-01-01"), "Line 4"),
    "duplicate code": (_csv_text(HEADER, OK1, OK2, OK2), "Line 4"),
    "gmina without RODZ": (_csv_text(HEADER, OK1, OK2, "14;34;03;;Ząbki;gmina miejska;2022-01-01"), "Line 4"),
    "empty name": (_csv_text(HEADER, OK1, "14;34;;;;powiat;2022-01-01"), "Line 3"),
    "header only": (_csv_text(HEADER), "no territorial units"),
    "broken xml": (b'<teryt><catalog name="TERC"><row><WOJ>14</WOJ></catalog></teryt>', "XML"),
    "xml row missing element": (
        b'<teryt><catalog name="TERC"><row><WOJ>14</WOJ><POW/><GMI/><RODZ/><NAZWA>M</NAZWA>'
        b"<STAN_NA>2022-01-01</STAN_NA></row></catalog></teryt>",
        "Row 1",
    ),
    "xml bad code": (
        b'<teryt><catalog name="TERC"><row><WOJ>14</WOJ><POW/><GMI/><RODZ/><NAZWA>M</NAZWA><NAZWA_DOD/>'
        b"<STAN_NA>2022-01-01</STAN_NA></row><row><WOJ>1</WOJ><POW/><GMI/><RODZ/><NAZWA>X</NAZWA>"
        b"<NAZWA_DOD/><STAN_NA>2022-01-01</STAN_NA></row></catalog></teryt>",
        "Row 2",
    ),
}


@pytest.mark.parametrize("name", MALFORMED)
def test_a_malformed_file_names_the_line_and_writes_nothing(name):
    load(BASE)
    before = list(TerritorialUnit.objects.order_by("code").values_list("code", "name", "retired_on"))
    audits = AuditEntry.objects.count()
    content, where = MALFORMED[name]
    with pytest.raises(TercFormatError) as caught:
        load_teryt(io.BytesIO(content))
    assert isinstance(caught.value, ValidationError)
    assert where in " ".join(caught.value.messages)
    assert list(TerritorialUnit.objects.order_by("code").values_list("code", "name", "retired_on")) == before
    assert AuditEntry.objects.count() == audits


def test_the_command_fails_with_the_message(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(MALFORMED["bad date"][0])
    with pytest.raises(CommandError, match="Line 4"):
        call_command("load_teryt", str(path))
    with pytest.raises(CommandError):
        call_command("load_teryt", str(tmp_path / "missing.csv"))
    assert not TerritorialUnit.objects.exists()


def test_the_audit_entry_names_the_actor(cast):
    entries = AuditEntry.objects.count()
    load_teryt(io.BytesIO(terc_csv(BASE[:2])), actor=cast.admin, allow_mass_retire=True)
    entry = AuditEntry.objects.order_by("-pk").first()
    assert AuditEntry.objects.count() == entries + 1
    assert entry.actor == cast.admin and entry.action == "import"


# --- guards: mass retirement, dry run, forbidden XML (issue 9, section 8) ---------------------


def test_dry_run_prints_what_would_change_and_writes_nothing(tmp_path):
    load(BASE)
    before = list(TerritorialUnit.objects.order_by("code").values_list("code", "name", "retired_on"))
    audits = AuditEntry.objects.count()
    newer = [row for row in BASE if row[4] != "Ząbki"] + [("14", "34", "05", "2", "Dąbrówka", "gmina wiejska")]
    path = tmp_path / "newer.csv"
    path.write_bytes(terc_csv(newer, "2023-01-01"))
    out = io.StringIO()
    call_command("load_teryt", str(path), "--dry-run", stdout=out)
    text = out.getvalue()
    assert "DRY RUN" in text
    assert "would retire 1434031" in text and "would create 1434052" in text
    assert list(TerritorialUnit.objects.order_by("code").values_list("code", "name", "retired_on")) == before
    assert AuditEntry.objects.count() == audits


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE teryt [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<teryt><catalog name="TERC"><row><WOJ>02</WOJ><POW/><GMI/><RODZ/><NAZWA>&b;</NAZWA><NAZWA_DOD>w</NAZWA_DOD>
<STAN_NA>2022-01-01</STAN_NA></row></catalog></teryt>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE teryt [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<teryt><catalog name="TERC"><row><WOJ>02</WOJ><POW/><GMI/><RODZ/><NAZWA>&x;</NAZWA><NAZWA_DOD>w</NAZWA_DOD>
<STAN_NA>2022-01-01</STAN_NA></row></catalog></teryt>"""


@pytest.mark.parametrize("content", [BOMB, EXTERNAL], ids=["entity-expansion", "external-entity"])
def test_a_forbidden_xml_entity_ends_with_a_clear_error(tmp_path, content):
    path = tmp_path / "evil.xml"
    path.write_bytes(content)
    units = TerritorialUnit.objects.count()
    with pytest.raises(CommandError, match="declares a DTD, an entity or an external reference"):
        call_command("load_teryt", str(path))
    assert TerritorialUnit.objects.count() == units
