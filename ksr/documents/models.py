"""Issued documents with their identifiers, and each organisation's document settings (ADR 0018).

The KIS standard requires a unique identifier on every document: ``<organisation code>/<year>/
<kind>/<sequence>`` (for example ``KIS-GDA/2026/UMOWA/0007``), the sequence counted per
organisation, year and kind. A record printed again keeps its identifier; the signed copy (scan)
is attached to the issued document.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ksr.core.models import Tracked
from ksr.core.text import fold

CODE_PATTERN = r"^[A-Z0-9][A-Z0-9-]{0,15}$"


def logo_path(instance: DocumentSettings, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"documents/logos/{instance.organisation_id}.{extension}"


def signed_copy_path(instance: IssuedDocument, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"documents/signed/{instance.organisation_id}/{instance.pk}.{extension}"


def default_code(organisation: models.Model) -> str:
    """The organisation's code when none is set: its short name in capitals without diacritics, else
    its kind and number (``KIS13``)."""
    short = str(getattr(organisation, "short_name", "") or "")
    code = re.sub(r"[^A-Z0-9]+", "-", fold(short).upper()).strip("-")[:16].strip("-")
    if code:
        return code
    kind = str(getattr(organisation, "kind", "") or "")
    return f"{kind.upper()}{organisation.pk}" if kind.isalpha() and len(kind) <= 4 else f"ORG{organisation.pk}"


class DocumentSettings(Tracked):
    """What the KIS/CIS manager adjusts in the organisation's documents, within limits."""

    organisation = models.OneToOneField(
        "registry.Organisation",
        on_delete=models.CASCADE,
        related_name="document_settings",
        verbose_name=_("organisation"),
    )
    code = models.CharField(
        _("code in document identifiers"),
        max_length=16,
        blank=True,
        validators=[
            RegexValidator(CODE_PATTERN, _("Use capital letters A–Z, digits and hyphens, at most 16 characters."))
        ],
        help_text=_("For example KIS-GDA. Left empty, the short name of the organisation is used."),
    )
    header_name = models.CharField(
        _("name in the header"),
        max_length=200,
        blank=True,
        help_text=_("Left empty, the name of the organisation is used."),
    )
    header_address = models.CharField(_("address line in the header"), max_length=200, blank=True)
    logo = models.FileField(_("logo"), upload_to=logo_path, max_length=200, blank=True)
    closing_formula = models.CharField(
        _("closing formula"),
        max_length=300,
        blank=True,
        help_text=_("A sentence printed at the end of every document, for example a thank-you or a motto."),
    )

    audit_organisation_path = "organisation"

    class Meta:
        verbose_name = _("document settings")
        verbose_name_plural = _("document settings")

    def __str__(self) -> str:
        return str(self.organisation)


class DocumentCounter(models.Model):
    """The last sequence number given per organisation, year and kind (locked while it is raised)."""

    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=20)
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("document counter")
        verbose_name_plural = _("document counters")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "kind"], name="documents_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}/{self.year}/{self.kind}: {self.last}"


class IssuedDocument(Tracked):
    """A document generated from a record, with its identifier and, once signed, the signed copy."""

    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="issued_documents",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("kind"), max_length=20)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("number"))
    identifier = models.CharField(_("identifier"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=300)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    signed_copy = models.FileField(_("signed copy"), upload_to=signed_copy_path, max_length=200, blank=True)
    signed_copy_at = models.DateTimeField(_("signed copy attached at"), null=True, blank=True)

    audit_organisation_path = "organisation"

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "kind"], name="documents_one_per_record"),
            models.UniqueConstraint(fields=["organisation", "year", "kind", "sequence"], name="documents_sequence"),
        ]

    def __str__(self) -> str:
        return self.identifier

    @property
    def has_signed_copy(self) -> bool:
        return bool(self.signed_copy)
