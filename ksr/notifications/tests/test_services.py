"""notify(): delivery per preference, deduplication, the recipient's language; the daily digest."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils.translation import gettext_lazy as _

from ksr.audit.models import AuditEntry
from ksr.notifications.choices import Delivery, NotificationKind
from ksr.notifications.models import Notification, NotificationPreference
from ksr.notifications.services import do_mark_all_read, do_mark_read, do_set_preference, notify

pytestmark = pytest.mark.django_db
KIND = NotificationKind.REFERRAL_RECEIVED


def send(users, **extra):
    return notify(users, KIND, title=_("New referral from %(sender)s"), params={"sender": "MOPS"}, **extra)


def test_an_e_mail_at_once_by_default(mailboxes, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        (notification,) = send([mailboxes.kis_manager, mailboxes.kis_manager, None])
    assert notification.emailed_at is not None
    assert [m.to for m in mail.outbox] == [["alicja@example.org"]]


def test_in_app_only_sends_no_e_mail(mailboxes, django_capture_on_commit_callbacks):
    do_set_preference(mailboxes.kis_manager, KIND, Delivery.IN_APP, actor=mailboxes.kis_manager)
    with django_capture_on_commit_callbacks(execute=True):
        send([mailboxes.kis_manager])
    assert Notification.objects.filter(recipient=mailboxes.kis_manager).count() == 1
    assert mail.outbox == []


def test_no_address_no_e_mail_and_inactive_users_get_nothing(cast, django_capture_on_commit_callbacks):
    cast.case_manager.is_active = False
    cast.case_manager.save()
    with django_capture_on_commit_callbacks(execute=True):
        written = send([cast.kis_manager, cast.case_manager])
    assert [n.recipient for n in written] == [cast.kis_manager]
    assert mail.outbox == []


def test_each_recipient_reads_it_in_the_language_of_their_account(mailboxes, django_capture_on_commit_callbacks):
    mailboxes.case_manager.language = "en"
    mailboxes.case_manager.save()
    with django_capture_on_commit_callbacks(execute=True):
        written = {n.recipient_id: n for n in send([mailboxes.kis_manager, mailboxes.case_manager])}
    assert written[mailboxes.case_manager.pk].title == "New referral from MOPS"
    assert written[mailboxes.kis_manager.pk].title == "Nowe skierowanie od MOPS"
    assert {m.subject for m in mail.outbox} == {"[KSR] New referral from MOPS", "[KSR] Nowe skierowanie od MOPS"}


def test_a_reminder_key_is_written_once_per_recipient(mailboxes, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert len(send([mailboxes.kis_manager], dedupe_key="x:1")) == 1
        assert send([mailboxes.kis_manager], dedupe_key="x:1") == []
        assert len(send([mailboxes.kis_manager, mailboxes.case_manager], dedupe_key="x:1")) == 1
    assert len(mail.outbox) == 2


def test_the_daily_digest_lists_what_came_and_marks_it(mailboxes, django_capture_on_commit_callbacks):
    user = mailboxes.kis_manager
    do_set_preference(user, KIND, Delivery.DIGEST, actor=user)
    with django_capture_on_commit_callbacks(execute=True):
        send([user])
        send([user])
        notify([user], NotificationKind.REFERRAL_DECIDED, title="Decyzja")  # e-mailed at once
    assert [m.subject for m in mail.outbox] == ["[KSR] Decyzja"]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_notification_digest")
    digest = mail.outbox[-1]
    assert digest.to == ["alicja@example.org"]
    assert digest.body.count("Nowe skierowanie od MOPS") == 2
    assert "Decyzja" not in digest.body
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_notification_digest")  # nothing new: no e-mail
    assert len(mail.outbox) == 2


def test_preferences_are_the_users_own_and_audited(cast):
    with pytest.raises(PermissionDenied):
        do_set_preference(cast.kis_manager, KIND, Delivery.DIGEST, actor=cast.case_manager)
    with pytest.raises(ValidationError) as exc:
        do_set_preference(cast.kis_manager, KIND, "weekly", actor=cast.kis_manager)
    assert "delivery" in exc.value.message_dict
    with pytest.raises(ValidationError):
        do_set_preference(cast.kis_manager, "gossip", Delivery.DIGEST, actor=cast.kis_manager)
    preference = do_set_preference(cast.kis_manager, KIND, Delivery.DIGEST, actor=cast.kis_manager)
    do_set_preference(cast.kis_manager, KIND, Delivery.IN_APP, actor=cast.kis_manager)
    assert NotificationPreference.objects.get().delivery == Delivery.IN_APP
    assert AuditEntry.objects.filter(object_id=str(preference.pk)).count() == 2


def test_marking_read_is_the_recipients_own(cast):
    (notification,) = send([cast.kis_manager])
    send([cast.kis_manager])
    with pytest.raises(PermissionDenied):
        do_mark_read(notification, actor=cast.case_manager)
    do_mark_read(notification, actor=cast.kis_manager)
    assert Notification.objects.filter(read_at__isnull=True).count() == 1
    assert do_mark_all_read(actor=cast.case_manager) == 0
    assert do_mark_all_read(actor=cast.kis_manager) == 1
