"""No count hidden as "<5" can be worked out by subtraction — on the page, in the API, in the
CSV and XLSX exports, within a breakdown or across the three breakdowns of a holder (ADR 0013)."""

from __future__ import annotations

import csv
import io
import itertools

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ksr.cases.choices import CaseStatus, EvidenceType
from ksr.cases.models import EligibilityCategory, ParticipantEligibility
from ksr.privacy.aggregates import COMPLEMENTARY, SUPPRESSED, TOTAL, Breakdown, protect
from ksr.privacy.tests.helpers import case, participant
from ksr.testing import response_bytes

pytestmark = pytest.mark.django_db
PAGE = reverse("privacy:aggregates")
API = "/api/v1/privacy/aggregates/"
HIDDEN = {SUPPRESSED: range(1, 5), COMPLEMENTARY: range(5, 200)}


def _values(shown: str, total: int) -> list[int]:
    if shown in HIDDEN:
        return [v for v in HIDDEN[shown] if v <= total]
    return [int(shown)]


def derivable(total: str, cells: dict[str, str]) -> set[str]:
    """The attack: assume the cells add up to the total and list every hidden cell (or a hidden
    total) that takes one single value in every solution (the cells add up in the scenarios)."""
    if all(v not in HIDDEN for v in cells.values()):
        return set()
    totals = _values(total, 10_000 if total not in HIDDEN else 200)
    keys = list(cells)
    solutions = []
    for t in totals:
        for combo in itertools.product(*(_values(cells[k], t) for k in keys)):
            if sum(combo) == t:
                solutions.append((t, *combo))
    assert solutions, "the real counts must be a solution"
    found = set()
    for index, name in enumerate([TOTAL, *keys]):
        shown = total if name == TOTAL else cells[name]
        if shown in HIDDEN and len({s[index] for s in solutions}) == 1:
            found.add(name)
    return found


@pytest.fixture
def small_club(cast):
    """The finding: total 8, exited 5, active 3; target groups 3 + 5 (the same people)."""
    first, second = EligibilityCategory.objects.filter(is_active=True).order_by("order", "name")[:2]
    for n, status in enumerate([CaseStatus.ACTIVE] * 3 + [CaseStatus.EXITED] * 5):
        person = participant(cast.kis_waw, f"Osoba{n}", "Testowa")
        case(cast, person, status=status)
        ParticipantEligibility.objects.create(
            participant=person, category=first if n < 3 else second, evidence_type=EvidenceType.choices[0][0]
        )
    return cast.kis_waw


def _page_rows(client, breakdown):
    response = client.get(PAGE, {"breakdown": breakdown})
    row = next(r for r in response.context["rows"] if r.name == "KIS Warszawa")
    return row.total, row.counts


def _api_rows(client, breakdown):
    row = next(r for r in client.get(API, {"breakdown": breakdown}).json()["results"] if r["name"] == "KIS Warszawa")
    return row["total"], row["counts"]


def _table_rows(client, breakdown, fmt):
    response = client.get(PAGE, {"breakdown": breakdown, "format": fmt})
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(response_bytes(response).decode("utf-8-sig")), delimiter=";"))
    else:
        sheet = load_workbook(io.BytesIO(response_bytes(response))).active
        rows = [["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)]
    header, data = rows[0], next(r for r in rows[1:] if r[0] == "KIS Warszawa")
    first = header.index("Uczestnicy")
    return data[first], dict(zip(header[first + 1 :], data[first + 1 :], strict=True))


SURFACES = {
    "page": _page_rows,
    "api": _api_rows,
    "csv": lambda c, b: _table_rows(c, b, "csv"),
    "xlsx": lambda c, b: _table_rows(c, b, "xlsx"),
}


@pytest.mark.parametrize("surface", SURFACES)
def test_no_hidden_count_falls_out_of_a_subtraction(cast, login, small_club, surface):
    client = login(cast.analyst)
    served = {breakdown: SURFACES[surface](client, breakdown) for breakdown in Breakdown}
    totals = {total for total, _cells in served.values()}
    assert len(totals) == 1, "the total is shown the same in every breakdown"
    _status_total, status_cells = served[Breakdown.STATUS]
    assert SUPPRESSED in status_cells.values()  # the 3 active participants are hidden …
    for breakdown, (total, cells) in served.items():
        assert derivable(total, cells) == set(), breakdown  # … and stay hidden
    # Across breakdowns: a total hidden in one is hidden in all (checked above), and a total that
    # is shown lets no breakdown pin a cell (each breakdown checked against the same total).
    assert "3" not in status_cells.values()


@pytest.mark.parametrize(
    ("counts", "groups"),
    [
        ({TOTAL: 8, "a": 3, "b": 5, "c": 0}, [["a", "b", "c"]]),
        ({TOTAL: 6, "a": 1, "b": 5}, [["a", "b"]]),  # "<5" + "#" = 6 pins both: hide the total too
        ({TOTAL: 3, "a": 3, "b": 0, "x": 3, "y": 0}, [["a", "b"], ["x", "y"]]),
        ({TOTAL: 20, "a": 2, "b": 9, "c": 9, "x": 2, "y": 18}, [["a", "b", "c"], ["x", "y"]]),
        ({TOTAL: 12, "a": 4, "b": 4, "c": 4, "x": 12}, [["a", "b", "c"], ["x"]]),
    ],
)
def test_protect_leaves_nothing_derivable(counts, groups):
    shown = protect(counts, groups)
    for key, value in counts.items():
        assert shown[key] in {str(value), SUPPRESSED, COMPLEMENTARY}
        if 0 < value < 5:
            assert shown[key] == SUPPRESSED
    for group in groups:
        assert derivable(shown[TOTAL], {k: shown[k] for k in group}) == set(), (group, shown)
