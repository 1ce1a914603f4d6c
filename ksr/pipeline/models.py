from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ksr.core.models import Tracked
from ksr.core.states import HasStateMachine
from ksr.pipeline.choices import (
    DEFAULT_STALL_DAYS,
    INITIATIVE_MACHINE,
    LEGAL_STEPS,
    ORDINAL,
    PATH,
    SUSTAIN_MONTHS,
    Stage,
    resumes_at,
)
from ksr.pipeline.querysets import InitiativeQuerySet
from ksr.registers.choices import CreationMode, EntityKind


def add_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for dd in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, dd))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


class Initiative(HasStateMachine, Tracked):
    """An initiative to create a social-employment entity (KIS or CIS) in a gmina."""

    name = models.CharField(_("working name"), max_length=200)
    gmina = models.ForeignKey(
        "territory.TerritorialUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("gmina")
    )
    entity_kind = models.CharField(
        _("entity"), max_length=3, choices=EntityKind.choices, default=EntityKind.KIS, db_index=True
    )
    stage = models.CharField(_("stage"), max_length=32, choices=Stage.choices, default=Stage.PROSPECT, db_index=True)
    stage_since = models.DateField(_("in this stage since"), default=timezone.localdate)
    stalled_at = models.CharField(
        _("stalled at stage"), max_length=32, choices=Stage.choices, blank=True, help_text=_("Where it resumes.")
    )
    creation_mode = models.CharField(_("mode of creation"), max_length=32, choices=CreationMode.choices, blank=True)
    founding_body = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("founding body"),
    )
    founding_act_number = models.CharField(_("founding act number"), max_length=100, blank=True)
    founding_act_date = models.DateField(_("founding act date"), null=True, blank=True)
    register_entry = models.ForeignKey(
        "registers.RegisterEntry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("register entry"),
    )
    legal_steps_done = models.JSONField(_("legal steps done"), default=list, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = InitiativeQuerySet.as_manager()
    state_machine = INITIATIVE_MACHINE

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["gmina__code", "name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def voivodeship_code(self) -> str:
        return self.gmina.code[:2]

    def legal_steps(self) -> list[tuple[str, str, bool]]:
        """The mode's legal checklist: (key, label, done)."""
        done = set(self.legal_steps_done or [])
        return [(key, str(label), key in done) for key, label in LEGAL_STEPS.get(self.creation_mode, [])]

    def sustained_from(self) -> dt.date | None:
        """The first day the entity counts as sustained: ``sustain_months`` after the end of the
        project's activities (ADR 0019), or after its entry when it was entered later; unknown
        while the end of the activities is not set or the entity is not entered."""
        entry = self.register_entry
        target = ProgrammeTarget.current()
        if entry is None or entry.entry_date is None or target.activities_end_on is None:
            return None
        return add_months(max(target.activities_end_on, entry.entry_date), target.sustain_months)

    def allowed_targets(self) -> list[str]:
        """Stages this initiative may move to now (the machine's table, narrowed by the resume rule)."""
        targets = self.next_states
        if self.stage == Stage.STALLED:
            targets = [t for t in targets if resumes_at(self, t)]
        return sorted(targets, key=lambda s: ORDINAL.get(s, len(PATH)))


class StageChange(models.Model):
    """One recorded transition of an initiative."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="changes", verbose_name=_("initiative")
    )
    from_stage = models.CharField(_("from"), max_length=32, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=32, choices=Stage.choices)
    changed_on = models.DateField(_("date"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["initiative_id", "changed_on", "id"]

    def __str__(self) -> str:
        return f"{self.initiative_id}: {self.from_stage} → {self.to_stage} ({self.changed_on})"


class ProgrammeTarget(models.Model):
    """The project's targets for new entities (Fiszka projektu KSR, milestone 3, tasks of milestone 3, further stages
    after the project)."""

    name = models.CharField(_("name"), max_length=200, default="KSR")
    total_entities = models.PositiveIntegerField(
        _("new entities in total"),
        default=32,
        help_text="Fiszka projektu KSR, kamień milowy 3, zadania kamienia milowego 3",
    )
    min_per_region = models.PositiveIntegerField(
        _("minimum per region"),
        default=2,
        help_text="Fiszka projektu KSR, kamień milowy 3, zadania kamienia milowego 3",
    )
    max_per_region = models.PositiveIntegerField(
        _("maximum per region"),
        default=4,
        help_text="Fiszka projektu KSR, kamień milowy 3, zadania kamienia milowego 3",
    )
    min_regions = models.PositiveIntegerField(
        _("minimum number of regions"), default=8, help_text="Fiszka projektu KSR, zadania kamienia milowego 3"
    )
    sustain_months = models.PositiveIntegerField(
        _("sustainability in months"),
        default=SUSTAIN_MONTHS,
        help_text="Fiszka projektu KSR, zadania kamienia milowego 3, dalsze etapy poza projektem",
    )
    activities_end_on = models.DateField(
        _("end of the project's activities"),
        null=True,
        blank=True,
        help_text=_(
            "Durability is counted from this day (Fiszka projektu KSR, dalsze etapy poza projektem); "
            "until it is set, no entity counts as sustained."
        ),
    )
    stall_days = models.PositiveIntegerField(
        _("days without a transition that count as stalled"), default=DEFAULT_STALL_DAYS
    )

    class Meta:
        verbose_name = _("programme target")
        verbose_name_plural = _("programme targets")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def current(cls) -> ProgrammeTarget:
        return cls.objects.order_by("id").first() or cls()
