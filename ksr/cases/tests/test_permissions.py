"""Who reads persons: only the holder's staff. Everybody else gets 404 on a participant or case."""

import pytest
from django.urls import reverse

from ksr.cases import services
from ksr.cases.models import Case, FollowUp, Participant, Referral
from ksr.cases.tests.helpers import open_case, pesel_for, referral_from_ops

pytestmark = pytest.mark.django_db

HOLDERS = ("kis_manager", "case_manager", "specialist")
OUTSIDERS = (
    "ops_worker",
    "partner",
    "coordinator",
    "animator",
    "analyst",
    "officer",
    "national",
    "zenon",
    "nobody",
    "admin",
)


def _accepted_from_ops(cast):
    referral = referral_from_ops(cast)
    services.do_start_review(referral, actor=cast.kis_manager)
    case = services.do_accept_referral(referral, actor=cast.kis_manager, qualification_team="Zespół OPS–KIS")
    return referral, case


@pytest.mark.parametrize("who", HOLDERS)
def test_holder_staff_read_participants_and_cases(cast, who):
    case = open_case(cast)
    user = getattr(cast, who)
    assert list(Participant.objects.visible_to(user)) == [case.participant]
    assert list(Case.objects.visible_to(user)) == [case]


@pytest.mark.parametrize("who", OUTSIDERS)
def test_nobody_else_reads_participants(cast, who):
    open_case(cast)
    user = getattr(cast, who)
    assert not Participant.objects.visible_to(user).exists()
    assert not Case.objects.visible_to(user).exists()
    assert not FollowUp.objects.visible_to(user).exists()


def test_anonymous_reads_nothing(cast):
    from django.contrib.auth.models import AnonymousUser

    open_case(cast)
    assert not Participant.objects.visible_to(AnonymousUser()).exists()
    assert not Referral.objects.visible_to(AnonymousUser()).exists()


def test_writers_are_the_manager_and_case_managers(cast):
    case = open_case(cast)
    assert Participant.objects.editable_by(cast.kis_manager).exists()
    assert Participant.objects.editable_by(cast.case_manager).exists()
    assert not Participant.objects.editable_by(cast.specialist).exists()
    assert not Case.objects.editable_by(cast.specialist).filter(pk=case.pk).exists()


@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsiders_get_404_on_participant_and_case_pages(cast, login, who):
    case = open_case(cast)
    client = login(getattr(cast, who))
    for url in (
        reverse("cases:participant_detail", args=[case.participant.pk]),
        reverse("cases:case_detail", args=[case.pk]),
        reverse("cases:participant_update", args=[case.participant.pk]),
    ):
        assert client.get(url).status_code == 404, (who, url)


def test_anonymous_is_sent_to_login(cast, client):
    case = open_case(cast)
    response = client.get(reverse("cases:participant_detail", args=[case.participant.pk]))
    assert response.status_code == 302 and "next=" in response["Location"]


def test_sender_sees_status_but_never_the_participant(cast, login):
    referral, case = _accepted_from_ops(cast)
    assert Referral.objects.sent_by_user(cast.ops_worker).filter(pk=referral.pk).exists()
    assert not Referral.objects.received_by(cast.ops_worker).exists()
    client = login(cast.ops_worker)
    assert client.get(reverse("cases:participant_detail", args=[case.participant.pk])).status_code == 404
    assert client.get(reverse("cases:case_detail", args=[case.pk])).status_code == 404
    assert client.get(reverse("cases:referral_detail", args=[referral.pk])).status_code == 404
    page = client.get(reverse("cases:my_referrals"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Wolny" not in text and pesel_for(7) not in text
    assert "KIS Warszawa" in text


def test_specialist_reads_but_cannot_write(cast, login):
    case = open_case(cast)
    client = login(cast.specialist)
    assert client.get(reverse("cases:participant_detail", args=[case.participant.pk])).status_code == 200
    assert client.get(reverse("cases:participant_update", args=[case.participant.pk])).status_code == 403
    assert client.get(reverse("cases:case_exit", args=[case.pk])).status_code == 403


@pytest.mark.parametrize("who", ["ops_worker", "coordinator", "national", "nobody"])
def test_lists_are_for_holder_staff(cast, login, who):
    client = login(getattr(cast, who))
    assert client.get(reverse("cases:participant_list")).status_code == 403
    assert client.get(reverse("cases:case_list")).status_code == 403
