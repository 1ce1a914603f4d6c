"""The public register: no login, only entered and struck-off entries, never internal notes."""

import json

import pytest
from django.urls import reverse

from ksr.registers import services
from ksr.registers.choices import EntityKind, StrikeOffReason
from ksr.registry.choices import OrganisationKind
from ksr.testing import OrganisationFactory, response_bytes, unit

from .conftest import days_ago

pytestmark = pytest.mark.django_db
INDEX = reverse("registers:public_index")
MAZ = reverse("registers:public_voivodeship", args=["14"])
SECRET = "NOTATKA-WEWNĘTRZNA"


@pytest.fixture
def register(cast, make_entry):
    """Entered, struck-off, notified and withdrawn entries in Warsaw and Kraków."""
    unit("1432023")
    entered = make_entry(cast.kis_waw, notified=40, entered=20, internal_notes=SECRET)
    cast.kis_waw.street, cast.kis_waw.postal_code, cast.kis_waw.city = "ul. Łucka 2", "00-845", "Warszawa"
    cast.kis_waw.save()
    cis = make_entry(kind=EntityKind.CIS, name="CIS Dąbrówka", seat="1432023", notified=50, entered=30)
    struck = make_entry(name="KIS Zamknięty", notified=300, entered=200, internal_notes=SECRET)
    services.do_strike_off(struck, date=days_ago(5), reason=StrikeOffReason.OPERATOR_NOTICE, actor=cast.admin)
    make_entry(name="KIS Tylko Zgłoszony", notified=3, internal_notes=SECRET)
    withdrawn = make_entry(name="KIS Wycofany", notified=20)
    services.do_strike_off(withdrawn, date=days_ago(1), reason=StrikeOffReason.OPERATOR_NOTICE, actor=cast.admin)
    krk = make_entry(cast.kis_krk, notified=40, entered=10)
    return {"entered": entered, "cis": cis, "struck": struck, "krk": krk}


def _no_private_data(text):
    assert SECRET not in text
    assert "KIS Tylko Zgłoszony" not in text
    assert "KIS Wycofany" not in text


def test_the_national_register_needs_no_login(client, register):
    response = client.get(INDEX)
    assert response.status_code == 200
    html = response.content.decode()
    _no_private_data(html)
    assert html.count("<h1") == 1
    assert reverse("registers:public_voivodeship", args=["14"]) in html
    assert reverse("registers:public_voivodeship", args=["12"]) in html
    # The map of the whole country: 380 powiats, Warszawa and powiat wołomiński coloured.
    assert html.count('<path class="powiat ') == 380
    assert 'data-code="1465" d=' in html
    assert '<path class="powiat b1" data-code="1465"' in html  # 1 entered KIS (the struck-off one is not counted)
    assert '<path class="powiat b1" data-code="1432"' in html
    assert '<path class="powiat b0" data-code="0201"' in html  # none in bolesławiecki
    assert "<title>Warszawa: 1</title>" in html
    assert 'role="img"' in html


def test_the_national_counts_per_voivodeship(client, register):
    response = client.get(INDEX)
    rows = {r["unit"].code: (r["kis"], r["cis"]) for r in response.context["rows"]}
    assert rows["14"] == (1, 1)
    assert rows["12"] == (1, 0)


def test_the_voivodeship_register(client, register):
    response = client.get(MAZ)
    assert response.status_code == 200
    html = response.content.decode()
    _no_private_data(html)
    assert register["entered"].register_number in html
    assert "ul. Łucka 2" in html and "00-845" in html
    assert "CIS Dąbrówka" in html
    assert "KIS Zamknięty" in html  # struck off stays in the register, with its date
    assert days_ago(5).strftime("%d.%m.%Y") in html
    assert "KIS Kraków" not in html
    powiats = html.count('<path class="powiat ')
    assert powiats == 42  # the powiats of mazowieckie only
    assert 'data-code="1261"' not in html


def test_an_unknown_voivodeship_is_404(client, register):
    assert client.get(reverse("registers:public_voivodeship", args=["99"])).status_code == 404
    assert client.get(reverse("registers:public_voivodeship", args=["1465"])).status_code == 404


def test_national_csv(client, register):
    response = client.get(INDEX, {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response_bytes(response).decode("utf-8-sig")
    _no_private_data(text)
    lines = text.strip().splitlines()
    assert len(lines) == 1 + 4  # header + Warsaw KIS, CIS Dąbrówka, struck-off KIS, Kraków
    assert register["entered"].register_number in text and "KIS Kraków" in text


def test_voivodeship_json(client, register):
    response = client.get(MAZ, {"format": "json"})
    assert response.status_code == 200
    raw = response.content.decode("utf-8")
    assert "Dąbrówka" in raw  # UTF-8, not \u-escaped
    _no_private_data(raw)
    data = json.loads(raw)
    assert data["register"] == "kis-cis"
    assert data["voivodeship"] == {"teryt": "14", "name": "MAZOWIECKIE"}
    assert data["count"] == 3
    names = {e["name"] for e in data["entries"]}
    assert names == {"KIS Warszawa", "CIS Dąbrówka", "KIS Zamknięty"}
    warsaw = next(e for e in data["entries"] if e["name"] == "KIS Warszawa")
    assert warsaw == {
        "register_number": register["entered"].register_number,
        "entity_kind": "kis",
        "name": "KIS Warszawa",
        "founding_body": "MOPS Warszawa",
        "voivodeship_teryt": "14",
        "seat": {"teryt": "1465011", "name": "Warszawa"},
        "powiat_teryt": "1465",
        "address": {"street": "ul. Łucka 2", "postal_code": "00-845", "city": "Warszawa"},
        "entry_date": days_ago(20).isoformat(),
        "status": "entered",
        "struck_off_date": None,
    }
    struck = next(e for e in data["entries"] if e["name"] == "KIS Zamknięty")
    assert struck["status"] == "struck_off" and struck["struck_off_date"] == days_ago(5).isoformat()


def test_national_json_counts_everything_public(client, register):
    data = client.get(INDEX, {"format": "json"}).json()
    assert data["voivodeship"] is None and data["count"] == 4


def test_empty_register_pages(client, cast):
    unit("14")
    html = client.get(MAZ).content.decode()
    assert 'class="empty"' in html
    assert html.count('<path class="powiat b0"') == 42
    assert client.get(INDEX).status_code == 200


def test_public_index_query_count_is_fixed(client, register, django_assert_max_num_queries):
    OrganisationFactory(kind=OrganisationKind.KIS)
    with django_assert_max_num_queries(6):
        client.get(INDEX)
    with django_assert_max_num_queries(6):
        client.get(MAZ)
