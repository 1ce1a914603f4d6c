import pytest
from django.urls import reverse

from ksr.cases.choices import CaseStatus
from ksr.privacy.aggregates import suppress
from ksr.privacy.tests.helpers import case, participant
from ksr.registry.choices import OrganisationKind
from ksr.testing import OrganisationFactory, response_bytes

pytestmark = pytest.mark.django_db
URL = reverse("privacy:aggregates")


@pytest.mark.parametrize(("n", "shown"), [(0, "0"), (None, "0"), (1, "<5"), (4, "<5"), (5, "5"), (123, "123")])
def test_suppress(n, shown):
    assert suppress(n) == shown


def people(cast, org, n, status=CaseStatus.ACTIVE):
    for i in range(n):
        case(cast, participant(org, f"Osoba{i}", "Testowa"), status=status)


def test_anonymous_is_sent_to_sign_in(client):
    assert client.get(URL).status_code == 302


@pytest.mark.parametrize("who", ["kis_manager", "case_manager", "partner", "ops_worker", "officer", "nobody"])
def test_not_for_the_club_or_others(cast, login, who):
    assert login(getattr(cast, who)).get(URL).status_code == 403


@pytest.mark.parametrize("who", ["coordinator", "animator", "analyst", "national", "admin"])
def test_above_the_club_sees_suppressed_counts(cast, login, who):
    people(cast, cast.kis_waw, 3)
    people(cast, cast.kis_waw, 6, CaseStatus.EXITED)
    response = login(getattr(cast, who)).get(URL)
    assert response.status_code == 200
    row = next(r for r in response.context["rows"] if r.name == "KIS Warszawa")
    assert row.total == "9"
    assert row.counts["status_active"] == "<5"
    # 9 − 6 would give the hidden 3 away: the 6 is hidden too (ADR 0013).
    assert row.counts["status_exited"] == "#"
    assert row.counts["status_referred"] == "0"
    html = response.content.decode()
    assert "&lt;5" in html
    assert "Osoba" not in html


def test_reach_other_voivodeship_is_not_counted(cast, login):
    people(cast, cast.kis_krk, 7)
    response = login(cast.analyst).get(URL)
    assert [r.name for r in response.context["rows"]] == ["KIS Warszawa"]
    response = login(cast.national).get(URL)
    assert {r.name for r in response.context["rows"]} == {"KIS Warszawa", "KIS Kraków"}


@pytest.mark.parametrize(
    "view",
    [
        "privacy:participant_consents",
        "privacy:participant_audit",
        "privacy:participant_export",
        "privacy:partner_participant_detail",
    ],
)
@pytest.mark.parametrize("who", ["analyst", "animator", "coordinator", "national"])
def test_regional_users_get_404_on_participant_pages(cast, login, view, who):
    p = participant(cast.kis_waw)
    case(cast, p)
    assert login(getattr(cast, who)).get(reverse(view, kwargs={"participant_pk": p.pk})).status_code == 404


def test_csv_export_is_suppressed(cast, login):
    people(cast, cast.kis_waw, 2)
    response = login(cast.analyst).get(URL + "?format=csv")
    text = response_bytes(response).decode("utf-8-sig")
    line = next(line for line in text.splitlines() if line.startswith("KIS Warszawa"))
    assert "<5" in line
    assert ";2;" not in line


@pytest.mark.parametrize("breakdown", ["eligibility", "sector"])
def test_other_breakdowns_render(cast, login, breakdown):
    people(cast, cast.kis_waw, 2)
    response = login(cast.analyst).get(URL, {"breakdown": breakdown})
    assert response.status_code == 200
    assert response.context["breakdown"] == breakdown


def test_api_is_suppressed(cast, login):
    people(cast, cast.kis_waw, 3)
    response = login(cast.analyst).get("/api/v1/privacy/aggregates/")
    assert response.status_code == 200
    row = next(r for r in response.json()["results"] if r["name"] == "KIS Warszawa")
    assert row["total"] == "<5"
    assert row["counts"]["status_active"] == "<5"


def test_api_refuses_the_club(cast, login):
    assert login(cast.kis_manager).get("/api/v1/privacy/aggregates/").status_code == 403


@pytest.mark.parametrize("rows", [1, 9])
def test_query_count_is_fixed(cast, login, django_assert_num_queries, rows):
    people(cast, cast.kis_waw, rows)
    for i in range(rows):
        OrganisationFactory(name=f"KIS dodatkowy {i}", kind=OrganisationKind.KIS)
    client = login(cast.analyst)
    client.get(URL)
    # 7: the target groups are read once to protect the shown cells against the other breakdowns.
    with django_assert_num_queries(7):
        response = client.get(URL)
    assert len(response.context["rows"]) == rows + 1
