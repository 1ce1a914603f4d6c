"""The officers' pages: scoped list with filters and export, entry page, and the forms."""

import pytest
from django.urls import reverse

from ksr.registers.choices import EntryStatus, StrikeOffReason
from ksr.registers.models import RegisterEntry
from ksr.testing import response_bytes

from .conftest import days_ago

pytestmark = pytest.mark.django_db
LIST = reverse("registers:entry_list")


def test_the_list_is_scoped_and_flags_overdue_notifications(cast, make_entry, login):
    make_entry(cast.kis_waw, notified=35)
    make_entry(cast.kis_krk, notified=35)
    response = login(cast.officer).get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "KIS Warszawa" in html and "KIS Kraków" not in html
    assert "badge-danger" in html  # overdue by 5 days
    assert 'id="results"' in html


def test_the_list_filters(cast, make_entry, login):
    late = make_entry(cast.kis_waw, notified=35)
    make_entry(name="Klub Integracji Mokotów", notified=3)
    make_entry(name="Klub Integracji Wola", notified=3, entered=1)
    client = login(cast.officer)
    html = client.get(LIST, {"overdue": "true"}).content.decode()
    assert late.organisation.name in html and "Mokotów" not in html and "Wola" not in html
    html = client.get(LIST, {"q": "wola"}).content.decode()
    assert "Wola" in html and "Mokotów" not in html
    html = client.get(LIST, {"status": "entered"}).content.decode()
    assert "Wola" in html and "Mokotów" not in html
    html = client.get(LIST, {"q": "nothing-like-this"}).content.decode()
    assert 'class="empty"' in html


def test_the_list_answers_htmx_with_the_results_only(cast, make_entry, login):
    make_entry(cast.kis_waw)
    html = login(cast.officer).get(LIST, HTTP_HX_REQUEST="true").content.decode()
    assert html.lstrip().startswith('<div id="results">') and "<html" not in html


def test_list_query_count_does_not_grow_with_rows(cast, make_entry, login, django_assert_num_queries):
    make_entry(notified=40)
    client = login(cast.officer)
    client.get(LIST)  # warm the session
    with django_assert_num_queries(7) as few:
        client.get(LIST)
    for i in range(6):
        make_entry(notified=10 + i, entered=(2 if i % 2 else None))
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(LIST)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_of_the_filtered_list(cast, make_entry, login, fmt):
    make_entry(cast.kis_waw, notified=35, internal_notes="tajne")
    make_entry(cast.kis_krk)
    response = login(cast.officer).get(LIST, {"format": fmt})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{fmt}"')
    if fmt == "csv":
        text = response_bytes(response).decode("utf-8-sig")
        assert "KIS Warszawa" in text and "KIS Kraków" not in text and "tajne" not in text


def test_anonymous_is_sent_to_login(client):
    assert client.get(LIST).status_code == 302


def test_nobody_sees_an_empty_list(cast, make_entry, login):
    make_entry(cast.kis_waw)
    html = login(cast.nobody).get(LIST).content.decode()
    assert "KIS Warszawa" not in html


def test_detail_shows_overdue_days_and_internal_notes_to_keepers(cast, make_entry, login):
    entry = make_entry(cast.kis_waw, notified=33, internal_notes="Brak załącznika nr 2")
    html = login(cast.officer).get(reverse("registers:entry_detail", args=[entry.pk])).content.decode()
    assert "Brak załącznika nr 2" in html
    assert "3" in html and "message-warning" in html
    assert reverse("registers:entry_enter", args=[entry.pk]) in html


def test_detail_hides_internal_notes_from_readers_who_do_not_keep_the_register(cast, make_entry, login):
    entry = make_entry(cast.kis_waw, internal_notes="Brak załącznika nr 2")
    response = login(cast.analyst).get(reverse("registers:entry_detail", args=[entry.pk]))
    assert response.status_code == 200
    assert "Brak załącznika" not in response.content.decode()
    assert reverse("registers:entry_enter", args=[entry.pk]) not in response.content.decode()


