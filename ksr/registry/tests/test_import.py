from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry
from ksr.registry.models import Organisation
from ksr.registry.tabular import run_import
from ksr.testing import response_bytes

URL = reverse("registry:organisation_import")
HEADER = "Nazwa;Rodzaj;Kod TERYT siedziby;Sektory;NIP;REGON;KRS;Oferuje staże"


def _csv(*rows, header=HEADER, bom=True):
    text = "\n".join([header, *rows]) + "\n"
    return ("\ufeff" if bom else "") + text


GOOD = _csv(
    "Fundacja Nowa;Fundacja;1465011;Kultura i dziedzictwo narodowe, sport;;;0000123456;tak",
    "MOPS Warszawa;Ośrodek pomocy społecznej (OPS/MOPS/GOPS/MOPR);1465011;;5260250274;;;nie",
    "Zła;Fundacja;1465011;;1234567890;;;nie",
    "Krakowska;Fundacja;1261011;;;;;nie",
    "Bez rodzaju;jakiś;1465011;;;;;nie",
)


def _upload(client, text, name="organizacje.csv"):
    raw = text if isinstance(text, bytes) else text.encode("utf-8")
    return client.post(URL, {"file": SimpleUploadedFile(name, raw, content_type="text/csv")})


def test_dry_run_writes_nothing_and_reports_each_row(cast, login):
    cast.ops_waw.nip = "5260250274"
    cast.ops_waw.save()
    before = Organisation.objects.count()
    with translation.override("pl"):
        response = _upload(login(cast.analyst), GOOD)
    assert response.status_code == 200
    report = response.context["report"]
    assert [(r.line, r.action) for r in report.rows] == [
        (2, "create"),
        (3, "unchanged"),
        (4, "error"),
        (5, "error"),
        (6, "error"),
    ]
    assert report.rows[2].messages == ["NIP: NIP ma błędną cyfrę kontrolną; sprawdź numer."]
    assert report.rows[3].messages == ["Nie możesz rejestrować organizacji z siedzibą w tej gminie."]
    assert report.rows[4].messages == ["Rodzaj: nieznana wartość „jakiś”."]
    assert "Wiersz" in response.text and "zostanie utworzona" in response.text
    assert Organisation.objects.count() == before
    assert not AuditEntry.objects.exists()
    assert response.context["token"]


def test_confirm_imports_the_valid_rows_with_audit(cast, login):
    client = login(cast.analyst)
    response = _upload(client, GOOD)
    token = response.context["token"]
    response = client.post(URL, {"token": token})
    assert response.status_code == 200
    report = response.context["report"]
    assert report.dry_run is False and report.created == 2  # the MOPS row has a NIP nobody has yet
    org = Organisation.objects.get(name="Fundacja Nowa")
    assert org.krs == "0000123456" and org.offers_internships is True
    assert sorted(org.sectors.values_list("code", flat=True)) == ["culture", "sport"]
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_id=str(org.pk), actor=cast.analyst).exists()
    # The token is single-use.
    again = client.post(URL, {"token": token})
    assert again.status_code == 302
    assert Organisation.objects.filter(name="Fundacja Nowa").count() == 1


def test_wrong_token_imports_nothing(cast, login):
    client = login(cast.analyst)
    _upload(client, GOOD)
    response = client.post(URL, {"token": "forged"})
    assert response.status_code == 302
    assert not Organisation.objects.filter(name="Fundacja Nowa").exists()


def test_update_matched_by_regon(cast, login):
    cast.library_waw.regon = "000002217"
    cast.library_waw.save()
    report = run_import(
        _csv("Biblioteka Główna;Biblioteka;1465011;;;000002217;;tak", bom=False), actor=cast.analyst, dry_run=False
    )
    assert [r.action for r in report.rows] == ["update"]
    cast.library_waw.refresh_from_db()
    assert cast.library_waw.name == "Biblioteka Główna"
    entry = AuditEntry.objects.get(action=AuditAction.UPDATE, object_id=str(cast.library_waw.pk))
    assert entry.changes["name"] == ["Biblioteka Publiczna Warszawa", "Biblioteka Główna"]


def test_export_can_be_imported_back(cast, login):
    client = login(cast.admin)
    cast.kis_waw.nip = "5260250274"
    cast.kis_waw.save()
    exported = response_bytes(client.get(reverse("registry:organisation_list"), {"format": "csv", "kind": "kis"}))
    report = run_import(exported.decode("utf-8"), actor=cast.admin, dry_run=True)
    assert report.errors == []
    assert {r.name: r.action for r in report.rows} == {"KIS Warszawa": "unchanged", "KIS Kraków": "create"}


def test_file_level_errors(cast):
    assert run_import("", actor=cast.admin, dry_run=True).errors
    assert run_import("Nazwa;NIP\nA;1\n", actor=cast.admin, dry_run=True).errors
    assert run_import(HEADER + "\n", actor=cast.admin, dry_run=True).errors


def test_who_may_import(cast, login):
    for user in (cast.partner, cast.kis_manager, cast.officer, cast.national):
        assert login(user).get(URL).status_code == 403
    for user in (cast.admin, cast.analyst, cast.animator, cast.coordinator):
        assert login(user).get(URL).status_code == 200


def test_non_utf8_file_is_refused(cast, login):
    response = _upload(login(cast.analyst), _csv("Łódź;Fundacja;1465011", bom=False).encode("cp1250"))
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
    assert not Organisation.objects.filter(name="Łódź").exists()
