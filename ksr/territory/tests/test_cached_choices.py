"""Territorial filter choices are computed once, then read from the cache until a unit changes."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ksr.territory.cached import unit_choices
from ksr.territory.choices import UnitLevel
from ksr.territory.models import TerritorialUnit
from ksr.testing import unit


@pytest.mark.django_db
def test_choices_are_cached_until_a_unit_changes():
    unit("1465")
    first = unit_choices(UnitLevel.POWIAT)
    assert ("1465", "Warszawa (1465)") in first
    with CaptureQueriesContext(connection) as queries:
        assert unit_choices(UnitLevel.POWIAT) == first
    assert len(queries) == 0
    unit("1261")  # a new unit: the cached choices are forgotten
    assert ("1261", "Kraków (1261)") in unit_choices(UnitLevel.POWIAT)
    TerritorialUnit.objects.filter(code="1261").get().delete()
    assert ("1261", "Kraków (1261)") not in unit_choices(UnitLevel.POWIAT)
