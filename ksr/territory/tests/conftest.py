"""The real TERYT register, loaded once per test module and rolled back afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import translation

from ksr.territory.services import LoadReport, load_teryt
from ksr.testing import forget_rolled_back_rows

TERC_PATH: Path = settings.BASE_DIR / "data/teryt/TERC_Urzedowy_2022-01-01.csv"
HEADER = "WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA"


def terc_csv(rows: list[tuple[str, ...]], date: str = "2022-01-01", bom: bool = True) -> bytes:
    """A TERC CSV as GUS publishes it; rows are (WOJ, POW, GMI, RODZ, NAZWA, NAZWA_DOD[, STAN_NA])."""
    lines = [HEADER] + [";".join(row if len(row) == 7 else (*row, date)) for row in rows]
    return (("\ufeff" if bom else "") + "\r\n".join(lines) + "\r\n").encode("utf-8")


@pytest.fixture(scope="module")
def teryt(django_db_setup, django_db_blocker) -> LoadReport:  # type: ignore[no-untyped-def]
    """The shipped TERC register (4,234 units), loaded once for the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        report = load_teryt(TERC_PATH)
        yield report
        transaction.set_rollback(True)
    forget_rolled_back_rows()


@pytest.fixture(autouse=True)
def _english_messages():
    """Messages asserted in English (the UI default is Polish)."""
    with translation.override("en"):
        yield
