import datetime as dt

from ksr.procedures.models import NeedResponse, ProcedureRun
from ksr.procedures.tests.helpers import card, lsr, need, start

BASE = "/api/v1/procedures/"


def test_api_needs_login(client, cast):
    assert client.get(BASE + "runs/").status_code in (401, 403)


def test_cards_and_runs_are_scoped(cast, login):
    start(cast, 1)
    assert login(cast.analyst).get(BASE + "cards/").json()["count"] == 13
    assert login(cast.analyst).get(BASE + "runs/").json()["count"] == 1
    assert login(cast.zenon).get(BASE + "runs/").json()["count"] == 0


def test_start_run_and_complete_task_through_the_api(cast, login):
    network = lsr(cast)
    client = login(cast.animator)
    response = client.post(
        BASE + "runs/", {"card": card(4).pk, "gmina": "1465011", "network": network.pk}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    run = ProcedureRun.objects.get()
    task = run.tasks.get(number=2)
    response = client.post(BASE + f"tasks/{task.pk}/complete/", {"summary": "Terminy"}, content_type="application/json")
    assert response.status_code == 400 and "product_dates" in response.json()
    response = client.post(
        BASE + f"tasks/{task.pk}/complete/",
        {"summary": "Terminy", "dates": "2027-03-31"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["status"] == "done"


def test_api_run_creation_denied_to_analyst(cast, login):
    network = lsr(cast)
    response = login(cast.analyst).post(
        BASE + "runs/", {"card": card(4).pk, "gmina": "1465011", "network": network.pk}, content_type="application/json"
    )
    assert response.status_code == 403


def test_partner_answers_through_the_api(cast, login):
    request = need(cast)
    client = login(cast.partner)
    response = client.post(
        BASE + f"need-requests/{request.pk}/answer/",
        {
            "organisation": cast.library_waw.pk,
            "kind": "offer",
            "offer": "Sala",
            "available_from": dt.date.today().isoformat(),
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert NeedResponse.objects.get().offer == "Sala"
    assert client.get(BASE + f"need-requests/{request.pk}/").json()["responses"][0]["kind"] == "offer"


def test_variant_choice_through_the_api(cast, login):
    response = login(cast.animator).post(
        BASE + "variant-choices/",
        {"gmina": "1465011", "partnership_experience": True, "experienced_leaders": True, "cooperation_schemes": True},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["variant"] == "civic"
