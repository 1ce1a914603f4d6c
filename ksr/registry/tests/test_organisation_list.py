import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry
from ksr.registry.choices import OrganisationKind
from ksr.registry.models import Sector
from ksr.testing import OrganisationFactory, response_bytes, unit

URL = reverse("registry:organisation_list")


def _make(n):
    culture = Sector.objects.get(code="culture")
    for i in range(n):
        org = OrganisationFactory(name=f"Dom Kultury {i}", kind=OrganisationKind.CULTURE_INSTITUTION)
        org.sectors.add(culture)
        org.area.add(unit("1465011"))


def _count_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL).status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_the_list(cast, login, django_assert_num_queries):
    client = login(cast.analyst)
    _make(5)
    client.get(URL)  # warm up (session, content types)
    few = _count_queries(client)
    _make(15)
    with django_assert_num_queries(few):
        response = client.get(URL)
    assert response.context["paginator"].count == 5 + 15 + 6  # + the Warsaw organisations of the cast


def test_list_is_scoped(cast, login):
    response = login(cast.zenon).get(URL)
    assert [o.name for o in response.context["object_list"]] == ["KIS Kraków"]


def test_filters(cast, login):
    client = login(cast.admin)
    cast.library_waw.sectors.add(Sector.objects.get(code="culture"))

    def names(**params):
        return {o.name for o in client.get(URL, params).context["object_list"]}

    assert names(kind=["kis"]) == {"KIS Warszawa", "KIS Kraków"}
    assert names(kind=["kis", "ops"]) == {"KIS Warszawa", "KIS Kraków", "MOPS Warszawa"}
    assert names(stakeholder_type="C") == {"Biblioteka Publiczna Warszawa"}
    assert names(sector="culture") == {"Biblioteka Publiczna Warszawa"}
    assert names(voivodeship="12") == {"KIS Kraków"}
    assert names(powiat="1261") == {"KIS Kraków"}
    assert names(gmina="1261011") == {"KIS Kraków"}
    assert names(operating_level="regional") == {"ROPS Mazowsze"}
    assert names(q="krakow") == {"KIS Kraków"}  # diacritics do not matter
    assert names(q="MAZOWIECKI urząd") == {"Mazowiecki Urząd Wojewódzki"}
    cast.kis_krk.nip = "5260250274"
    cast.kis_krk.save()
    assert names(q="526025") == {"KIS Kraków"}
    cast.ops_waw.is_active = False
    cast.ops_waw.save()
    assert names(active="false") == {"MOPS Warszawa"}
    assert "MOPS Warszawa" not in names(active="true")


def test_invalid_filter_gives_an_empty_list(cast, login):
    response = login(cast.admin).get(URL, {"voivodeship": "99"})
    assert list(response.context["object_list"]) == []


def test_htmx_request_renders_only_the_results(cast, login):
    response = login(cast.admin).get(URL, HTTP_HX_REQUEST="true")
    assert response.text.lstrip().startswith('<div id="results">')
    assert "<h1>" not in response.text


def test_empty_state(cast, login):
    response = login(cast.admin).get(URL, {"q": "nie ma takiej"})
    assert 'class="empty"' in response.text


def test_csv_export_reads_back(cast, login):
    cast.kis_waw.nip = "5260250274"
    cast.kis_waw.save()
    cast.kis_waw.sectors.add(Sector.objects.get(code="social_assistance"))
    response = login(cast.analyst).get(URL, {"format": "csv", "kind": "kis"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response_bytes(response).decode("utf-8-sig")), delimiter=";"))
    header, data = rows[0], rows[1:]
    assert len(data) == 1
    row = dict(zip(header, data[0], strict=True))
    assert row["Nazwa"] == "KIS Warszawa"
    assert row["Typ interesariusza"] == "A"
    assert row["Kod TERYT siedziby"] == "1465011"
    assert row["NIP"] == "5260250274"
    assert row["Województwo"] == "MAZOWIECKIE"
    assert row["Sektory"] == "Pomoc społeczna"
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_xlsx_export_reads_back(cast, login):
    response = login(cast.admin).get(URL, {"format": "xlsx", "voivodeship": "12"})
    sheet = load_workbook(io.BytesIO(response_bytes(response))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Nazwa"
    assert [r[0] for r in rows[1:]] == ["KIS Kraków"]
