"""Write endpoints of ``/api/v1/plans/``: contracts, the IPD, outcome events."""

import datetime as dt

import pytest

from ksr.plans.models import Contract, OutcomeEvent
from ksr.plans.tests.helpers import TODAY, diagnose, make_case, make_contract

pytestmark = pytest.mark.django_db
BASE = "/api/v1/plans/"


def _post(client, path, data):
    return client.post(BASE + path, data, content_type="application/json")


def test_contract_create_sign_amend_review(cast, login):
    case = make_case(cast)
    client = login(cast.case_manager)
    body = {"case": case.pk, "kind": "social_contract", "content": "Zajęcia", "valid_from": TODAY.isoformat()}
    response = _post(client, "contracts/", body)
    assert response.status_code == 201, response.content
    contract_id = response.json()["id"]
    assert _post(client, "contracts/", body).status_code == 400  # one open contract per case
    day = TODAY.isoformat()
    response = _post(client, f"contracts/{contract_id}/sign/", {"participant_signed_on": day, "worker_signed_on": day})
    assert response.status_code == 200 and response.json()["status"] == "in_force"
    response = _post(client, f"contracts/{contract_id}/amend/", {"content": "Więcej", "valid_from": day})
    assert response.status_code == 400 and "change_reason" in response.json()
    response = _post(
        client,
        f"contracts/{contract_id}/amend/",
        {"content": "Więcej", "change_reason": "Nowe cele", "valid_from": day},
    )
    assert response.status_code == 200 and sorted(v["number"] for v in response.json()["versions"]) == [1, 2]
    response = _post(client, f"contracts/{contract_id}/review/", {"reviewed_on": day, "outcome": "kept"})
    assert response.status_code == 200, response.content
    assert response.json()["next_review_on"] == (TODAY + dt.timedelta(days=90)).isoformat()  # default interval


def test_contract_writes_403_to_reader_404_out_of_scope(cast, login):
    case = make_case(cast)
    contract = make_contract(cast, case)
    body = {"case": case.pk, "kind": "social_contract", "valid_from": TODAY.isoformat()}
    assert _post(login(cast.specialist), f"contracts/{contract.pk}/sign/", {}).status_code == 403
    assert _post(login(cast.zenon), f"contracts/{contract.pk}/sign/", {}).status_code == 404
    assert _post(login(cast.zenon), "contracts/", body).status_code == 400  # the case is not theirs
    assert Contract.objects.count() == 1


def test_action_plan_create_patch_goal_and_set(cast, login):
    case = make_case(cast)
    client = login(cast.case_manager)
    response = _post(client, "action-plans/", {"case": case.pk, "sectors": ["culture", "sport"]})
    assert response.status_code == 201, response.content
    plan_id = response.json()["id"]
    response = _post(client, "action-plans/", {"case": case.pk, "sectors": ["transport"]})
    assert response.status_code == 400 and "sectors" in response.json()
    response = client.patch(
        f"{BASE}action-plans/{plan_id}/", {"participant_words": "Chcę"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["sectors"] == ["culture", "sport"]
    assert _post(client, f"action-plans/{plan_id}/status/", {"status": "set"}).status_code == 400  # no goal yet
    response = _post(client, f"action-plans/{plan_id}/goals/", {"goal": "Basen", "sector": "sport"})
    assert response.status_code == 201
    diagnose(cast, case)
    response = _post(client, f"action-plans/{plan_id}/status/", {"status": "set"})
    assert response.status_code == 200 and response.json()["status"] == "set"
    assert _post(login(cast.zenon), f"action-plans/{plan_id}/goals/", {"goal": "X"}).status_code == 404
    assert _post(login(cast.specialist), f"action-plans/{plan_id}/goals/", {"goal": "X"}).status_code == 403


def test_outcome_event_and_assessment_dates(cast, login):
    case = make_case(cast)
    client = login(cast.case_manager)
    response = _post(client, "outcome-events/", {"case": case.pk, "kind": "job", "occurred_on": TODAY.isoformat()})
    assert response.status_code == 201 and response.json()["outcome_type"]
    early = (case.opened_on - dt.timedelta(days=1)).isoformat()
    assert _post(client, "outcome-events/", {"case": case.pk, "kind": "job", "occurred_on": early}).status_code == 400
    assert OutcomeEvent.objects.count() == 1
    from ksr.plans.choices import OutcomeMeasure

    scores = [{"measure": m.value, "score": 3, "comment": ""} for m in OutcomeMeasure]
    response = _post(client, "outcome-assessments/", {"case": case.pk, "assessed_on": early, "scores": scores})
    assert response.status_code == 400 and "assessed_on" in response.json()
