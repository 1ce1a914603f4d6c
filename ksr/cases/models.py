from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ksr.cases.choices import CaseStatus, Sex
from ksr.cases.querysets import CaseQuerySet, ParticipantQuerySet
from ksr.core.models import Tracked


class Participant(Tracked):
    """A person supported by a KIS or CIS. Their personal data belongs to ``organisation``.

    Only the holder organisation's staff read it; a partner institution reads the minimal
    fields only with two recorded consents (see ``Consent``); nobody above the club reads it.
    """

    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="participants",
        verbose_name=_("holder (KIS/CIS)"),
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    pesel = models.CharField(_("PESEL"), max_length=11, blank=True, db_index=True)
    no_pesel_reason = models.CharField(_("reason for no PESEL"), max_length=200, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["last_name", "first_name", "id"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Case(Tracked):
    """One participation of a participant in the holder's programme, from referral to exit."""

    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="cases", verbose_name=_("participant")
    )
    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.PROTECT, related_name="cases", verbose_name=_("KIS/CIS")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.REFERRED, db_index=True
    )
    case_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="managed_cases",
        verbose_name=_("case manager"),
    )
    # 001a.md §6.5: the KIS helper responsible for the participant; their consent is one of two.
    responsible_helper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="helped_cases",
        verbose_name=_("responsible helper"),
    )
    opened_on = models.DateField(_("opened on"))
    admitted_on = models.DateField(_("admitted on"), null=True, blank=True)
    exited_on = models.DateField(_("exited on"), null=True, blank=True)
    graduated_at = models.DateField(_("graduated on"), null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-opened_on", "id"]

    def __str__(self) -> str:
        return f"{self.participant} — {self.organisation}"
