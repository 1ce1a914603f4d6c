"""The card, the outcome assessment and the contract are not dated where they cannot be (issue 10, §3).

A card entry and an outcome assessment are not dated after today; a contract is not valid from before
its case was opened. Each at its boundary, through the service, the HTML form and the API; a refusal
writes nothing.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ksr.plans import services
from ksr.plans.choices import CardPart, ContractKind, OutcomeMeasure
from ksr.plans.models import Contract, ContractVersion, OutcomeAssessment, ServiceCardEntry
from ksr.plans.tests.helpers import make_case, make_contract, make_entry

pytestmark = pytest.mark.django_db
API = "/api/v1/plans/"
FUTURE = "nie może przypadać po dniu dzisiejszym"
BEFORE_OPENING = "przed otwarciem sprawy"


def _today():
    return timezone.localdate()


def _tomorrow():
    return _today() + dt.timedelta(days=1)


def _api(client, path, data):
    return client.post(API + path, data, content_type="application/json")


def _form_refused(response, text):
    return response.status_code in (200, 400) and text in response.content.decode()


# --- the consulting services card (append-only: a wrong date could never be removed) -----------


def test_service_card_entry_tomorrow_refused_today_accepted(cast):
    case = make_case(cast)
    with pytest.raises(ValidationError) as refused:
        make_entry(cast, case, entered_on=_tomorrow())
    assert FUTURE in str(refused.value.message_dict["entered_on"])
    assert not ServiceCardEntry.objects.exists()
    assert make_entry(cast, case, entered_on=_today()).entered_on == _today()


def test_form_card_entry_tomorrow_refused(cast, login):
    case = make_case(cast)
    client = login(cast.case_manager)
    url = reverse("plans:card_entry_create", kwargs={"case_pk": case.pk})
    data = {"part": CardPart.DETAILED, "social_needs": "Wsparcie"}
    response = client.post(url, {**data, "entered_on": _tomorrow().isoformat()})
    assert _form_refused(response, FUTURE)
    assert not ServiceCardEntry.objects.exists()
    assert client.post(url, {**data, "entered_on": _today().isoformat()}).status_code == 302
    assert ServiceCardEntry.objects.count() == 1


def test_api_card_entry_tomorrow_refused(cast, login):
    case = make_case(cast)
    client = login(cast.case_manager)
    data = {"case": case.pk, "part": "detailed", "effects": "Lepszy kontakt"}
    response = _api(client, "card-entries/", {**data, "entered_on": _tomorrow().isoformat()})
    assert response.status_code == 400 and FUTURE in response.json()["entered_on"][0]
    assert not ServiceCardEntry.objects.exists()
    assert _api(client, "card-entries/", {**data, "entered_on": _today().isoformat()}).status_code == 201


# --- the outcome assessment --------------------------------------------------------------------


def _scores():
    return [{"measure": m.value, "score": 3, "comment": ""} for m in OutcomeMeasure]


def test_service_outcome_assessment_tomorrow_refused(cast):
    case = make_case(cast)
    with pytest.raises(ValidationError) as refused:
        services.do_create_outcome_assessment(case, {"assessed_on": _tomorrow()}, _scores(), actor=cast.case_manager)
    assert FUTURE in str(refused.value.message_dict["assessed_on"])
    assert not OutcomeAssessment.objects.exists()
    services.do_create_outcome_assessment(case, {"assessed_on": _today()}, _scores(), actor=cast.case_manager)
    assert OutcomeAssessment.objects.get().assessed_on == _today()


def test_form_outcome_assessment_tomorrow_refused(cast, login):
    case = make_case(cast)
    client = login(cast.case_manager)
    url = reverse("plans:outcome_assessment_create", kwargs={"case_pk": case.pk})
    data = {f"score_{m.value}": "3" for m in OutcomeMeasure}
    response = client.post(url, {**data, "assessed_on": _tomorrow().isoformat()})
    assert _form_refused(response, FUTURE)
    assert not OutcomeAssessment.objects.exists()
    assert client.post(url, {**data, "assessed_on": _today().isoformat()}).status_code == 302
    assert OutcomeAssessment.objects.count() == 1


def test_api_outcome_assessment_tomorrow_refused(cast, login):
    case = make_case(cast)
    client = login(cast.case_manager)
    data = {"case": case.pk, "scores": _scores()}
    response = _api(client, "outcome-assessments/", {**data, "assessed_on": _tomorrow().isoformat()})
    assert response.status_code == 400 and FUTURE in response.json()["assessed_on"][0]
    assert not OutcomeAssessment.objects.exists()
    assert _api(client, "outcome-assessments/", {**data, "assessed_on": _today().isoformat()}).status_code == 201


# --- a contract is not valid from before its case was opened -----------------------------------


def _contract_data(valid_from):
    return {"kind": ContractKind.SOCIAL_CONTRACT, "content": "Zajęcia", "valid_from": valid_from}


def test_service_contract_before_the_opening_refused_on_the_opening_accepted(cast):
    case = make_case(cast)
    with pytest.raises(ValidationError) as refused:
        services.do_create_contract(
            case, _contract_data(case.opened_on - dt.timedelta(days=1)), actor=cast.case_manager
        )
    assert BEFORE_OPENING in str(refused.value.message_dict["valid_from"])
    assert not Contract.objects.exists() and not ContractVersion.objects.exists()
    contract = services.do_create_contract(case, _contract_data(case.opened_on), actor=cast.case_manager)
    assert contract.versions.get().valid_from == case.opened_on


def test_service_contract_amendment_before_the_opening_refused(cast):
    case = make_case(cast)
    contract = make_contract(cast, case)
    with pytest.raises(ValidationError) as refused:
        services.do_amend_contract(
            contract,
            {"content": "Więcej", "change_reason": "Nowe cele", "valid_from": dt.date(2001, 1, 1)},
            actor=cast.case_manager,
        )
    assert "valid_from" in refused.value.message_dict
    assert contract.versions.count() == 1


def test_form_contract_before_the_opening_refused(cast, login):
    case = make_case(cast)
    client = login(cast.case_manager)
    url = reverse("plans:contract_create", kwargs={"case_pk": case.pk})
    data = {"kind": "internal_agreement", "content": "Zajęcia", "review_interval_days": "60"}
    response = client.post(url, {**data, "valid_from": "2001-01-01"})
    assert _form_refused(response, BEFORE_OPENING)
    assert not Contract.objects.exists()
    assert client.post(url, {**data, "valid_from": case.opened_on.isoformat()}).status_code == 302


def test_api_contract_before_the_opening_refused(cast, login):
    case = make_case(cast)
    client = login(cast.case_manager)
    data = {"case": case.pk, "kind": "social_contract", "content": "Zajęcia"}
    early = (case.opened_on - dt.timedelta(days=1)).isoformat()
    response = _api(client, "contracts/", {**data, "valid_from": early})
    assert response.status_code == 400 and BEFORE_OPENING in response.json()["valid_from"][0]
    assert not Contract.objects.exists()
    assert _api(client, "contracts/", {**data, "valid_from": case.opened_on.isoformat()}).status_code == 201
