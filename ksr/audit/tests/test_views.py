import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry
from ksr.audit.services import record, record_update, snapshot
from ksr.testing import response_bytes

LIST = reverse("audit:entry_list")


@pytest.fixture
def entries(cast):
    """One entry about a Warsaw club, one about a Kraków club, one with no organisation."""
    waw = record(AuditAction.UPDATE, cast.kis_waw, actor=cast.kis_manager, changes={"name": ["KIS W", "KIS Warszawa"]})
    krk = record(AuditAction.UPDATE, cast.kis_krk, actor=cast.zenon, changes={"phone": ["", "12 345 67 89"]})
    login = record(AuditAction.LOGIN, cast.nobody, actor=cast.nobody)
    return {"waw": waw, "krk": krk, "login": login}


def _shown(response):
    return {e.pk for e in response.context["entries"]}


def test_admin_sees_everything(login, cast, entries):
    response = login(cast.admin).get(LIST)
    assert response.status_code == 200
    assert _shown(response) == {e.pk for e in entries.values()}


def test_kis_manager_sees_own_organisation_only(login, cast, entries):
    response = login(cast.kis_manager).get(LIST)
    assert response.status_code == 200
    assert _shown(response) == {entries["waw"].pk}


def test_zenon_sees_nothing_of_warsaw(login, cast, entries):
    response = login(cast.zenon).get(LIST)
    assert _shown(response) == {entries["krk"].pk}
    assert "KIS Warszawa" not in response.content.decode()


@pytest.mark.parametrize("who", ["analyst", "national", "case_manager", "officer", "nobody"])
def test_other_roles_are_refused(login, cast, entries, who):
    assert login(getattr(cast, who)).get(LIST).status_code == 403


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(LIST)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_list_page_markup(login, cast, entries):
    html = login(cast.admin).get(LIST).content.decode()
    assert html.count("<h1") == 1
    assert "<caption>" in html and 'scope="col"' in html and 'scope="row"' in html
    assert 'id="results"' in html


def test_htmx_gets_only_the_results(login, cast, entries):
    response = login(cast.admin).get(LIST, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'id="results"' in html and "<h1" not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"action": "login"}, {"login"}),
        ({"actor": "zenon"}, {"krk"}),
        ({"q": "Kraków"}, {"krk"}),
        ({"q": "nobody"}, {"login"}),
        ({"date_from": "2000-01-01", "date_to": "2999-12-31"}, {"waw", "krk", "login"}),
        ({"date_to": "2000-01-01"}, set()),
    ],
)
def test_filters(login, cast, entries, query, expected):
    response = login(cast.admin).get(LIST, query)
    assert _shown(response) == {entries[k].pk for k in expected}


def test_object_type_filter(login, cast, entries):
    from django.contrib.contenttypes.models import ContentType

    from ksr.registry.models import Organisation

    ct = ContentType.objects.get_for_model(Organisation)
    response = login(cast.admin).get(LIST, {"object_type": ct.pk})
    assert _shown(response) == {entries["waw"].pk, entries["krk"].pk}


def test_query_count_does_not_grow_with_rows(login, cast, entries, django_assert_num_queries):
    client = login(cast.admin)
    client.get(LIST)  # warm the content-type cache
    with django_assert_num_queries(6):
        client.get(LIST)
    for i in range(20):
        record(AuditAction.UPDATE, cast.kis_waw, actor=cast.admin, changes={"notes": [str(i), str(i + 1)]})
    with django_assert_num_queries(6):
        response = client.get(LIST)
    assert len(response.context["entries"]) == 23


def test_csv_export_is_scoped_and_audited(login, cast, entries):
    response = login(cast.kis_manager).get(LIST, {"format": "csv"})
    assert response.status_code == 200
    text = response_bytes(response).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 2
    assert "KIS Warszawa" in rows[1]
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, actor=cast.kis_manager).exists()


def test_xlsx_export(login, cast, entries):
    response = login(cast.admin).get(LIST, {"format": "xlsx", "action": "update"})
    sheet = load_workbook(io.BytesIO(response_bytes(response))).active
    assert sheet.max_row == 3


def test_detail_shows_changes_as_a_table(login, cast):
    before = snapshot(cast.kis_waw)
    cast.kis_waw.phone = "22 111 22 33"
    cast.kis_waw.kind = "cis"
    cast.kis_waw.save()
    entry = record_update(cast.kis_waw, before, actor=cast.admin)
    response = login(cast.kis_manager).get(reverse("audit:entry_detail", kwargs={"pk": entry.pk}))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "<caption>" in html and 'scope="row"' in html
    assert "22 111 22 33" in html
    rows = {label: (old, new) for label, old, new in entry.change_rows()}
    assert any("CIS" in str(new) for _old, new in rows.values())  # choices shown by their labels


def test_detail_of_another_organisation_is_404(login, cast, entries):
    url = reverse("audit:entry_detail", kwargs={"pk": entries["waw"].pk})
    assert login(cast.zenon).get(url).status_code == 404


def test_detail_is_403_for_other_roles(login, cast, entries):
    url = reverse("audit:entry_detail", kwargs={"pk": entries["waw"].pk})
    assert login(cast.analyst).get(url).status_code == 403


def test_the_part_read_is_shown_in_words_not_as_its_code(login, cast):
    from ksr.audit.services import record_read

    record_read(cast.kis_waw, actor=cast.kis_manager, part="coverage")
    record_read(cast.kis_waw, actor=cast.kis_manager, part="partner-minimal (API)")
    record_read(cast.kis_waw, actor=cast.kis_manager, part="card")
    body = login(cast.admin).get(LIST).content.decode()
    assert 'Odczytano <span class="muted">(pokrycie nowego profilu usług)</span>' in body
    assert "(minimalny widok uczestnika dla partnera (API))" in body
    assert "(karta usług doradczych)" in body
    assert "(coverage)" not in body and "partner-minimal" not in body and "(card)" not in body
