"""Each kind of notification, from the event to the inbox and the e-mail outbox, after the commit only.

E-mails and inbox rows never carry the participant's name (the cases are named by reference).
"""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from ksr.cases import services as cases
from ksr.cases.choices import RefusalReason
from ksr.cases.models import FollowUp
from ksr.cases.tests.helpers import referral_from_ops
from ksr.cooperation import services as cooperation
from ksr.cooperation.choices import MeetingKind
from ksr.networks.models import Network
from ksr.notifications.choices import NotificationKind
from ksr.notifications.models import Notification
from ksr.plans.tests.helpers import make_case, make_contract
from ksr.privacy.tests.helpers import case as privacy_case
from ksr.privacy.tests.helpers import consent
from ksr.procedures import services as procedures
from ksr.procedures.tests.helpers import need
from ksr.testing import unit

pytestmark = pytest.mark.django_db
TEAM = "Ewa Nowak, pracownik socjalny, MOPS"
TODAY = timezone.localdate


def inbox(user, kind):
    return list(Notification.objects.filter(recipient=user, kind=kind))


def mails_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def mail_of(notification):
    """The e-mails of this notification (to its recipient, with its title as the subject)."""
    return [
        m for m in mail.outbox if m.to == [notification.recipient.email] and m.subject == f"[KSR] {notification.title}"
    ]


def no_names(*texts, names=("Marek", "Wolny", "Jan", "Nowak")):
    return not any(name in text for text in texts for name in names)


def scan(day=None):
    call_command("notify_due", date=day or TODAY())


# Referrals ------------------------------------------------------------------------------------


def test_referral_received_reaches_the_club_after_commit(mailboxes, django_capture_on_commit_callbacks):
    cast = mailboxes
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        referral = referral_from_ops(cast)
        assert mail.outbox == []  # nothing before the commit
    assert len(callbacks) == 2  # the club's manager and case manager, one e-mail each
    for user in (cast.kis_manager, cast.case_manager):
        (notification,) = inbox(user, NotificationKind.REFERRAL_RECEIVED)
        assert "MOPS Warszawa" in notification.title
        assert notification.link == f"/uczestnicy/skierowania/{referral.pk}/"
        (message,) = mails_to(user)
        assert message.subject == f"[KSR] {notification.title}"
        assert notification.link in message.body
        assert no_names(message.subject, message.body, notification.title, notification.body)
    # The specialist does not decide on referrals; the sender is not told of their own sending.
    assert inbox(cast.specialist, NotificationKind.REFERRAL_RECEIVED) == []
    assert inbox(cast.ops_worker, NotificationKind.REFERRAL_RECEIVED) == []
    assert inbox(cast.zenon, NotificationKind.REFERRAL_RECEIVED) == []


def test_a_rolled_back_referral_tells_nobody(mailboxes, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        referral_from_ops(mailboxes)
        raise RuntimeError("the request failed after the write")
    assert callbacks == []
    assert mail.outbox == []
    assert not Notification.objects.exists()


@pytest.mark.parametrize("accept", [True, False])
def test_referral_decided_reaches_the_sender(mailboxes, django_capture_on_commit_callbacks, accept):
    cast = mailboxes
    referral = referral_from_ops(cast)
    cases.do_start_review(referral, actor=cast.kis_manager, qualification_team=TEAM)
    with django_capture_on_commit_callbacks(execute=True):
        if accept:
            cases.do_accept_referral(referral, actor=cast.kis_manager, case_manager=cast.case_manager)
        else:
            cases.do_refuse_referral(referral, actor=cast.kis_manager, reason=RefusalReason.NO_PLACES)
    (notification,) = inbox(cast.ops_worker, NotificationKind.REFERRAL_DECIDED)
    assert ("accepted" if accept else "refused") in notification.title or (
        ("przyjęte" if accept else "odrzucone") in notification.title
    )
    assert f"nr {referral.pk}" in notification.title or f"no. {referral.pk}" in notification.title
    (message,) = mails_to(cast.ops_worker)
    assert no_names(message.subject, message.body)
    # The club's own staff are not told of their own decision.
    assert inbox(cast.kis_manager, NotificationKind.REFERRAL_DECIDED) == []


def test_a_failed_decision_tells_nobody(mailboxes, django_capture_on_commit_callbacks):
    cast = mailboxes
    referral = referral_from_ops(cast)
    cases.do_start_review(referral, actor=cast.kis_manager, qualification_team=TEAM)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Exception):  # noqa: B017
        cases.do_refuse_referral(referral, actor=cast.kis_manager, reason="")
    assert inbox(cast.ops_worker, NotificationKind.REFERRAL_DECIDED) == []
    assert mail.outbox == []


# Scheduled reminders --------------------------------------------------------------------------


def test_consent_expiring_within_14_days(mailboxes, django_capture_on_commit_callbacks):
    cast = mailboxes
    the_case = privacy_case(cast, opened_on=TODAY() - dt.timedelta(days=100))  # its IPD is not due
    soon = consent(cast, the_case, valid_until=TODAY() + dt.timedelta(days=14))
    consent(cast, the_case, valid_until=TODAY() + dt.timedelta(days=15))  # not yet
    with django_capture_on_commit_callbacks(execute=True):
        scan()
    (notification,) = inbox(cast.case_manager, NotificationKind.CONSENT_EXPIRING)
    assert str(soon.case_id) in notification.title
    assert (TODAY() + dt.timedelta(days=14)).isoformat() in notification.title
    (message,) = mails_to(cast.case_manager)
    assert no_names(message.subject, message.body, notification.title)
    # The next day's scan does not repeat the reminder; the second consent is now within 14 days.
    with django_capture_on_commit_callbacks(execute=True):
        scan(TODAY() + dt.timedelta(days=1))
    assert len(inbox(cast.case_manager, NotificationKind.CONSENT_EXPIRING)) == 2
    assert len(mails_to(cast.case_manager)) == 2


