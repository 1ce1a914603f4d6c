"""A vote counts no more than those present; a card assesses a half-year that has begun (issue 10, §3).

Each at its boundary, through the service, the HTML form and (for the card) the API; decisions are
written through the meeting pages only (the API lists them read-only). A refusal writes nothing.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ksr.cooperation import services
from ksr.cooperation.models import CooperationAssessment, Decision, period_of

from .conftest import held_meeting
from .test_assessment_services import card_data

pytestmark = pytest.mark.django_db
CARDS = "/api/v1/cooperation/assessments/"
TOO_MANY = "niż było obecnych na posiedzeniu"
NOT_BEGUN = "które się rozpoczęło"
FUTURE = "nie może przypadać po dniu dzisiejszym"


def _form_refused(response, text):
    return response.status_code in (200, 400) and text in response.content.decode()


# --- votes and those present -------------------------------------------------------------------


@pytest.fixture
def meeting(forum, cast):
    """A held meeting with six present (three organisations, two representatives each)."""
    present = list(forum.representatives.all())
    assert len(present) == 6
    return held_meeting(forum, cast.coordinator, representatives=present)


def _vote(votes_for, against=0, abstain=0):
    return {
        "text": "Głosowanie",
        "method": "vote",
        "votes_for": votes_for,
        "votes_against": against,
        "votes_abstain": abstain,
    }


def test_service_votes_up_to_those_present(meeting, cast):
    with pytest.raises(ValidationError) as refused:
        services.do_record_decision(meeting, _vote(50), actor=cast.coordinator)
    assert TOO_MANY in " ".join(refused.value.messages) and "(50)" in " ".join(refused.value.messages)
    with pytest.raises(ValidationError):
        services.do_record_decision(meeting, _vote(4, 2, 1), actor=cast.coordinator)
    assert not Decision.objects.exists()
    services.do_record_decision(meeting, _vote(4, 1, 1), actor=cast.coordinator)
    assert Decision.objects.count() == 1


def test_service_a_vote_with_nobody_present_is_refused(forum, cast):
    empty = held_meeting(forum, cast.coordinator)
    with pytest.raises(ValidationError):
        services.do_record_decision(empty, _vote(1), actor=cast.coordinator)
    services.do_record_decision(empty, {"text": "Zgoda", "method": "consensus"}, actor=cast.coordinator)
    assert Decision.objects.count() == 1


def test_form_vote_over_those_present_refused(meeting, cast, login):
    client = login(cast.coordinator)
    url = reverse("cooperation:decision_create", args=[meeting.pk])
    data = {"text": "Głosowanie", "method": "vote", "votes_against": 0, "votes_abstain": 0}
    response = client.post(url, {**data, "votes_for": 7})
    assert _form_refused(response, TOO_MANY)
    assert not Decision.objects.exists()
    assert client.post(url, {**data, "votes_for": 6}).status_code == 302
    assert Decision.objects.get().votes_for == 6


# --- the card assesses a half-year that has begun ------------------------------------------------


def _periods():
    """This half-year and the next one."""
    today = timezone.localdate()
    year, half = period_of(today)
    upcoming = (year, "H2") if half == "H1" else (year + 1, "H1")
    return (year, half), upcoming


def test_service_card_for_the_next_half_year_refused(lsr, cast):
    (year, half), (next_year, next_half) = _periods()
    today = timezone.localdate()
    for data in (
        card_data(year=next_year, half=next_half, filled_on=today),
        card_data(year=2031, half="H1", filled_on=today),
    ):
        with pytest.raises(ValidationError) as refused:
            services.do_fill_assessment(lsr, cast.library_waw, data, actor=cast.partner)
        assert NOT_BEGUN in str(refused.value.message_dict["year"])
    assert not CooperationAssessment.objects.exists()
    card = services.do_fill_assessment(
        lsr, cast.library_waw, card_data(year=year, half=half, filled_on=today), actor=cast.partner
    )
    assert str(year) in card.period  # "II półrocze 2026"


def test_service_card_filled_tomorrow_refused(lsr, cast):
    (year, half), _upcoming = _periods()
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        services.do_fill_assessment(
            lsr, cast.library_waw, card_data(year=year, half=half, filled_on=tomorrow), actor=cast.partner
        )
    assert "filled_on" in refused.value.message_dict
    assert not CooperationAssessment.objects.exists()


def test_form_card_for_the_next_half_year_refused(lsr, cast, login):
    (year, half), (next_year, next_half) = _periods()
    client = login(cast.partner)
    url = reverse("cooperation:assessment_create", args=[lsr.pk])
    data = {"organisation": cast.library_waw.pk, "filled_on": timezone.localdate().isoformat()}
    data.update({k: "4" for k in card_data() if k.startswith("score_")})
    response = client.post(url, {**data, "year": str(next_year), "half": next_half})
    assert _form_refused(response, NOT_BEGUN)
    assert not CooperationAssessment.objects.exists()
    assert client.post(url, {**data, "year": str(year), "half": half}).status_code == 302
    assert CooperationAssessment.objects.count() == 1


def test_api_card_for_2031_refused(lsr, cast, login):
    (year, half), _upcoming = _periods()
    client = login(cast.partner)
    payload = {"network": lsr.pk, "organisation": cast.library_waw.pk, **card_data()}
    payload["filled_on"] = timezone.localdate().isoformat()
    response = client.post(CARDS, {**payload, "year": 2031, "half": "H1"}, content_type="application/json")
    assert response.status_code == 400 and NOT_BEGUN in response.json()["year"][0]
    assert not CooperationAssessment.objects.exists()
    response = client.post(CARDS, {**payload, "year": year, "half": half}, content_type="application/json")
    assert response.status_code == 201, response.content
