"""The issued document's page: the signed copy (a PDF or an image, checked by what it is) is
attached and the record shows it is on file; the organisation's document settings (the manager's,
within limits) appear on the documents."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_finished
from django.db import close_old_connections
from django.template import Context, Template
from django.urls import reverse
from PIL import Image

from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry
from ksr.documents import services
from ksr.documents.models import DocumentSettings, IssuedDocument
from ksr.documents.registry import document_kind
from ksr.documents.tests import helpers as h

pytestmark = pytest.mark.django_db


def png(size=(40, 20)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def issued_plan(cast):
    record = h.plan(cast)
    issued, _pdf = services.generate(document_kind("IPD"), record, "pdf", actor=cast.case_manager)
    return record, issued


def scan_pdf(cast) -> bytes:
    return services.generate(document_kind("IPD"), h.plan(cast), "pdf", actor=cast.case_manager)[1]


def test_a_signed_pdf_is_attached_and_shown_on_file(cast, login, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    record, issued = issued_plan(cast)
    client = login(cast.case_manager)
    page = reverse("documents:issued", kwargs={"pk": issued.pk})
    assert "Jeszcze go nie ma" in client.get(page).content.decode()
    scan = SimpleUploadedFile("skan.pdf", scan_pdf(cast), content_type="application/pdf")
    assert client.post(page, {"signed_copy": scan}).status_code == 302
    issued.refresh_from_db()
    assert issued.has_signed_copy and issued.signed_copy_at
    assert "W aktach" in client.get(page).content.decode()
    download = client.get(reverse("documents:signed_copy", kwargs={"pk": issued.pk}))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    # Close the file as a server would, without the end-of-request signal closing the test's
    # database connection (Django's test client does the same).
    request_finished.disconnect(close_old_connections)
    try:
        download.close()
    finally:
        request_finished.connect(close_old_connections)
    assert AuditEntry.objects.filter(action=AuditAction.UPDATE, object_repr=issued.identifier).exists()
    # the record's links say the signed copy is on file
    html = Template("{% load documents %}{% document_links record %}").render(Context({"record": record}))
    assert issued.identifier in html and "podpisany egzemplarz w aktach" in html


def test_an_image_scan_is_accepted(cast, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    _record, issued = issued_plan(cast)
    done = services.do_attach_signed_copy(
        issued, SimpleUploadedFile("skan.png", png(), content_type="image/png"), actor=cast.case_manager
    )
    assert done.signed_copy.name.endswith(".png")


@pytest.mark.parametrize(
    "content",
    [b"", b"%PDF-1.7 not really a pdf", b"plain text pretending"],
    ids=["empty", "fake-pdf", "text"],
)
def test_what_is_not_a_pdf_or_an_image_is_refused(cast, login, tmp_path, settings, content):
    settings.MEDIA_ROOT = tmp_path
    _record, issued = issued_plan(cast)
    page = reverse("documents:issued", kwargs={"pk": issued.pk})
    response = login(cast.case_manager).post(page, {"signed_copy": SimpleUploadedFile("skan.pdf", content)})
    assert response.status_code == 400
    assert "Dołącz podpisany egzemplarz jako dokument PDF" in response.content.decode() or not content
    issued.refresh_from_db()
    assert not issued.has_signed_copy


def test_a_scan_over_the_limit_is_refused(cast, tmp_path, settings, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    _record, issued = issued_plan(cast)
    limit = len(png())
    monkeypatch.setattr(services, "MAX_SCAN_BYTES", limit)
    services.do_attach_signed_copy(issued, SimpleUploadedFile("a.png", png()), actor=cast.case_manager)  # the limit
    other = issued_plan(cast)[1]
    with pytest.raises(services.ValidationError):
        services.do_attach_signed_copy(other, SimpleUploadedFile("b.png", png() + b"\0"), actor=cast.case_manager)


@pytest.mark.parametrize("who", ["zenon", "partner", "nobody"])
def test_another_organisation_does_not_reach_the_issued_document(cast, login, who):
    _record, issued = issued_plan(cast)
    client = login(getattr(cast, who))
    assert client.get(reverse("documents:issued", kwargs={"pk": issued.pk})).status_code == 404
    assert client.get(reverse("documents:signed_copy", kwargs={"pk": issued.pk})).status_code == 404


def settings_url(organisation):
    return reverse("documents:settings", kwargs={"organisation_pk": organisation.pk})


def test_the_manager_sets_the_header_logo_and_closing(cast, login, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    client = login(cast.kis_manager)
    response = client.post(
        settings_url(cast.kis_waw),
        {
            "code": "kis-waw",
            "header_name": "Klub Integracji Społecznej „Razem”",
            "header_address": "ul. Prosta 1, 00-001 Warszawa",
            "closing_formula": "Dziękujemy za wspólną pracę.",
            "logo": SimpleUploadedFile("logo.png", png(), content_type="image/png"),
        },
    )
    assert response.status_code == 302
    chosen = DocumentSettings.objects.get(organisation=cast.kis_waw)
    assert chosen.code == "KIS-WAW" and chosen.logo
    record = h.plan(cast)
    issued, pdf = services.generate(document_kind("IPD"), record, "pdf", actor=cast.case_manager)
    assert issued.identifier.startswith("KIS-WAW/")
    text = h.pdf_text(pdf)
    assert "Klub Integracji Społecznej „Razem”" in text and "Dziękujemy za wspólną pracę." in text
    odt = services.generate(document_kind("IPD"), record, "odt", actor=cast.case_manager)[1]
    assert "Dziękujemy za wspólną pracę." in h.odt_text(odt)


@pytest.mark.parametrize(
    ("field", "value"),
    [("code", "KIS WAW"), ("code", "A" * 17), ("header_name", "N" * 201), ("closing_formula", "z" * 301)],
)
def test_settings_beyond_the_limits_are_refused(cast, login, field, value):
    data = {"code": "", "header_name": "", "header_address": "", "closing_formula": "", field: value}
    response = login(cast.kis_manager).post(settings_url(cast.kis_waw), data)
    assert response.status_code == 400
    assert not DocumentSettings.objects.filter(organisation=cast.kis_waw).exists()


def test_the_limits_themselves_are_accepted(cast):
    chosen = services.do_update_document_settings(
        cast.kis_waw,
        {"code": "A" * 16, "header_name": "N" * 200, "header_address": "", "closing_formula": "z" * 300},
        actor=cast.kis_manager,
    )
    assert chosen.code == "A" * 16


def test_a_logo_that_is_not_an_image_or_too_large_is_refused(cast, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(services.ValidationError):
        services.do_update_document_settings(
            cast.kis_waw, {}, actor=cast.kis_manager, logo=SimpleUploadedFile("logo.png", b"not an image")
        )
    with pytest.raises(services.ValidationError):
        services.do_update_document_settings(
            cast.kis_waw, {}, actor=cast.kis_manager, logo=SimpleUploadedFile("logo.png", png((2001, 10)))
        )
    assert not DocumentSettings.objects.filter(organisation=cast.kis_waw).exists()


@pytest.mark.parametrize(("who", "status"), [("case_manager", 403), ("zenon", 404), ("kis_manager", 200)])
def test_only_the_organisations_manager_reaches_its_settings(cast, login, who, status):
    assert login(getattr(cast, who)).get(settings_url(cast.kis_waw)).status_code == status


def test_the_issued_document_is_one_per_record_and_kind(cast):
    record, issued = issued_plan(cast)
    again, _pdf = services.generate(document_kind("IPD"), record, "odt", actor=cast.kis_manager)
    assert again.pk == issued.pk and IssuedDocument.objects.count() == 1


def test_the_managers_home_shows_documents_awaiting_their_signed_copy(cast, login):
    issued_plan(cast)
    html = login(cast.kis_manager).get(reverse("core:home")).content.decode()
    assert "1 wydany dokument czeka na podpisany egzemplarz" in html
    assert settings_url(cast.kis_waw) in html
    assert settings_url(cast.kis_waw) not in login(cast.case_manager).get(reverse("core:home")).content.decode()
