import datetime as dt

from ksr.partnerships import services
from ksr.partnerships.models import Partnership
from ksr.partnerships.tests.helpers import lsr, partnership

BASE = "/api/v1/partnerships/"


def test_api_lists_scoped_partnerships(cast, login):
    p = partnership(cast)
    assert [r["id"] for r in login(cast.analyst).get(BASE + "partnerships/").json()["results"]] == [p.pk]
    assert login(cast.zenon).get(BASE + "partnerships/").json()["results"] == []
    assert login(cast.zenon).get(f"{BASE}partnerships/{p.pk}/").status_code == 404


def test_api_creates_and_transitions_through_the_services(cast, login):
    network = lsr(cast)
    client = login(cast.kis_manager)
    response = client.post(
        BASE + "partnerships/", {"network": network.pk, "name": "API", "goal": "Cel", "form": "informal"}, format="json"
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert Partnership.objects.get(pk=pk).leader == cast.kis_waw
    ok = client.post(
        f"{BASE}partnerships/{pk}/transition/", {"status": "consultation"}, content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json()["status"] == "consultation"
    bad = client.post(f"{BASE}partnerships/{pk}/transition/", {"status": "dissolved"}, content_type="application/json")
    assert bad.status_code == 400
    assert (
        login(cast.partner)
        .post(
            BASE + "partnerships/", {"network": network.pk, "name": "X", "goal": "Y"}, content_type="application/json"
        )
        .status_code
        == 403
    )


def test_api_withdraw_dissolves_a_pact(cast, login):
    pact = services.do_create_pact(lsr(cast), {"original_keeper": "Urząd"}, actor=cast.admin)
    rows = [services.do_join_pact(pact, o, actor=cast.admin) for o in (cast.kis_waw, cast.ops_waw, cast.library_waw)]
    services.do_transition_pact(pact, "consultation", actor=cast.admin)
    services.do_transition_pact(pact, "signed", actor=cast.admin)
    client = login(cast.coordinator)
    response = client.post(
        f"{BASE}signatories/{rows[1].pk}/withdraw/",
        {"withdrawn_on": dt.date.today().isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert client.get(f"{BASE}pacts/{pact.pk}/").json()["status"] == "dissolved"
