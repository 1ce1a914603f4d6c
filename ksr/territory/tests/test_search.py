"""Searching the real register: diacritics, codes, levels, ordering; resolving typed input."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ksr.territory.choices import UnitLevel
from ksr.territory.models import TerritorialUnit

pytestmark = pytest.mark.django_db

units = TerritorialUnit.objects


def test_lodz_finds_lodz_first(teryt):
    found = list(units.search("lodz")[:3])
    assert [(u.code, u.level) for u in found[:2]] == [("1061", UnitLevel.POWIAT), ("1061011", UnitLevel.GMINA)]
    assert all(u.name == "Łódź" for u in found[:2])
    assert units.search("ŁÓDŹ").first().name == "Łódź"


def test_zabki_finds_zabki(teryt):
    assert [u.name for u in units.search("zabki")] == ["Ząbki"]
    assert [u.name for u in units.search("  Ząbki ")] == ["Ząbki"]


def test_digits_match_a_code_prefix(teryt):
    warsaw = list(units.search("1465"))
    assert warsaw[0].code == "1465" and warsaw[1].code == "1465011"
    assert all(u.code.startswith("1465") for u in warsaw)
    assert len(warsaw) == 2 + 18  # the powiat, the gmina and its 18 districts
    assert [u.code for u in units.search("14")[:2]] == ["14", "1401"]


def test_levels_and_ordering(teryt):
    gminas = list(units.search("warszaw", levels=[UnitLevel.GMINA]))
    assert [u.code for u in gminas] == ["1465011"]
    mixed = list(units.search("krakow"))
    ranks = [
        [UnitLevel.VOIVODESHIP, UnitLevel.POWIAT, UnitLevel.GMINA, UnitLevel.GMINA_PART].index(u.level)
        for u in mixed
        if u.name_folded == "krakow"
    ]
    assert ranks == sorted(ranks)
    assert mixed[0].name == "Kraków"  # exact matches before "krakowski"
    assert units.search("").count() == units.count()
    assert units.search("Ząbki (1434031)").get().code == "1434031"


def test_resolve_by_code_value_or_unique_name(teryt):
    gminas = units.current().gminas()
    assert gminas.resolve("1434031").name == "Ząbki"
    assert gminas.resolve("Ząbki (1434031)").name == "Ząbki"
    assert gminas.resolve("zabki").code == "1434031"
    with pytest.raises(ValidationError) as ambiguous:
        gminas.resolve("Osiek")
    assert ambiguous.value.code == "ambiguous" and "TERYT code" in ambiguous.value.messages[0]
    with pytest.raises(ValidationError) as missing:
        gminas.resolve("Atlantyda")
    assert missing.value.code == "not_found"
    with pytest.raises(ValidationError):
        gminas.resolve("1434")  # a powiat, not a gmina
