"""The case lifecycle and follow-up write endpoints of ``/api/v1/cases/``."""

import datetime as dt

import pytest
from django.utils import timezone

from ksr.audit.models import AuditEntry
from ksr.cases import services
from ksr.cases.choices import CaseStatus, FollowUpOutcome, ReferralSource
from ksr.cases.models import Case, FollowUp, Referral, add_months
from ksr.cases.tests.helpers import cis, fake_ipzs, open_case, pesel_for

pytestmark = pytest.mark.django_db
BASE = "/api/v1/cases/"


def _post(client, path, data):
    return client.post(BASE + path, data, content_type="application/json")


def _referral(cast):
    return services.do_send_referral(
        {
            "organisation": cast.kis_waw,
            "source": ReferralSource.OPS,
            "sender_organisation": cast.ops_waw,
            "first_name": "Marek",
            "last_name": "Wolny",
            "pesel": pesel_for(7),
        },
        actor=cast.ops_worker,
    )


def test_accept_with_a_case_manager_sets_manager_and_helper(cast, login):
    referral = _referral(cast)
    services.do_start_review(referral, actor=cast.kis_manager)
    response = _post(
        login(cast.kis_manager),
        f"referrals/{referral.pk}/accept/",
        {"case_manager": cast.case_manager.pk, "qualification_team": "Zespół"},
    )
    assert response.status_code == 200, response.content
    case = Case.objects.get(pk=response.json()["case"])
    assert case.case_manager == cast.case_manager and case.responsible_helper == cast.case_manager


def test_accept_refuses_a_case_manager_from_elsewhere_and_writes_nothing(cast, login):
    referral = _referral(cast)
    services.do_start_review(referral, actor=cast.kis_manager)
    response = _post(
        login(cast.kis_manager),
        f"referrals/{referral.pk}/accept/",
        {"case_manager": cast.zenon.pk, "qualification_team": "Zespół"},
    )
    assert response.status_code == 400 and "case_manager" in response.json()
    referral.refresh_from_db()
    assert referral.status == "under_review" and not Case.objects.exists()


def test_assign_start_exit_and_follow_up(cast, login):
    case = open_case(cast)
    client = login(cast.kis_manager)
    today = timezone.localdate()
    response = _post(client, f"cases/{case.pk}/assign/", {"case_manager": cast.kis_manager.pk})
    assert response.status_code == 200 and response.json()["case_manager"] == cast.kis_manager.pk
    response = _post(client, f"cases/{case.pk}/start/", {"admitted_on": (today - dt.timedelta(days=300)).isoformat()})
    assert response.status_code == 200 and response.json()["status"] == "active"
    response = _post(client, f"cases/{case.pk}/exit/", {"exit_reason": "nonsense"})
    assert response.status_code == 400 and "exit_reason" in response.json()
    response = _post(
        client,
        f"cases/{case.pk}/exit/",
        {"exit_reason": "completed", "exited_on": (today + dt.timedelta(days=1)).isoformat()},
    )
    assert response.status_code == 400 and "exited_on" in response.json()
    exited_on = add_months(today, -6)
    response = _post(client, f"cases/{case.pk}/exit/", {"exit_reason": "completed", "exited_on": exited_on.isoformat()})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "exited"
    follow_up = FollowUp.objects.get(case=case)
    assert follow_up.due_on == add_months(exited_on, 6)
    response = _post(
        client, f"follow-ups/{follow_up.pk}/record/", {"done_on": (exited_on - dt.timedelta(days=1)).isoformat()}
    )
    assert response.status_code == 400 and "done_on" in response.json()
    response = _post(
        client,
        f"follow-ups/{follow_up.pk}/record/",
        {"done_on": today.isoformat(), "findings": "Pracuje.", "outcome": FollowUpOutcome.values[0]},
    )
    assert response.status_code == 200, response.content
    assert response.json()["done_on"] == today.isoformat() and response.json()["findings"] == "Pracuje."
    assert AuditEntry.objects.filter(action="update", object_id=str(follow_up.pk)).exists()


def test_graduate_needs_six_months(cast, login):
    case = open_case(cast)
    client = login(cast.kis_manager)
    today = timezone.localdate()
    _post(client, f"cases/{case.pk}/start/", {"admitted_on": (today - dt.timedelta(days=10)).isoformat()})
    response = _post(client, f"cases/{case.pk}/graduate/", {})
    assert response.status_code == 400 and "graduated_at" in response.json()
    case.refresh_from_db()
    assert case.graduated_at is None


def test_transfer_exits_and_sends_a_referral_to_the_cis(cast, login):
    case = open_case(cast)
    target = cis(cast)
    client = login(cast.kis_manager)
    _post(client, f"cases/{case.pk}/start/", {})
    response = _post(client, f"cases/{case.pk}/transfer/", {"cis": target.pk, "note": "Potrzebuje CIS."})
    assert response.status_code == 201, response.content
    assert response.json()["organisation"] == target.pk and "first_name" not in response.json()
    case.refresh_from_db()
    assert case.status == "exited" and Referral.objects.filter(organisation=target, from_case=case).exists()


def test_ops_agreement_and_cis_admission(cast, login, monkeypatch):
    target = cis(cast)
    from ksr.testing import member

    manager = member("kier_cis", target, "entity_manager")
    participant = services.do_create_participant(
        target, {"first_name": "Ewa", "last_name": "Nowa", "pesel": pesel_for(9)}, actor=manager
    )
    case = services.do_open_case(participant, actor=manager)
    client = login(manager)
    fake_ipzs(monkeypatch, signed=True)
    response = _post(client, f"cases/{case.pk}/admit-to-cis/", {})
    assert response.status_code == 400  # no OPS agreement yet
    response = _post(
        client,
        f"cases/{case.pk}/ops-agreement/",
        {"ops_agreement_organisation": cast.ops_waw.pk, "ops_agreement_date": timezone.localdate().isoformat()},
    )
    assert response.status_code == 200, response.content
    response = _post(client, f"cases/{case.pk}/admit-to-cis/", {})
    assert response.status_code == 200 and response.json()["status"] == "active"


@pytest.mark.parametrize(
    "path", ["assign/", "start/", "exit/", "graduate/", "transfer/", "ops-agreement/", "admit-to-cis/"]
)
def test_lifecycle_actions_answer_404_out_of_scope_and_403_to_readers(cast, login, path):
    case = open_case(cast)
    for who in ("zenon", "ops_worker", "nobody"):
        assert _post(login(getattr(cast, who)), f"cases/{case.pk}/{path}", {}).status_code == 404
    # A valid body for each action, so that only the role decides the answer.
    bodies = {
        "assign/": {"case_manager": cast.case_manager.pk},
        "exit/": {"exit_reason": "completed"},
        "transfer/": {"cis": cis(cast).pk},
        "ops-agreement/": {"ops_agreement_organisation": cast.ops_waw.pk, "ops_agreement_date": "2026-01-01"},
    }
    assert _post(login(cast.specialist), f"cases/{case.pk}/{path}", bodies.get(path, {})).status_code == 403
    case.refresh_from_db()
    assert case.status == CaseStatus.QUALIFIED


def test_anonymous_cannot_act(client, cast):
    case = open_case(cast)
    assert _post(client, f"cases/{case.pk}/start/", {}).status_code in (401, 403)
