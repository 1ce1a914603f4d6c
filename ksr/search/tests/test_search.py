import datetime as dt

from django.urls import reverse

from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry
from ksr.cases.tests.helpers import participant, pesel_for
from ksr.networks.models import Network
from ksr.procedures.models import ProcedureCard
from ksr.registers.models import RegisterEntry
from ksr.testing import unit


def _search(client, q):
    """The results below the search form (the form and the page title repeat the words)."""
    response = client.get(reverse("search:results"), {"q": q})
    assert response.status_code == 200
    return response.content.decode().split("<main", 1)[1].split("</form>", 1)[1]


def test_the_case_manager_finds_a_participant_by_name_and_by_pesel(cast, login):
    person = participant(cast, 3, first_name="Zofia", last_name="Żmudzka")
    client = login(cast.case_manager)
    text = _search(client, "Żmudzka")
    assert str(person) in text
    assert reverse("cases:participant_detail", args=[person.pk]) in text
    assert str(person) in _search(client, pesel_for(3)[:6])


def test_each_participant_shown_is_recorded_as_a_read(cast, login):
    person = participant(cast, 3, first_name="Zofia", last_name="Żmudzka")
    _search(login(cast.case_manager), "Żmudzka")
    reads = AuditEntry.objects.filter(action=AuditAction.READ, part="search")
    assert list(reads.values_list("object_id", flat=True)) == [str(person.pk)]
    assert "Żmudzka" not in reads.get().object_repr


def test_a_search_without_participants_records_no_read(cast, login):
    participant(cast, 3, first_name="Zofia", last_name="Żmudzka")
    _search(login(cast.case_manager), "Warszawa")
    assert not AuditEntry.objects.filter(action=AuditAction.READ, part="search").exists()


def test_participants_of_another_club_and_for_other_roles_stay_hidden(cast, login):
    person = participant(cast, 3, first_name="Zofia", last_name="Żmudzka")
    for user in (cast.zenon, cast.partner, cast.ops_worker, cast.analyst, cast.national):
        text = _search(login(user), "Żmudzka")
        assert reverse("cases:participant_detail", args=[person.pk]) not in text, user.username
        assert "Zofia" not in text, user.username
        assert "Nic nie znaleziono" in text


def test_organisations_networks_register_entries_and_procedures(cast, login):
    network = Network.objects.create(
        name="LSR Warszawa Praga", level="local", territory=unit("1465011"), main_node=cast.kis_waw
    )
    entry = RegisterEntry.objects.create(
        organisation=cast.kis_waw,
        entity_kind="kis",
        voivodeship=cast.kis_waw.seat.parent.parent,
        register_number="KIS/14/2026/077",
        founding_body=cast.ops_waw,
        creation_mode="within_ops",
        notification_date=dt.date(2026, 1, 5),
        entry_date=dt.date(2026, 1, 20),
        status="entered",
    )
    officer = login(cast.officer)
    text = _search(officer, "KIS/14/2026/077")
    assert reverse("registers:entry_detail", args=[entry.pk]) in text
    text = _search(officer, "Warszawa")
    assert reverse("registry:organisation_detail", args=[cast.kis_waw.pk]) in text
    assert reverse("networks:network_detail", args=[network.pk]) in _search(login(cast.coordinator), "Praga")
    card = ProcedureCard.objects.order_by("number").first() or ProcedureCard.objects.create(
        number=1, group="main_node", introducing_institution="KIS", name="Inicjacja LSR", name_en="LSR initiation"
    )
    assert f"#card-{card.number}" in _search(login(cast.coordinator), card.name[:12])


def test_a_register_entry_of_another_voivodeship_is_not_found(cast, login):
    RegisterEntry.objects.create(
        organisation=cast.kis_krk,
        entity_kind="kis",
        voivodeship=cast.kis_krk.seat.parent.parent,
        register_number="KIS/12/2026/005",
        founding_body=cast.kis_krk,
        creation_mode="within_ops",
        notification_date=dt.date(2026, 1, 5),
        status="notified",
    )
    text = _search(login(cast.officer), "KIS/12/2026/005")
    assert "Nic nie znaleziono" in text
    assert "KIS/12/2026/005" in text  # echoed in the sentence, and nowhere as a result
    assert reverse("registers:entry_list") not in text


def test_too_short_empty_and_anonymous(cast, login, client):
    assert client.get(reverse("search:results"), {"q": "KIS"}).status_code == 302
    signed_in = login(cast.case_manager)
    assert "co najmniej 2 znaki" in _search(signed_in, "K")
    page = _search(signed_in, "")
    assert "Nic nie znaleziono" not in page


def test_more_than_ten_hits_link_to_the_full_list(cast, login):
    for n in range(11):
        participant(cast, 10 + n, first_name="Adam", last_name=f"Nowakowski{n:02d}")
    text = _search(login(cast.case_manager), "Nowakowski")
    assert text.count("Nowakowski") >= 10
    assert reverse("cases:participant_list") + "?q=Nowakowski" in text


def test_the_query_count_does_not_grow_with_the_hits(cast, login, django_assert_max_num_queries):
    client = login(cast.case_manager)
    participant(cast, 10, first_name="Adam", last_name="Nowakowski")
    with django_assert_max_num_queries(40) as few:
        _search(client, "Nowakowski")
    for n in range(8):
        participant(cast, 11 + n, first_name="Adam", last_name=f"Nowakowski{n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        _search(client, "Nowakowski")