def test_a_krakow_entry_is_404_for_the_warsaw_officer(cast, make_entry, login):
    entry = make_entry(cast.kis_krk)
    client = login(cast.officer)
    for name in ("entry_detail", "entry_enter", "entry_strike_off", "entry_update"):
        assert client.get(reverse(f"registers:{name}", args=[entry.pk])).status_code == 404


def test_officer_records_a_notification(cast, login):
    response = login(cast.officer).post(
        reverse("registers:entry_create"),
        {
            "entity_kind": "kis",
            "organisation": cast.kis_waw.pk,
            "founding_body": cast.ops_waw.pk,
            "creation_mode": "within_ops",
            "notification_date": days_ago(2).isoformat(),
        },
    )
    entry = RegisterEntry.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("registers:entry_detail", args=[entry.pk])
    assert entry.status == EntryStatus.NOTIFIED and entry.created_by == cast.officer


def test_notification_form_shows_service_errors(cast, login):
    response = login(cast.officer).post(
        reverse("registers:entry_create"),
        {
            "entity_kind": "cis",  # but KIS Warszawa is a KIS
            "organisation": cast.kis_waw.pk,
            "founding_body": cast.ops_waw.pk,
            "creation_mode": "within_ops",
            "notification_date": days_ago(2).isoformat(),
        },
    )
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
    assert not RegisterEntry.objects.exists()


def test_officer_of_mazowieckie_enters_a_warsaw_entry(cast, make_entry, login):
    entry = make_entry(cast.kis_waw, notified=10)
    client = login(cast.officer)
    url = reverse("registers:entry_enter", args=[entry.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"entry_date": days_ago(1).isoformat(), "register_number": ""})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == EntryStatus.ENTERED and entry.register_number.startswith("KIS/14/")


@pytest.mark.parametrize("who", ["zenon", "analyst", "kis_manager"])
def test_others_cannot_use_the_officer_forms(cast, make_entry, login, who):
    entry = make_entry(cast.kis_waw, notified=10)
    client = login(getattr(cast, who))
    assert client.get(reverse("registers:entry_create")).status_code == 403
    for name in ("entry_enter", "entry_strike_off", "entry_update"):
        url = reverse(f"registers:{name}", args=[entry.pk])
        assert client.post(url, {"entry_date": days_ago(1).isoformat()}).status_code == 403
    entry.refresh_from_db()
    assert entry.status == EntryStatus.NOTIFIED


def test_strike_off_form(cast, make_entry, login):
    entry = make_entry(cast.kis_waw, notified=30, entered=20)
    client = login(cast.officer)
    url = reverse("registers:entry_strike_off", args=[entry.pk])
    response = client.post(url, {"date": days_ago(1).isoformat(), "reason": "", "note": ""})
    assert response.status_code == 400 and "errorlist" in response.content.decode()
    response = client.post(url, {"date": days_ago(1).isoformat(), "reason": StrikeOffReason.OPERATOR_NOTICE})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == EntryStatus.STRUCK_OFF


def test_a_disallowed_transition_page_redirects_with_the_reason(cast, make_entry, login):
    entry = make_entry(cast.kis_waw, notified=30, entered=20)
    client = login(cast.officer)
    response = client.get(reverse("registers:entry_enter", args=[entry.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("registers:entry_detail", args=[entry.pk])
    assert "message-error" in response.content.decode()


def test_update_form_corrects_an_entry(cast, make_entry, login):
    entry = make_entry(cast.kis_waw, notified=30, entered=20)
    client = login(cast.officer)
    url = reverse("registers:entry_update", args=[entry.pk])
    assert client.get(url).status_code == 200
    data = {
        "founding_body": cast.ops_waw.pk,
        "creation_mode": "ngo",
        "founding_act_number": "Uchwała zarządu 1/2026",
        "founding_act_date": "",
        "notification_date": days_ago(30).isoformat(),
        "entry_date": days_ago(20).isoformat(),
        "register_number": entry.register_number,
        "internal_notes": "ok",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    entry.refresh_from_db()
    assert entry.creation_mode == "ngo" and entry.internal_notes == "ok"