def test_follow_up_due(mailboxes, django_capture_on_commit_callbacks):
    cast = mailboxes
    the_case = privacy_case(
        cast, opened_on=TODAY() - dt.timedelta(days=400), exited_on=TODAY() - dt.timedelta(days=170), status="exited"
    )
    FollowUp.objects.create(case=the_case, due_on=TODAY() + dt.timedelta(days=10))
    with django_capture_on_commit_callbacks(execute=True):
        scan()
    (notification,) = inbox(cast.case_manager, NotificationKind.FOLLOW_UP_DUE)
    assert notification.link == f"/uczestnicy/monitoring/{the_case.follow_up.pk}/"
    (message,) = mails_to(cast.case_manager)
    assert no_names(message.subject, message.body)


def test_ipd_due_goes_to_the_managers_when_the_case_has_no_case_manager(mailboxes, django_capture_on_commit_callbacks):
    cast = mailboxes
    make_case(cast, opened_on=TODAY() - dt.timedelta(weeks=6) + dt.timedelta(days=3), case_manager=None)
    with django_capture_on_commit_callbacks(execute=True):
        scan()
    (notification,) = inbox(cast.kis_manager, NotificationKind.IPD_DUE)
    assert inbox(cast.case_manager, NotificationKind.IPD_DUE) == []
    assert len(mail_of(notification)) == 1


def test_contract_review_due(mailboxes, django_capture_on_commit_callbacks):
    cast = mailboxes
    contract = make_contract(cast, make_case(cast, opened_on=TODAY() - dt.timedelta(days=300)))
    type(contract).objects.filter(pk=contract.pk).update(next_review_on=TODAY() + dt.timedelta(days=5))
    with django_capture_on_commit_callbacks(execute=True):
        scan()
    (notification,) = inbox(cast.case_manager, NotificationKind.CONTRACT_REVIEW_DUE)
    assert str(contract.case_id) in notification.title
    assert len(mail_of(notification)) == 1


def test_forum_meeting_overdue(mailboxes, django_capture_on_commit_callbacks):
    cast = mailboxes
    network = Network.objects.create(
        name="LSR Warszawa", level="local", territory=unit("1465011"), main_node=cast.kis_waw
    )
    forum = cooperation.do_create_forum(network, actor=cast.coordinator)
    for kind in (MeetingKind.STRATEGIC, MeetingKind.OPERATIONAL):
        meeting = cooperation.do_plan_meeting(
            forum,
            {"kind": kind, "title": "Posiedzenie", "planned_on": TODAY() - dt.timedelta(days=10)},
            actor=cast.coordinator,
        )
        cooperation.do_record_meeting_held(
            meeting, {"held_on": TODAY() - dt.timedelta(days=10), "minutes": "Protokół."}, actor=cast.coordinator
        )
    with django_capture_on_commit_callbacks(execute=True):
        scan(TODAY() + dt.timedelta(days=21))  # both held 31 days before: still on time
    assert inbox(cast.coordinator, NotificationKind.FORUM_OVERDUE) == []
    with django_capture_on_commit_callbacks(execute=True):
        scan(TODAY() + dt.timedelta(days=22))  # 32 days after: the operational meeting is overdue
    for user in (cast.coordinator, cast.kis_manager):
        (notification,) = inbox(user, NotificationKind.FORUM_OVERDUE)
        assert "LSR Warszawa" in notification.title
        assert len(mails_to(user)) == 1
    assert inbox(cast.case_manager, NotificationKind.FORUM_OVERDUE) == []


def test_need_request_answered(mailboxes, django_capture_on_commit_callbacks):
    cast = mailboxes
    request = need(cast)
    with django_capture_on_commit_callbacks(execute=True):
        procedures.do_answer_need_request(
            request, cast.library_waw, kind="offer", offer="Psycholog", available_from=TODAY(), actor=cast.partner
        )
    (notification,) = inbox(cast.kis_manager, NotificationKind.NEED_REQUEST_ANSWERED)
    assert "Biblioteka Publiczna Warszawa" in notification.title
    assert notification.link == f"/procedury/potrzeby/{request.pk}/"
    assert len(mails_to(cast.kis_manager)) == 1
    assert inbox(cast.partner, NotificationKind.NEED_REQUEST_ANSWERED) == []


def test_the_refusal_reason_is_in_the_senders_language(mailboxes, django_capture_on_commit_callbacks):
    cast = mailboxes
    cast.ops_worker.language = "en"
    cast.ops_worker.save()
    referral = referral_from_ops(cast)
    cases.do_start_review(referral, actor=cast.kis_manager, qualification_team=TEAM)
    with django_capture_on_commit_callbacks(execute=True):
        cases.do_refuse_referral(referral, actor=cast.kis_manager, reason=RefusalReason.NO_PLACES)
    (notification,) = inbox(cast.ops_worker, NotificationKind.REFERRAL_DECIDED)
    assert notification.title == f"Your referral no. {referral.pk} was refused"
    assert notification.body.endswith("Reason: No places available")
    assert mail_of(notification)[0].body.startswith(notification.body)
