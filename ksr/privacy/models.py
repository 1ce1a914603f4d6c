"""Consents to share a participant's minimal data with a partner institution (Model KSR, II.4 „KIS ma własną
tożsamość instytucjonalną”, „KIS zatrudnia case managerów”).

The card and the plan "may be passed to helpers of other institutions with the consent of
the beneficiary and of the helper responsible for the beneficiary in the KIS" [Model KSR, II.4 „KIS zatrudnia case
managerów”]. A consent
names one partner organisation and one service; it opens only ``data_scope`` (name, booked
service, attendance), only while it is live.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ksr.core.models import Tracked
from ksr.core.states import HasStateMachine
from ksr.privacy.choices import CONSENT_MACHINE, MINIMAL_SCOPE, ConsentForm, ConsentStatus, DataScope
from ksr.privacy.querysets import ConsentQuerySet


def default_scope() -> list[str]:
    return [str(item) for item in MINIMAL_SCOPE]


class Consent(HasStateMachine, Tracked):
    participant = models.ForeignKey(
        "cases.Participant", on_delete=models.PROTECT, related_name="consents", verbose_name=_("participant")
    )
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="consents", verbose_name=_("case"))
    partner = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="participant_consents",
        verbose_name=_("partner institution"),
    )
    service = models.CharField(
        _("service"), max_length=200, help_text=_("The service of the partner the data is shared for.")
    )
    # A loose link to a catalogue service or booking ("catalogue.booking:12"), if any.
    service_reference = models.CharField(_("service reference"), max_length=100, blank=True)
    data_scope = models.JSONField(_("data shared"), default=default_scope)

    participant_consent_on = models.DateField(_("participant's consent given on"))
    participant_consent_form = models.CharField(
        _("form of the participant's consent"), max_length=16, choices=ConsentForm.choices
    )
    participant_consent_document = models.CharField(
        _("consent document reference"),
        max_length=100,
        blank=True,
        help_text=_("Number or location of the signed document, or the identifier of the electronic consent."),
    )
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible helper who consented"),
    )
    helper_consent_on = models.DateField(_("helper's consent given on"), null=True, blank=True)

    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), db_index=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ConsentStatus.choices, default=ConsentStatus.AWAITING_HELPER
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawal recorded by"),
    )
    withdrawal_reason = models.CharField(_("reason for withdrawal"), max_length=300, blank=True)

    objects = ConsentQuerySet.as_manager()
    state_machine = CONSENT_MACHINE

    class Meta:
        verbose_name = _("consent to share data")
        verbose_name_plural = _("consents to share data")
        ordering = ["-valid_until", "id"]
        indexes = [models.Index(fields=["partner", "status"])]

    def __str__(self) -> str:
        return f"{self.participant} → {self.partner} ({self.service})"

    @property
    def audit_organisation(self) -> Any:
        """Audit entries about a consent belong to the holder (its manager reviews them)."""
        return self.participant.organisation

    def is_live(self, today: dt.date | None = None) -> bool:
        """Both consents recorded, today within the period, not withdrawn, participant not anonymised."""
        today = today or timezone.localdate()
        return (
            self.status == ConsentStatus.GRANTED
            and self.helper_consent_on is not None
            and self.withdrawn_at is None
            and self.valid_from <= today <= self.valid_until
            and self.participant.anonymised_at is None
        )

    def state_label(self, today: dt.date | None = None) -> str:
        """Human state, not only by colour: live, not yet valid, expired, awaiting helper, withdrawn."""
        today = today or timezone.localdate()
        if self.status == ConsentStatus.WITHDRAWN:
            return str(_("Withdrawn"))
        if self.status == ConsentStatus.AWAITING_HELPER:
            return str(_("Awaiting the responsible helper's consent"))
        if today < self.valid_from:
            return str(_("Not yet valid"))
        if today > self.valid_until:
            return str(_("Expired"))
        return str(_("Live"))

    def scope_labels(self) -> list[str]:
        return [str(DataScope(item).label) for item in self.data_scope if item in DataScope.values]

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("The end of the period cannot be before its start.")
        if self.participant_consent_on and self.participant_consent_on > timezone.localdate():
            errors["participant_consent_on"] = _("The consent cannot be dated in the future.")
        if self.participant_consent_form == ConsentForm.WRITTEN and not self.participant_consent_document:
            errors["participant_consent_document"] = _("Give the reference of the signed consent document.")
        if not isinstance(self.data_scope, list) or not self.data_scope:
            errors["data_scope"] = _("Choose at least one item of the minimal data set.")
        elif any(item not in DataScope.values for item in self.data_scope):
            errors["data_scope"] = _("Only name, booked service and attendance may be shared.")
        if self.case_id and self.participant_id and self.case.participant_id != self.participant_id:
            errors["case"] = _("The case belongs to another participant.")
        if self.partner_id and self.participant_id and self.partner_id == self.participant.organisation_id:
            errors["partner"] = _("The holder of the case does not need a consent to read it.")
        if errors:
            raise ValidationError(errors)
