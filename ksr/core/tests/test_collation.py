"""Names sort in Polish order, in Python and in the database (SQLite in tests, PostgreSQL too)."""

from __future__ import annotations

from django.urls import reverse

from ksr.core.collation import polish, sort_key
from ksr.registry.models import Organisation
from ksr.territory.choices import GminaKind, UnitLevel
from ksr.territory.models import TerritorialUnit
from ksr.testing import OrganisationFactory, unit

POLISH_ORDER = [
    "Dąbrowa Tarnowska",
    "Drwinia",
    "Lubartów",
    "Łańcut",
    "Łódź",
    "Ostrów",
    "Ósemka",
    "Sanok",
    "Śrem",
    "Zabrze",
    "Źródła",
    "Żabia Wola",
]


def _shuffled() -> list[str]:
    return list(reversed(POLISH_ORDER[::2])) + POLISH_ORDER[1::2]


def test_sort_key_follows_the_polish_alphabet():
    assert sorted(_shuffled(), key=sort_key) == POLISH_ORDER
    assert sorted(["osiek", "Osiek", "Osie"], key=sort_key) == ["Osie", "osiek", "Osiek"]


def test_the_database_orders_names_in_polish(db):
    for name in _shuffled():
        OrganisationFactory(name=name)
    names = list(
        Organisation.objects.filter(name__in=POLISH_ORDER).order_by(polish("name"), "id").values_list("name", flat=True)
    )
    assert names == POLISH_ORDER


def test_the_organisation_list_is_in_polish_order(cast, login):
    for name in _shuffled():
        OrganisationFactory(name=name)
    response = login(cast.admin).get(reverse("registry:organisation_list"), {"q": ""})
    shown = [o.name for o in response.context["object_list"] if o.name in POLISH_ORDER]
    assert shown == POLISH_ORDER[: len(shown)] and shown


def test_gminas_of_one_name_are_told_apart_by_their_powiat(db):
    voivodeship = unit("14")
    other_powiat = TerritorialUnit.objects.create(
        code="1433", level=UnitLevel.POWIAT, name="wyszkowski", description="powiat", parent=voivodeship
    )
    first = unit("1432023")
    second = TerritorialUnit.objects.create(
        code="1433012", level=UnitLevel.GMINA, kind=GminaKind.RURAL, name="Dąbrówka", parent=other_powiat
    )
    assert first.label_with_powiat.endswith("pow. wołomiński")
    assert second.label_with_powiat.endswith("pow. wyszkowski")
    assert first.label_with_powiat != second.label_with_powiat
