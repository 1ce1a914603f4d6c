import pytest

from ksr.audit.models import AuditEntry
from ksr.cases import services
from ksr.cases.choices import ReferralSource
from ksr.cases.tests.helpers import open_case, pesel_for, referral_from_ops

pytestmark = pytest.mark.django_db
BASE = "/api/v1/cases/"


def test_participants_are_scoped_and_reads_audited(cast, login):
    case = open_case(cast)
    client = login(cast.specialist)
    data = client.get(BASE + "participants/").json()
    assert [row["id"] for row in data["results"]] == [case.participant.pk]
    assert client.get(f"{BASE}participants/{case.participant.pk}/").status_code == 200
    assert AuditEntry.objects.filter(action="read", actor=cast.specialist, part="profile (API)").exists()


@pytest.mark.parametrize("who", ["ops_worker", "coordinator", "analyst", "national", "zenon", "nobody"])
def test_outsiders_get_nothing(cast, login, who):
    case = open_case(cast)
    client = login(getattr(cast, who))
    assert client.get(BASE + "participants/").json()["count"] == 0
    assert client.get(f"{BASE}participants/{case.participant.pk}/").status_code == 404
    assert client.get(f"{BASE}cases/{case.pk}/").status_code == 404


def test_anonymous_is_refused(client):
    assert client.get(BASE + "participants/").status_code in (401, 403)


def test_create_participant_through_the_service(cast, login):
    client = login(cast.case_manager)
    response = client.post(
        BASE + "participants/",
        {"organisation": cast.kis_waw.pk, "first_name": "Ala", "last_name": "Nowa", "pesel": pesel_for(3)},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["birth_date"] == "1980-01-01"
    again = client.post(
        BASE + "participants/",
        {"organisation": cast.kis_waw.pk, "first_name": "Ala", "last_name": "Nowa", "pesel": pesel_for(3)},
        content_type="application/json",
    )
    assert again.status_code == 400 and "pesel" in again.json()


def test_sender_sees_only_status_and_reason(cast, login):
    referral = referral_from_ops(cast)
    client = login(cast.ops_worker)
    data = client.get(f"{BASE}referrals/{referral.pk}/").json()
    assert data["status"] == "sent"
    assert "first_name" not in data and "pesel" not in data and "participant" not in data
    assert client.post(f"{BASE}referrals/{referral.pk}/review/", {}, content_type="application/json").status_code == 404


def test_holder_decides_through_the_api(cast, login):
    referral = services.do_send_referral(
        {
            "organisation": cast.kis_waw,
            "source": ReferralSource.OPS,
            "sender_organisation": cast.ops_waw,
            "first_name": "Marek",
            "last_name": "Wolny",
        },
        actor=cast.ops_worker,
    )
    client = login(cast.kis_manager)
    assert client.post(f"{BASE}referrals/{referral.pk}/review/", {}, content_type="application/json").status_code == 200
    response = client.post(
        f"{BASE}referrals/{referral.pk}/refuse/",
        {"refusal_reason": "no_places", "qualification_team": "Zespół OPS–KIS"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["status"] == "refused"
    assert client.get(f"{BASE}referrals/{referral.pk}/").json()["first_name"] == "Marek"
