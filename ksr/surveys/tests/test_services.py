import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ksr.audit.models import AuditEntry
from ksr.surveys.models import Interview, Response
from ksr.surveys.services import (
    do_create_interview,
    do_create_survey,
    do_record_paper_response,
    do_send_survey_emails,
    do_submit_response,
)
from ksr.surveys.tests.helpers import answers, open_survey
from ksr.testing import unit


def test_animator_creates_a_survey_inviting_the_gminas_institutions(cast):
    survey = open_survey(cast.animator)
    invited = set(survey.invitations.values_list("organisation__name", flat=True))
    assert {"KIS Warszawa", "MOPS Warszawa", "Biblioteka Publiczna Warszawa"} <= invited
    assert "KIS Kraków" not in invited
    assert len(survey.token) >= 30
    assert AuditEntry.objects.filter(object_id=str(survey.pk), action="create").exists()


@pytest.mark.parametrize("who", ["zenon", "analyst", "kis_manager", "nobody"])
def test_only_animators_of_the_region_create_surveys(cast, who):
    with pytest.raises(PermissionDenied):
        open_survey(getattr(cast, who))


def test_window_must_not_close_before_it_opens(cast):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        do_create_survey(
            gmina=unit("1465011"), title="x", starts_on=today, ends_on=today - dt.timedelta(days=1), actor=cast.animator
        )
    assert "ends_on" in exc.value.message_dict


def test_emails_go_to_invited_institutions_once_and_are_recorded(cast, django_capture_on_commit_callbacks):
    cast.kis_waw.email = "kis@example.org"
    cast.kis_waw.save()
    survey = open_survey(cast.animator)
    with django_capture_on_commit_callbacks(execute=True):
        sent = do_send_survey_emails(survey, link_for=lambda t: f"https://x/ankiety/a/{t}/", actor=cast.animator)
    assert sent == 1
    token = survey.invitations.get(organisation=cast.kis_waw).token
    assert mail.outbox[0].to == ["kis@example.org"] and f"https://x/ankiety/a/{token}/" in mail.outbox[0].body
    assert survey.invitations.get(organisation=cast.kis_waw).sent_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        assert do_send_survey_emails(survey, link_for=str, actor=cast.animator) == 0
    assert len(mail.outbox) == 1


def test_emails_wait_for_the_commit(cast, django_capture_on_commit_callbacks):
    cast.kis_waw.email = "kis@example.org"
    cast.kis_waw.save()
    survey = open_survey(cast.animator)
    with django_capture_on_commit_callbacks() as callbacks:
        assert do_send_survey_emails(survey, link_for=str, actor=cast.animator) == 1
        assert mail.outbox == []  # nothing leaves inside the transaction
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1


def test_no_email_when_the_transaction_rolls_back(cast, django_capture_on_commit_callbacks):
    cast.kis_waw.email = "kis@example.org"
    cast.kis_waw.save()
    survey = open_survey(cast.animator)

    class Failed(Exception):
        pass

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(Failed), transaction.atomic():
        do_send_survey_emails(survey, link_for=str, actor=cast.animator)
        raise Failed  # e.g. a later write of the same request fails
    assert callbacks == [] and mail.outbox == []
    assert survey.invitations.get(organisation=cast.kis_waw).sent_at is None  # a retry will send it
    with django_capture_on_commit_callbacks(execute=True):
        assert do_send_survey_emails(survey, link_for=str, actor=cast.animator) == 1
    assert len(mail.outbox) == 1


def test_anonymous_response_stores_no_identity_and_typed_fields(cast):
    survey = open_survey(cast.animator)
    response = do_submit_response(survey, answers(q2="yes", q3="no", q9="no"))
    assert response.channel == "online"
    assert (response.q2_partnership, response.q3_signatory, response.q9_willing) == (True, False, False)
    field_names = {f.name for f in Response._meta.get_fields()}
    assert not field_names & {"user", "organisation", "ip_address", "invitation"}
    entry = AuditEntry.objects.get(object_id=str(response.pk), content_type__model="response")
    assert entry.actor is None and entry.ip_address is None


def test_skip_rule_is_enforced_server_side(cast):
    survey = open_survey(cast.animator)
    response = do_submit_response(survey, answers(q2="no", q3="yes", q4="yes"))
    assert response.q3_signatory is None and response.q4_lasting is None
    assert "q3" not in response.answers and "q4" not in response.answers


def test_q3_and_q4_are_required_when_a_partnership_operates(cast):
    survey = open_survey(cast.animator)
    with pytest.raises(ValidationError) as exc:
        do_submit_response(survey, answers(q2="yes", q3="", q4=""))
    assert {"q3_answer", "q4_answer"} <= set(exc.value.message_dict)
    assert not Response.objects.exists()


def test_closed_window_refuses_answers(cast):
    today = timezone.localdate()
    survey = open_survey(cast.animator, starts_on=today - dt.timedelta(days=10), ends_on=today - dt.timedelta(days=3))
    with pytest.raises(ValidationError, match="nie przyjmuje odpowiedzi"):
        do_submit_response(survey, answers())
    assert not Response.objects.exists()


def test_paper_answers_are_flagged_and_need_an_animator(cast):
    survey = open_survey(cast.animator)
    response = do_record_paper_response(survey, answers(), actor=cast.animator)
    assert response.channel == "paper"
    with pytest.raises(PermissionDenied):
        do_record_paper_response(survey, answers(), actor=cast.analyst)


def test_interview_out_of_range_is_flagged_not_refused(cast):
    interview = do_create_interview(
        gmina=unit("1465011"),
        kind="idi",
        held_on=timezone.localdate(),
        duration_minutes=30,
        moderator="Animatorka",
        participants=["kierownik"],
        rating=4,
        institution=cast.ops_waw,
        notes={"part1": "zna partnerstwo", "bogus": "x"},
        actor=cast.animator,
    )
    assert len(interview.warnings()) == 2
    assert interview.notes == {"part1": "zna partnerstwo"}
    fgi = do_create_interview(
        gmina=unit("1465011"),
        kind="fgi",
        held_on=timezone.localdate(),
        duration_minutes=90,
        moderator="M",
        participants=[f"rola {i}" for i in range(8)],
        rating=3,
        actor=cast.animator,
    )
    assert fgi.warnings() == []


def test_interview_validation_writes_nothing(cast):
    with pytest.raises(ValidationError) as exc:
        do_create_interview(
            gmina=unit("1465011"),
            kind="idi",
            held_on=timezone.localdate(),
            duration_minutes=50,
            moderator="",
            participants=[],
            rating=9,
            actor=cast.animator,
        )
    assert {"moderator", "participants", "rating", "institution"} <= set(exc.value.message_dict)
    assert not Interview.objects.exists()
