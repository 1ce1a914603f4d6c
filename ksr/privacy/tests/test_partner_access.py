import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry
from ksr.privacy.access import partner_participants
from ksr.privacy.services import do_record_helper_consent, do_withdraw_consent
from ksr.privacy.tests.helpers import case, consent, participant

pytestmark = pytest.mark.django_db


def detail(p):
    return reverse("privacy:partner_participant_detail", kwargs={"participant_pk": p.pk})


def reads(p, part="partner-minimal"):
    return AuditEntry.objects.filter(action=AuditAction.READ, object_id=str(p.pk), part=part)


def test_no_consent_answers_404(cast, login):
    p = participant(cast.kis_waw)
    case(cast, p)
    assert login(cast.partner).get(detail(p)).status_code == 404
    assert not reads(p).exists()


def test_participant_consent_only_answers_404(cast, login):
    c = consent(cast, helper=False)
    assert login(cast.partner).get(detail(c.participant)).status_code == 404


def test_both_consents_show_only_the_minimal_fields_and_audit(cast, login):
    p = participant(cast.kis_waw, pesel="", phone="600100200", email="jan@example.org", health_conditions="cukrzyca")
    c = consent(cast, case(cast, p))
    response = login(cast.partner).get(detail(p))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jan Nowak" in html
    assert c.service in html
    for secret in ("600100200", "jan@example.org", "cukrzyca", "cudzoziemiec"):
        assert secret not in html
    entry = reads(p).get()
    assert entry.actor == cast.partner and entry.organisation == cast.kis_waw


def test_helper_consent_opens_and_withdrawal_closes_at_once(cast, login):
    c = consent(cast, helper=False)
    client = login(cast.partner)
    assert client.get(detail(c.participant)).status_code == 404
    do_record_helper_consent(c, actor=cast.case_manager)
    assert client.get(detail(c.participant)).status_code == 200
    do_withdraw_consent(c, "na prośbę uczestnika", actor=cast.case_manager)
    assert client.get(detail(c.participant)).status_code == 404


def test_expired_and_not_yet_valid_answer_404(cast, login):
    today = timezone.localdate()
    expired = consent(cast, valid_from=today - dt.timedelta(days=30), valid_until=today - dt.timedelta(days=1))
    future = consent(cast, valid_from=today + dt.timedelta(days=1))
    client = login(cast.partner)
    assert client.get(detail(expired.participant)).status_code == 404
    assert client.get(detail(future.participant)).status_code == 404


def test_consent_for_another_partner_does_not_open(cast, login):
    c = consent(cast, partner=cast.ops_waw)
    assert login(cast.partner).get(detail(c.participant)).status_code == 404


def test_anonymised_participant_is_not_shared(cast):
    c = consent(cast)
    c.participant.anonymised_at = timezone.now()
    c.participant.save()
    assert not partner_participants(cast.partner).exists()


@pytest.mark.parametrize("who", ["kis_manager", "case_manager", "analyst", "zenon", "nobody", "coordinator"])
def test_other_users_get_404_on_the_partner_page(cast, login, who):
    c = consent(cast)
    assert login(getattr(cast, who)).get(detail(c.participant)).status_code == 404


def test_anonymous_is_sent_to_sign_in(cast, client):
    c = consent(cast)
    assert client.get(detail(c.participant)).status_code == 302
    assert client.get(reverse("privacy:partner_participant_list")).status_code == 302


@pytest.mark.parametrize("who", ["kis_manager", "analyst", "zenon", "nobody"])
def test_partner_list_is_for_partners(cast, login, who):
    assert login(getattr(cast, who)).get(reverse("privacy:partner_participant_list")).status_code == 403


def test_partner_list_shows_live_consents_only_and_audits_each_row(cast, login):
    live = consent(cast)
    pending = consent(cast, case(cast, participant(cast.kis_waw, "Ewa", "Pending")), helper=False)
    response = login(cast.partner).get(reverse("privacy:partner_participant_list"))
    assert response.status_code == 200
    assert [row.pk for row in response.context["object_list"]] == [live.participant.pk]
    assert "Ewa" not in response.content.decode()
    assert reads(live.participant, "partner-list").count() == 1
    assert not reads(pending.participant, "partner-list").exists()


@pytest.mark.parametrize("rows", [1, 6])
def test_partner_list_query_count_is_fixed(cast, login, django_assert_num_queries, rows):
    for i in range(rows):
        consent(cast, case(cast, participant(cast.kis_waw, f"Osoba{i}", "Test")))
    client = login(cast.partner)
    client.get(reverse("privacy:partner_participant_list"))  # warm caches (content types, sessions)
    with django_assert_num_queries(8):  # … with one query for the consents' scope (privacy.partner)
        response = client.get(reverse("privacy:partner_participant_list"))
    assert len(response.context["object_list"]) == rows
