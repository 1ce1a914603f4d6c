"""UnitChoiceField / UnitMultipleChoiceField on the small test territory."""

from __future__ import annotations

import pytest
from django import forms

from ksr.territory.choices import UnitLevel
from ksr.territory.forms import UnitChoiceField, UnitMultipleChoiceField
from ksr.testing import unit

pytestmark = pytest.mark.django_db


class PlaceForm(forms.Form):
    seat = UnitChoiceField(levels=(UnitLevel.GMINA,), label="Seat")
    voivodeship = UnitChoiceField(levels=(UnitLevel.VOIVODESHIP,), required=False)
    area = UnitMultipleChoiceField(levels=(UnitLevel.GMINA, UnitLevel.POWIAT), required=False)
    regions = UnitMultipleChoiceField(levels=(UnitLevel.VOIVODESHIP,), required=False)


@pytest.fixture
def territory():
    for code in ("1465011", "1432023", "1261011", "1061011"):
        unit(code)


def test_code_value_and_name_are_accepted(territory):
    form = PlaceForm(
        {"seat": "lodz", "voivodeship": "14", "area": "1465\nKraków (1261011); dabrowka", "regions": ["12", "14"]}
    )
    assert form.is_valid(), form.errors
    data = form.cleaned_data
    assert data["seat"].code == "1061011"
    assert data["voivodeship"].code == "14"
    assert [u.code for u in data["area"]] == ["1465", "1261011", "1432023"]
    assert sorted(u.code for u in data["regions"]) == ["12", "14"]


def test_unknown_wrong_level_and_retired_units_are_refused(territory):
    warsaw = unit("1465011")
    form = PlaceForm({"seat": "1465", "area": "Atlantyda"})
    assert not form.is_valid()
    assert "1465" in form.errors["seat"][0]
    assert "Atlantyda" in form.errors["area"][0]
    warsaw.retired_on = "2023-01-01"
    warsaw.save()
    assert not PlaceForm({"seat": "1465011"}).is_valid()


def test_ambiguous_name_asks_for_the_code(territory):
    unit("1465011")
    unit("1465").children.create(code="1465021", level=UnitLevel.GMINA, kind="2", name="Kraków", description="x")
    form = PlaceForm({"seat": "Kraków"})
    assert not form.is_valid()
    assert "ambiguous" in form.errors["seat"][0]


def test_rendering_is_labelled_and_searchable(territory):
    warsaw = unit("1465011")
    html = PlaceForm(initial={"seat": warsaw.pk, "area": [warsaw], "voivodeship": unit("14").pk}).as_div()
    assert '<label for="id_seat">' in html
    assert 'id="id_seat"' in html and 'list="id_seat-suggestions"' in html
    assert 'value="Warszawa (1465011)"' in html
    assert "/terytorium/szukaj/?level=gmina&amp;field=seat" in html
    assert '<datalist id="id_seat-suggestions">' in html
    assert '<select name="voivodeship" id="id_voivodeship">' in html
    assert '<option value="14" selected>mazowieckie</option>' in html
    assert '<textarea name="area"' in html and "Warszawa (1465011)</textarea>" in html
    assert '<label for="id_area-search"' in html


def test_has_changed_compares_units(territory):
    warsaw = unit("1465011")
    form = PlaceForm({"seat": "Warszawa (1465011)", "area": "1465011"}, initial={"seat": warsaw.pk, "area": [warsaw]})
    assert form.changed_data == []
    form = PlaceForm({"seat": "lodz"}, initial={"seat": warsaw.pk})
    assert "seat" in form.changed_data


def test_levels_are_checked():
    with pytest.raises(ValueError):
        UnitChoiceField(levels=("county",))
