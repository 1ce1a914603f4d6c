"""Facts are not dated after they happen, and the follow-up is recorded in its window (issue 10, §3).

Each rule at its boundary (today accepted, tomorrow refused; the window's first and last day accepted,
the day before and after refused) through the service, the HTML form and the API; a refusal writes nothing.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ksr.cases import services
from ksr.cases.choices import CaseStatus, ExitReason, FollowUpOutcome, ReferralSource
from ksr.cases.models import FollowUp, Participant, Referral, add_months
from ksr.cases.tests.helpers import open_case, participant
from ksr.core.validators import not_after_today

pytestmark = pytest.mark.django_db
API = "/api/v1/cases/"
FUTURE = "nie może przypadać po dniu dzisiejszym"


def _today():
    return timezone.localdate()


def _tomorrow():
    return _today() + dt.timedelta(days=1)


def _form_refused(response, text):
    """The form page shown again (200, or 400 for a refused write) with the message."""
    return response.status_code in (200, 400) and text in response.content.decode()


def _api(client, path, data):
    return client.post(API + path, data, content_type="application/json")


# --- the shared helper -------------------------------------------------------------------------


def test_the_helper_accepts_today_and_refuses_tomorrow_in_polish():
    not_after_today(_today(), "data wpisu")
    not_after_today(None, "data wpisu")
    with pytest.raises(ValidationError) as refused:
        not_after_today(_tomorrow(), "data wpisu", "entered_on")
    assert refused.value.message_dict == {"entered_on": ["Data wpisu nie może przypadać po dniu dzisiejszym."]}


# --- birth date --------------------------------------------------------------------------------


def _person(**extra):
    return {"first_name": "Jan", "last_name": "Bezpesel", "no_pesel_reason": "cudzoziemiec", **extra}


def test_service_birth_date_today_accepted_tomorrow_refused(cast):
    with pytest.raises(ValidationError) as refused:
        participant(cast, 1, **_person(pesel="", birth_date=_tomorrow()))
    assert FUTURE in str(refused.value.message_dict["birth_date"])
    assert not Participant.objects.exists()
    assert participant(cast, 1, **_person(pesel="", birth_date=_today())).birth_date == _today()


def test_form_birth_date_tomorrow_refused(cast, login):
    client = login(cast.case_manager)
    data = {**_person(), "dependent_children": 0, "dependent_elderly": 0, "dependent_disabled": 0}
    response = client.post(reverse("cases:participant_create"), {**data, "birth_date": _tomorrow().isoformat()})
    assert _form_refused(response, FUTURE)
    assert not Participant.objects.exists()
    response = client.post(reverse("cases:participant_create"), {**data, "birth_date": _today().isoformat()})
    assert response.status_code == 302 and Participant.objects.count() == 1


def test_api_birth_date_tomorrow_refused(cast, login):
    client = login(cast.case_manager)
    data = {"organisation": cast.kis_waw.pk, **_person()}
    response = _api(client, "participants/", {**data, "birth_date": _tomorrow().isoformat()})
    assert response.status_code == 400 and FUTURE in response.json()["birth_date"][0]
    assert not Participant.objects.exists()
    response = _api(client, "participants/", {**data, "birth_date": _today().isoformat()})
    assert response.status_code == 201, response.content


# --- postal code (NN-NNN) ----------------------------------------------------------------------


@pytest.mark.parametrize("code", ["12345", "1-2345", "123-45", "12-34a", "12-3456"])
def test_participant_postal_code_must_be_nn_nnn(cast, login, code):
    with pytest.raises(ValidationError) as refused:
        participant(cast, 1, postal_code=code)
    assert "00-950" in str(refused.value.message_dict["postal_code"])
    response = _api(
        login(cast.case_manager),
        "participants/",
        {"organisation": cast.kis_waw.pk, **_person(), "postal_code": code},
    )
    assert response.status_code == 400 and "postal_code" in response.json()
    assert not Participant.objects.exists()
    assert participant(cast, 1, postal_code="00-950").postal_code == "00-950"


def test_form_participant_postal_code_refused(cast, login):
    client = login(cast.case_manager)
    data = {**_person(), "dependent_children": 0, "dependent_elderly": 0, "dependent_disabled": 0}
    response = client.post(reverse("cases:participant_create"), {**data, "postal_code": "12345"})
    assert _form_refused(response, "00-950")
    assert not Participant.objects.exists()


# --- referral sent on --------------------------------------------------------------------------


def _referral_data(cast, sent_on):
    return {
        "organisation": cast.kis_waw,
        "source": ReferralSource.OPS,
        "sender_organisation": cast.ops_waw,
        "first_name": "Marek",
        "last_name": "Wolny",
        "sent_on": sent_on,
    }


def test_service_referral_sent_tomorrow_refused(cast):
    with pytest.raises(ValidationError) as refused:
        services.do_send_referral(_referral_data(cast, _tomorrow()), actor=cast.ops_worker)
    assert FUTURE in str(refused.value.message_dict["sent_on"])
    assert not Referral.objects.exists()
    assert services.do_send_referral(_referral_data(cast, _today()), actor=cast.ops_worker).sent_on == _today()


def test_form_referral_sent_tomorrow_refused(cast, login):
    client = login(cast.ops_worker)
    data = {
        "organisation": cast.kis_waw.pk,
        "source": "ops",
        "sender_organisation": cast.ops_waw.pk,
        "first_name": "Marek",
        "last_name": "Wolny",
    }
    response = client.post(reverse("cases:referral_create"), {**data, "sent_on": _tomorrow().isoformat()})
    assert _form_refused(response, FUTURE)
    assert not Referral.objects.exists()
    response = client.post(reverse("cases:referral_create"), {**data, "sent_on": _today().isoformat()})
    assert response.status_code == 302 and Referral.objects.count() == 1


def test_api_referral_sent_tomorrow_refused(cast, login):
    client = login(cast.ops_worker)
    data = {
        "organisation": cast.kis_waw.pk,
        "source": "ops",
        "sender_organisation": cast.ops_waw.pk,
        "first_name": "Marek",
        "last_name": "Wolny",
    }
    response = _api(client, "referrals/", {**data, "sent_on": _tomorrow().isoformat()})
    assert response.status_code == 400 and FUTURE in response.json()["sent_on"][0]
    assert not Referral.objects.exists()
    response = _api(client, "referrals/", {**data, "sent_on": _today().isoformat()})
    assert response.status_code == 201, response.content


# --- admission ---------------------------------------------------------------------------------


def test_service_admission_tomorrow_refused_today_accepted(cast):
    case = open_case(cast)
    with pytest.raises(ValidationError) as refused:
        services.do_start_participation(case, actor=cast.case_manager, admitted_on=_tomorrow())
    assert FUTURE in str(refused.value.message_dict["admitted_on"])
    case.refresh_from_db()
    assert case.status == CaseStatus.QUALIFIED and case.admitted_on is None
    services.do_start_participation(case, actor=cast.case_manager, admitted_on=_today())
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE and case.admitted_on == _today()


def test_form_admission_tomorrow_refused(cast, login):
    case = open_case(cast)
    client = login(cast.case_manager)
    url = reverse("cases:case_start", args=[case.pk])
    response = client.post(url, {"admitted_on": _tomorrow().isoformat()})
    assert _form_refused(response, FUTURE)
    case.refresh_from_db()
    assert case.admitted_on is None
    assert client.post(url, {"admitted_on": _today().isoformat()}).status_code == 302
    case.refresh_from_db()
    assert case.admitted_on == _today()


def test_api_admission_tomorrow_refused(cast, login):
    case = open_case(cast)
    client = login(cast.case_manager)
    response = _api(client, f"cases/{case.pk}/start/", {"admitted_on": _tomorrow().isoformat()})
    assert response.status_code == 400 and FUTURE in response.json()["admitted_on"][0]
    case.refresh_from_db()
    assert case.admitted_on is None
    response = _api(client, f"cases/{case.pk}/start/", {"admitted_on": _today().isoformat()})
    assert response.status_code == 200 and response.json()["admitted_on"] == _today().isoformat()


# --- graduation --------------------------------------------------------------------------------


def _long_participation(cast):
    case = open_case(cast)
    services.do_start_participation(case, actor=cast.case_manager, admitted_on=_today() - dt.timedelta(days=300))
    return case


def test_service_graduation_tomorrow_refused(cast):
    case = _long_participation(cast)
    with pytest.raises(ValidationError) as refused:
        services.do_mark_graduate(case, actor=cast.case_manager, graduated_at=_tomorrow())
    assert FUTURE in str(refused.value.message_dict["graduated_at"])
    case.refresh_from_db()
    assert case.graduated_at is None


def test_form_graduation_tomorrow_refused(cast, login):
    case = _long_participation(cast)
    response = login(cast.case_manager).post(
        reverse("cases:case_graduate", args=[case.pk]), {"graduated_at": _tomorrow().isoformat()}
    )
    assert _form_refused(response, FUTURE)
    case.refresh_from_db()
    assert case.graduated_at is None


def test_api_graduation_tomorrow_refused(cast, login):
    case = _long_participation(cast)
    response = _api(login(cast.case_manager), f"cases/{case.pk}/graduate/", {"graduated_at": _tomorrow().isoformat()})
    assert response.status_code == 400 and FUTURE in response.json()["graduated_at"][0]
    case.refresh_from_db()
    assert case.graduated_at is None


# --- the follow-up window ----------------------------------------------------------------------


def _exited(cast, exited_on):
    case = open_case(cast)
    services.do_start_participation(case, actor=cast.case_manager, admitted_on=exited_on - dt.timedelta(days=200))
    services.do_exit_case(case, actor=cast.case_manager, reason=ExitReason.COMPLETED, exited_on=exited_on)
    return FollowUp.objects.get(case=case)


def _record(follow_up, done_on, cast):
    data = {"done_on": done_on, "outcome": FollowUpOutcome.values[0], "findings": "Pracuje."}
    return services.do_record_follow_up(follow_up, data, actor=cast.case_manager)


def test_follow_up_window_is_two_weeks_before_to_three_months_after_the_due_date(cast):
    follow_up = _exited(cast, _today() - dt.timedelta(days=400))
    first, last = follow_up.recording_window()
    assert first == follow_up.due_on - dt.timedelta(days=14)
    assert last == add_months(follow_up.due_on, 3)
    for day in (first - dt.timedelta(days=1), last + dt.timedelta(days=1), follow_up.case.exited_on):
        with pytest.raises(ValidationError) as refused:
            _record(follow_up, day, cast)
        assert "done_on" in refused.value.message_dict
        assert not FollowUp.objects.get(pk=follow_up.pk).is_done
    _record(follow_up, last, cast)
    assert FollowUp.objects.get(pk=follow_up.pk).done_on == last


def test_follow_up_first_day_of_the_window_accepted(cast):
    follow_up = _exited(cast, _today() - dt.timedelta(days=400))
    first, _last = follow_up.recording_window()
    _record(follow_up, first, cast)
    assert FollowUp.objects.get(pk=follow_up.pk).done_on == first


def test_follow_up_is_not_recorded_tomorrow_even_in_its_window(cast):
    follow_up = _exited(cast, add_months(_today(), -6))
    with pytest.raises(ValidationError) as refused:
        _record(follow_up, _tomorrow(), cast)
    assert FUTURE in str(refused.value.message_dict["done_on"])
    _record(follow_up, _today(), cast)


def test_form_follow_up_on_the_day_of_exit_refused(cast, login):
    follow_up = _exited(cast, _today() - dt.timedelta(days=400))
    client = login(cast.case_manager)
    url = reverse("cases:follow_up_update", args=[follow_up.pk])
    data = {"outcome": FollowUpOutcome.values[0], "findings": "Pracuje."}
    first, _last = follow_up.recording_window()
    response = client.post(url, {**data, "done_on": (first - dt.timedelta(days=1)).isoformat()})
    assert _form_refused(response, "sześć miesięcy po zakończeniu")
    assert not FollowUp.objects.get(pk=follow_up.pk).is_done
    assert client.post(url, {**data, "done_on": first.isoformat()}).status_code == 302
    assert FollowUp.objects.get(pk=follow_up.pk).done_on == first


def test_api_follow_up_outside_the_window_refused(cast, login):
    follow_up = _exited(cast, _today() - dt.timedelta(days=400))
    client = login(cast.case_manager)
    data = {"outcome": FollowUpOutcome.values[0], "findings": "Pracuje."}
    _first, last = follow_up.recording_window()
    path = f"follow-ups/{follow_up.pk}/record/"
    response = _api(client, path, {**data, "done_on": (last + dt.timedelta(days=1)).isoformat()})
    assert response.status_code == 400 and "done_on" in response.json()
    assert not FollowUp.objects.get(pk=follow_up.pk).is_done
    response = _api(client, path, {**data, "done_on": last.isoformat()})
    assert response.status_code == 200, response.content
