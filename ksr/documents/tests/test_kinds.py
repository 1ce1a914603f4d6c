"""Every kind of document, generated for a record of the cast's KIS: the PDF and the ODT read
back carry the identifier and the record's contents; another organisation gets 404; the read is
audited; printing again keeps the identifier."""

import re

import pytest
from django.urls import reverse

from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry
from ksr.documents.models import IssuedDocument
from ksr.documents.tests import helpers as h
from ksr.plans.choices import ContractKind

pytestmark = pytest.mark.django_db

# code, who prints it, the record, what the text must hold
KINDS = [
    (
        "KONTRAKT",
        "case_manager",
        lambda c: h.contract(c, ContractKind.SOCIAL_CONTRACT),
        ["Kontrakt socjalny", "Jan Nowak", "Udział w zajęciach"],
    ),
    (
        "POROZUMIENIE",
        "case_manager",
        lambda c: h.contract(c, ContractKind.INTERNAL_AGREEMENT),
        ["Umowa wewnętrzna", "Udział w zajęciach"],
    ),
    ("IPZS", "case_manager", lambda c: h.contract(c, ContractKind.IPZS), ["Indywidualny program", "Jan Nowak"]),
    ("IPD", "case_manager", h.plan, ["Indywidualny plan działania", "Podjęcie pracy", "Kurs spawania"]),
    ("KARTA", "case_manager", h.card, ["Karta usług doradczych", "Wsparcie w kontaktach", "Opinia psychologa X"]),
    ("LISTA", "specialist", h.activity, ["Lista obecności", "Trening umiejętności", "Nowak Jan", "Podpis"]),
    ("ZASWIADCZENIE", "kis_manager", h.certificate, ["CERT-77/2026", "Jan Nowak"]),
    ("ZGODA", "case_manager", h.participant_consent, ["Biblioteka Publiczna Warszawa", "Warsztaty czytelnicze"]),
    ("KLAUZULA", "case_manager", lambda c: h.make_case(c).participant, ["RODO art. 13", "KIS Warszawa", "art. 77"]),
    ("WIZERUNEK", "case_manager", lambda c: h.make_case(c).participant, ["wizerunku", "Jan Nowak"]),
    ("SKIEROWANIE", "kis_manager", h.referral, ["Skierowanie", "MOPS Warszawa", "Długotrwale bezrobotny"]),
    ("WPIS", "officer", h.register_entry, ["Zaświadczenie", "KIS Warszawa", "Uchwała nr XII/34/2026"]),
    ("PROTOKOL", "coordinator", h.meeting, ["Protokół", "Posiedzenie forum", "Sprawozdanie z działań"]),
    ("KOPIA", "case_manager", lambda c: h.make_case(c).participant, ["Kopia danych", "Dane osobowe uczestnika", "Jan"]),
]
IDS = [k[0] for k in KINDS]


def url(code, record, fmt):
    return reverse("documents:download", kwargs={"code": code, "pk": record.pk, "fmt": fmt})


def flat(text):
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize(("code", "who", "make", "expected"), KINDS, ids=IDS)
def test_pdf_and_odt_carry_the_identifier_and_the_contents(cast, login, code, who, make, expected):
    record = make(cast)
    client = login(getattr(cast, who))
    pdf = client.get(url(code, record, "pdf"))
    assert pdf.status_code == 200, pdf.content[:300]
    assert pdf["Content-Type"] == "application/pdf"
    issued = IssuedDocument.objects.get(kind=code, object_id=record.pk)
    assert re.fullmatch(rf"[A-Z0-9-]+/\d{{4}}/{code}/0001", issued.identifier)
    assert issued.identifier.replace("/", "_") in pdf["Content-Disposition"]
    odt = client.get(url(code, record, "odt"))
    assert odt.status_code == 200
    assert odt["Content-Type"] == "application/vnd.oasis.opendocument.text"
    for text in (flat(h.pdf_text(pdf.content)), flat(h.odt_text(odt.content))):
        assert issued.identifier in text
        for piece in expected:
            assert piece in text, (piece, text[:2000])
    # printed twice, the document keeps its identifier
    assert IssuedDocument.objects.filter(kind=code, object_id=record.pk).count() == 1


@pytest.mark.parametrize(("code", "who", "make", "expected"), KINDS, ids=IDS)
def test_another_organisation_gets_404(cast, login, code, who, make, expected):
    record = make(cast)
    assert login(cast.zenon).get(url(code, record, "pdf")).status_code == 404
    assert not IssuedDocument.objects.exists()


def test_anonymous_is_sent_to_sign_in(cast, client):
    record = h.plan(cast)
    assert client.get(url("IPD", record, "pdf")).status_code == 302


def test_unknown_kind_or_format_is_404(cast, login):
    record = h.plan(cast)
    client = login(cast.case_manager)
    assert client.get(url("NIEMA", record, "pdf")).status_code == 404
    assert client.get(url("IPD", record, "docx")).status_code == 404
    # a contract of another kind is not printed as this kind
    social = h.contract(cast, ContractKind.SOCIAL_CONTRACT)
    assert client.get(url("IPZS", social, "pdf")).status_code == 404


def test_the_read_of_participant_data_is_audited(cast, login):
    record = h.plan(cast)
    login(cast.case_manager).get(url("IPD", record, "pdf"))
    read = AuditEntry.objects.get(action=AuditAction.READ, actor=cast.case_manager)
    assert read.object_id == str(record.case.pk) and read.part == "document IPD"
    created = AuditEntry.objects.get(action=AuditAction.CREATE, object_repr__contains="/IPD/0001")
    assert created.actor == cast.case_manager


def test_the_card_hides_special_categories_from_the_manager(cast, login):
    case = h.card(cast)
    text = h.pdf_text(login(cast.kis_manager).get(url("KARTA", case, "pdf")).content)
    assert "Wsparcie w kontaktach" in text and "Opinia psychologa X" not in text


def test_the_copy_of_the_data_is_made_by_those_who_read_special_categories(cast, login):
    participant = h.make_case(cast).participant
    assert login(cast.kis_manager).get(url("KOPIA", participant, "pdf")).status_code == 404


def test_the_sequence_counts_per_organisation_year_and_kind(cast, login):
    client = login(cast.case_manager)
    first, second = h.plan(cast), h.plan(cast)
    client.get(url("IPD", first, "pdf"))
    client.get(url("IPD", second, "odt"))
    client.get(url("IPD", first, "odt"))
    numbers = sorted(IssuedDocument.objects.filter(kind="IPD").values_list("sequence", flat=True))
    assert numbers == [1, 2]
    contract = h.contract(cast, ContractKind.SOCIAL_CONTRACT)
    client.get(url("KONTRAKT", contract, "pdf"))
    assert IssuedDocument.objects.get(kind="KONTRAKT").sequence == 1
