from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ksr.core.models import Tracked
from ksr.core.states import HasStateMachine
from ksr.registers.choices import (
    ENTRY_MACHINE,
    KIS_ENTRY_DEADLINE_DAYS,
    CreationMode,
    EntityKind,
    EntryStatus,
    StrikeOffReason,
)
from ksr.registers.querysets import RegisterEntryQuerySet


class RegisterEntry(HasStateMachine, Tracked):
    """An entry of a KIS or CIS in the voivode's register (UZS art. 18, 18a)."""

    state_machine = ENTRY_MACHINE

    organisation = models.OneToOneField(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="register_entry",
        verbose_name=_("KIS or CIS"),
    )
    entity_kind = models.CharField(_("entity"), max_length=3, choices=EntityKind.choices, db_index=True)
    voivodeship = models.ForeignKey(
        "territory.TerritorialUnit",
        on_delete=models.PROTECT,
        related_name="register_entries",
        verbose_name=_("voivodeship (register)"),
    )
    register_number = models.CharField(_("register number"), max_length=40, blank=True)
    founding_body = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="founded_entries",
        verbose_name=_("founding body (operator)"),
    )
    creation_mode = models.CharField(_("mode of creation"), max_length=32, choices=CreationMode.choices)
    founding_act_number = models.CharField(_("founding act number"), max_length=100, blank=True)
    founding_act_date = models.DateField(_("founding act date"), null=True, blank=True)
    notification_date = models.DateField(_("notification date"))
    entry_date = models.DateField(_("entry date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=EntryStatus.choices, default=EntryStatus.NOTIFIED, db_index=True
    )
    struck_off_date = models.DateField(_("struck off on"), null=True, blank=True)
    strike_off_reason = models.CharField(
        _("reason for striking off"), max_length=32, choices=StrikeOffReason.choices, blank=True
    )
    strike_off_note = models.TextField(_("striking-off details"), blank=True)
    # Not shown in the public register.
    internal_notes = models.TextField(_("internal notes"), blank=True)

    objects = RegisterEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")
        ordering = ["voivodeship__code", "register_number", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["voivodeship", "register_number"],
                condition=~models.Q(register_number=""),
                name="register_number_unique_in_voivodeship",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.register_number or '—'} {self.organisation}"

    @property
    def entry_deadline(self) -> dt.date | None:
        if self.entity_kind != EntityKind.KIS:
            return None
        return self.notification_date + dt.timedelta(days=KIS_ENTRY_DEADLINE_DAYS)

    @property
    def days_overdue(self) -> int:
        """Days past the statutory deadline of a notified KIS (0 when not overdue)."""
        deadline = self.entry_deadline
        if deadline is None or not self.is_overdue:
            return 0
        return (timezone.localdate() - deadline).days

    @property
    def is_overdue(self) -> bool:
        deadline = self.entry_deadline
        return deadline is not None and self.status == EntryStatus.NOTIFIED and timezone.localdate() > deadline
