"""Issuing documents (identifier under a row lock), attaching the signed copy, the settings (ADR 0018).

Every write is atomic and audited; bad input raises ``ValidationError`` and writes nothing.
"""

from __future__ import annotations

import io
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from ksr.audit.services import record_create, record_update, snapshot
from ksr.core.files import is_pdf
from ksr.core.types import AnyUser
from ksr.documents.blocks import Document, Letterhead
from ksr.documents.models import DocumentCounter, DocumentSettings, IssuedDocument, default_code
from ksr.documents.odt import render_odt
from ksr.documents.pdf import render_pdf
from ksr.documents.registry import DocumentKind

MAX_LOGO_BYTES = 512 * 1024
MAX_LOGO_PIXELS = 2000
MAX_SCAN_BYTES = 10 * 1024 * 1024
IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg"}
FORMATS = {
    "pdf": ("application/pdf", render_pdf),
    "odt": ("application/vnd.oasis.opendocument.text", render_odt),
}


def _user(actor: AnyUser) -> Any:
    """The acting user to store (``None`` for an anonymous one)."""
    return actor if getattr(actor, "is_authenticated", False) else None


def settings_of(organisation: Any) -> DocumentSettings:
    """The organisation's settings (unsaved defaults when the manager has not set any)."""
    found = DocumentSettings.objects.filter(organisation=organisation).first()
    return found or DocumentSettings(organisation=organisation)


def letterhead(organisation: Any) -> Letterhead:
    chosen = settings_of(organisation)
    address = ", ".join(
        part
        for part in (organisation.street, " ".join(p for p in (organisation.postal_code, organisation.city) if p))
        if part
    )
    logo = None
    if chosen.logo:
        with chosen.logo.open("rb") as handle:
            logo = handle.read()
    return Letterhead(
        name=chosen.header_name or organisation.name,
        address=chosen.header_address or address,
        logo=logo,
        closing=chosen.closing_formula,
    )


def organisation_code(organisation: Any) -> str:
    return settings_of(organisation).code or default_code(organisation)


@transaction.atomic
def do_issue_document(kind: DocumentKind, record: models.Model, title: str, *, actor: AnyUser) -> IssuedDocument:
    """The record's issued document of this kind: the one issued before, or a new one with the
    next sequence number of its organisation, year and kind (the counter row is locked meanwhile)."""
    content_type = ContentType.objects.get_for_model(record)
    organisation = kind.organisation(record)
    year = timezone.localdate().year
    counter, _created = DocumentCounter.objects.select_for_update().get_or_create(
        organisation=organisation, year=year, kind=kind.code
    )
    existing = IssuedDocument.objects.filter(content_type=content_type, object_id=record.pk, kind=kind.code).first()
    if existing is not None:
        return existing
    counter.last += 1
    counter.save(update_fields=["last"])
    identifier = f"{organisation_code(organisation)}/{year}/{kind.code}/{counter.last:04d}"
    issued = IssuedDocument(
        organisation=organisation,
        kind=kind.code,
        year=year,
        sequence=counter.last,
        identifier=identifier,
        title=title[:300],
        content_type=content_type,
        object_id=record.pk,
        issued_at=timezone.now(),
        issued_by=_user(actor),
        created_by=_user(actor),
    )
    issued.full_clean()
    issued.save()
    record_create(issued, actor=actor)
    return issued


def generate(kind: DocumentKind, record: models.Model, fmt: str, *, actor: AnyUser) -> tuple[IssuedDocument, bytes]:
    """The document of ``record`` as ``fmt`` ("pdf" or "odt"), issued (numbered) on first print."""
    _content_type, render = FORMATS[fmt]
    title, blocks = kind.build(record, actor)
    title = capfirst(title)
    issued = do_issue_document(kind, record, title, actor=actor)
    organisation = kind.organisation(record)
    place = organisation.city or ""
    date = issued.issued_at.astimezone(timezone.get_current_timezone()).strftime("%d.%m.%Y")
    document = Document(
        title=title,
        identifier=issued.identifier,
        letterhead=letterhead(organisation),
        blocks=blocks,
        place_date=f"{place}, {date}" if place else date,
    )
    return issued, render(document)


# Uploads -----------------------------------------------------------------------------------


def _image_format(upload: Any) -> str | None:
    from PIL import Image

    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image.verify()
            found = image.format
    except Exception:
        return None
    finally:
        upload.seek(0)
    return found if found in IMAGE_FORMATS else None


def validate_logo(upload: UploadedFile) -> str:
    """A PNG or JPEG image within the size limits; returns the file extension."""
    from PIL import Image

    size = upload.size or 0
    if size > MAX_LOGO_BYTES:
        raise ValidationError(
            {"logo": _("The logo is too large (%(size)d kB at most).") % {"size": MAX_LOGO_BYTES // 1024}}
        )
    found = _image_format(upload) if size else None
    if found is None:
        raise ValidationError({"logo": _("The logo must be a PNG or JPEG image.")})
    with Image.open(upload) as image:
        width, height = image.size
    upload.seek(0)
    if max(width, height) > MAX_LOGO_PIXELS:
        raise ValidationError(
            {"logo": _("The logo is too large (%(pixels)d pixels a side at most).") % {"pixels": MAX_LOGO_PIXELS}}
        )
    return IMAGE_FORMATS[found]


def validate_scan(upload: UploadedFile) -> str:
    """A PDF (parsed by ``core.files.is_pdf``) or a PNG/JPEG image within the size limit; returns the extension."""
    size = upload.size or 0
    if size > MAX_SCAN_BYTES:
        raise ValidationError(
            {
                "signed_copy": _("The file is too large (%(size)d MB at most).")
                % {"size": MAX_SCAN_BYTES // (1024 * 1024)}
            }
        )
    if size and is_pdf(upload):
        return "pdf"
    found = _image_format(upload) if size else None
    if found is None:
        raise ValidationError({"signed_copy": _("Upload the signed copy as a PDF document or a PNG or JPEG image.")})
    return IMAGE_FORMATS[found]


@transaction.atomic
def do_attach_signed_copy(issued: IssuedDocument, upload: UploadedFile, *, actor: AnyUser) -> IssuedDocument:
    """Attach (or replace) the scan of the signed document."""
    extension = validate_scan(upload)
    current = IssuedDocument.objects.select_for_update().get(pk=issued.pk)
    before = snapshot(current)
    current.signed_copy.save(f"signed.{extension}", upload, save=False)
    current.signed_copy_at = timezone.now()
    current.updated_by = _user(actor)
    current.save()
    record_update(current, before, actor=actor)
    return current


@transaction.atomic
def do_update_document_settings(
    organisation: Any, data: dict[str, Any], *, actor: AnyUser, logo: UploadedFile | None = None
) -> DocumentSettings:
    """Save the organisation's document settings; ``data`` holds code, header_name,
    header_address, closing_formula and ``remove_logo``."""
    chosen, _created = DocumentSettings.objects.select_for_update().get_or_create(organisation=organisation)
    before = snapshot(chosen)
    for name in ("code", "header_name", "header_address", "closing_formula"):
        if name in data:
            setattr(chosen, name, (data[name] or "").strip())
    chosen.code = chosen.code.upper()
    chosen.full_clean(exclude=["logo"])
    if logo is not None:
        extension = validate_logo(logo)
        chosen.logo.save(f"logo.{extension}", io.BytesIO(logo.read()), save=False)
    elif data.get("remove_logo"):
        chosen.logo = ""
    chosen.updated_by = _user(actor)
    chosen.save()
    record_update(chosen, before, actor=actor)
    return chosen
