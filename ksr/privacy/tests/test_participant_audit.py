import pytest
from django.urls import reverse

from ksr.audit.services import record_read
from ksr.privacy.tests.helpers import case, consent, participant
from ksr.testing import response_bytes

pytestmark = pytest.mark.django_db


def url(p):
    return reverse("privacy:participant_audit", kwargs={"participant_pk": p.pk})


def test_anonymous_is_sent_to_sign_in(cast, client):
    assert client.get(url(participant(cast.kis_waw))).status_code == 302


@pytest.mark.parametrize("who", ["case_manager", "specialist", "partner", "analyst", "national", "zenon", "nobody"])
def test_only_the_holder_manager_and_admins(cast, login, who):
    assert login(getattr(cast, who)).get(url(participant(cast.kis_waw))).status_code == 404


@pytest.mark.parametrize("who", ["kis_manager", "admin"])
def test_reads_of_the_participant_and_its_objects_are_listed(cast, login, who):
    c = consent(cast)
    other = participant(cast.kis_waw, "Inna", "Osoba")
    record_read(c.participant, actor=cast.specialist, part="profile")
    record_read(c.case, actor=cast.case_manager, part="case")
    record_read(c, actor=cast.partner, part="partner-minimal")
    record_read(other, actor=cast.specialist, part="profile")
    response = login(getattr(cast, who)).get(url(c.participant))
    assert response.status_code == 200
    parts = sorted(e.part for e in response.context["object_list"])
    assert parts == ["case", "partner-minimal", "profile"]
    html = response.content.decode()
    assert cast.partner.username in html


@pytest.mark.parametrize("rows", [1, 8])
def test_query_count_is_fixed(cast, login, django_assert_num_queries, rows):
    c = case(cast)
    for _ in range(rows):
        record_read(c.participant, actor=cast.specialist, part="profile")
    client = login(cast.kis_manager)
    client.get(url(c.participant))
    with django_assert_num_queries(11):
        client.get(url(c.participant))


def test_csv_export_of_the_reads(cast, login):
    c = case(cast)
    record_read(c.participant, actor=cast.specialist, part="profile")
    response = login(cast.kis_manager).get(url(c.participant) + "?format=csv")
    assert response.status_code == 200
    assert "profil" in response_bytes(response).decode("utf-8-sig")  # the part read, in words
