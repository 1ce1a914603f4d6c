"""Procedure cards as working processes, need requests with offers/declines, LSR variant choice."""

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
from ksr.networks.choices import NetworkLevel
from ksr.procedures.choices import (
    TASK_MACHINE,
    CardGroup,
    LsrVariant,
    NeedKind,
    ProductKind,
    ResponseKind,
    RunStatus,
    TaskStatus,
)
from ksr.procedures.querysets import NeedRequestQuerySet, RunQuerySet, TaskQuerySet, VariantChoiceQuerySet
from ksr.territory.choices import UnitLevel

# Typed products: the extra fields a done step of this kind must record (besides the summary).
PRODUCT_REQUIRES: dict[str, tuple[str, ...]] = {
    ProductKind.LETTER_OF_INTENT: ("product_date", "product_recipients"),
    ProductKind.MEETING: ("product_date",),
    ProductKind.WORKING_GROUP: ("product_date",),
    ProductKind.COORDINATOR: ("product_person",),
    ProductKind.PERSON_DESIGNATED: ("product_person",),
    ProductKind.CONSULTATION: ("product_recipients",),
    ProductKind.MONITORING_DATES: ("product_dates",),
    ProductKind.NEED_REQUEST: ("product_recipients",),
    ProductKind.INFORMATION: ("product_recipients",),
}
NEED_REQUEST_ANSWER_DAYS = 14


class ProcedureCard(models.Model):
    """One of the 13 cards (a template of steps); loaded from ``cards.CARDS`` by ``sync_cards``."""

    number = models.PositiveSmallIntegerField(_("card number"), unique=True)
    group = models.CharField(_("group"), max_length=16, choices=CardGroup.choices)
    introducing_institution = models.CharField(_("institution introducing the procedure"), max_length=200)
    name = models.CharField(_("procedure name"), max_length=200)
    name_en = models.CharField(_("procedure name (English)"), max_length=200)

    class Meta:
        verbose_name = _("procedure card")
        verbose_name_plural = _("procedure cards")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class CardStep(models.Model):
    card = models.ForeignKey(ProcedureCard, on_delete=models.CASCADE, related_name="steps", verbose_name=_("card"))
    number = models.PositiveSmallIntegerField(_("step number"))
    text = models.TextField(_("step"))
    text_en = models.TextField(_("step (English)"))
    product_kind = models.CharField(_("expected product"), max_length=32, choices=ProductKind.choices)

    class Meta:
        verbose_name = _("card step")
        verbose_name_plural = _("card steps")
        ordering = ["card__number", "number"]
        constraints = [models.UniqueConstraint(fields=["card", "number"], name="procedures_step_unique")]

    def __str__(self) -> str:
        return f"{self.card.number}.{self.number}"


class ProcedureRun(Tracked):
    """A card being worked through in a gmina; its steps become tasks."""

    card = models.ForeignKey(ProcedureCard, on_delete=models.PROTECT, related_name="runs", verbose_name=_("card"))
    gmina = models.ForeignKey(
        "territory.TerritorialUnit", on_delete=models.PROTECT, related_name="procedure_runs", verbose_name=_("gmina")
    )
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="procedure_runs",
        verbose_name=_("local network (LSR)"),
    )
    introducing_organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="introduced_procedures",
        verbose_name=_("institution introducing the procedure"),
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("started by")
    )
    started_on = models.DateField(_("started on"), default=dt.date.today)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    cooperating_institutions = models.ManyToManyField(
        "registry.Organisation", blank=True, related_name="+", verbose_name=_("cooperating institutions")
    )
    informed_institutions = models.ManyToManyField(
        "registry.Organisation",
        blank=True,
        related_name="+",
        verbose_name=_("institutions receiving information under the procedure"),
    )
    responsible_person = models.CharField(
        _("person responsible for the procedure"),
        max_length=200,
        blank=True,
        help_text=_("Name and function in the institution."),
    )

    objects = RunQuerySet.as_manager()

    class Meta:
        verbose_name = _("procedure run")
        verbose_name_plural = _("procedure runs")
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return f"{self.card} — {self.gmina.name}"

    @property
    def audit_organisation(self) -> Any:
        if self.introducing_organisation_id:
            return self.introducing_organisation
        return self.network.main_node if self.network_id and self.network else None

    def clean(self) -> None:
        if self.gmina_id and self.gmina.level != UnitLevel.GMINA:
            raise ValidationError({"gmina": _("Choose a gmina.")})
        if self.network_id and self.network and self.network.level != NetworkLevel.LOCAL:
            raise ValidationError({"network": _("Choose a local network (LSR).")})
        if self.due_on and self.started_on and self.due_on < self.started_on:
            raise ValidationError({"due_on": _("The due date cannot be before the start.")})

    @staticmethod
    def status_from(open_count: int, done_count: int) -> str:
        if open_count:
            return RunStatus.IN_PROGRESS
        return RunStatus.COMPLETED if done_count else RunStatus.CANCELLED

    @property
    def status(self) -> str:
        """Derived: in progress while a task is open; completed when none is and some is done."""
        if hasattr(self, "open_count"):
            return self.status_from(self.open_count, self.done_count)  # type: ignore[attr-defined]  # annotated by queries.annotate_runs
        statuses = [t.status for t in self.tasks.all()]
        return self.status_from(statuses.count(TaskStatus.OPEN), statuses.count(TaskStatus.DONE))

    def get_status_display(self) -> str:
        return str(RunStatus(self.status).label)


class ProcedureTask(HasStateMachine, Tracked):
    """A step of a running card: owned, due, and — once done — with its typed product."""

    run = models.ForeignKey(ProcedureRun, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("run"))
    step = models.ForeignKey(CardStep, on_delete=models.PROTECT, related_name="+", verbose_name=_("card step"))
    number = models.PositiveSmallIntegerField(_("step number"))
    product_kind = models.CharField(_("expected product"), max_length=32, choices=ProductKind.choices)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="procedure_tasks",
        verbose_name=_("owner (person)"),
    )
    owner_organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="procedure_tasks",
        verbose_name=_("owner (institution)"),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=TaskStatus.choices, default=TaskStatus.OPEN, db_index=True
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("completed by"),
    )
    # The product of a done step.
    product_summary = models.TextField(_("what was produced"), blank=True)
    product_date = models.DateField(_("date (sent, held, formed)"), null=True, blank=True)
    product_recipients = models.ManyToManyField(
        "registry.Organisation", blank=True, related_name="+", verbose_name=_("sent to / consulted with")
    )
    product_person = models.CharField(_("person appointed or designated"), max_length=200, blank=True)
    product_dates = models.CharField(
        _("dates set"), max_length=300, blank=True, help_text=_("For example the monitoring dates, comma separated.")
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    # Links to the objects of the networks issue.
    linked_network = models.ForeignKey(
        "networks.Network",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("linked network"),
    )
    linked_partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("linked partnership"),
    )
    linked_meeting = models.ForeignKey(
        "cooperation.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("linked forum meeting"),
    )

    objects = TaskQuerySet.as_manager()
    state_machine = TASK_MACHINE

    audit_organisation_path = "run.audit_organisation"

    class Meta:
        verbose_name = _("procedure task")
        verbose_name_plural = _("procedure tasks")
        ordering = ["run", "number", "id"]

    def __str__(self) -> str:
        return f"{self.run.card.number}.{self.number}"

    def is_overdue(self, today: dt.date | None = None) -> bool:
        if self.status != TaskStatus.OPEN or self.due_on is None:
            return False
        return self.due_on < (today or timezone.localdate())


class NeedRequest(Tracked):
    """A KIS tells its partners what it needs (cards 9–13); each addressee offers or declines."""

    requester = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="need_requests",
        verbose_name=_("requesting KIS"),
    )
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="need_requests",
        verbose_name=_("local network (LSR)"),
    )
    task = models.ForeignKey(
        ProcedureTask,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="need_requests",
        verbose_name=_("procedure step"),
    )
    kind = models.CharField(_("kind of need"), max_length=16, choices=NeedKind.choices)
    description = models.TextField(_("what is needed"))
    needed_by = models.DateField(_("needed by"))
    answer_by = models.DateField(
        _("answer expected by"), help_text=_("Partners who cannot help are asked to say so by this date.")
    )
    addressees = models.ManyToManyField(
        "registry.Organisation", related_name="need_requests_received", verbose_name=_("addressed to")
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    objects = NeedRequestQuerySet.as_manager()

    audit_organisation_path = "requester"

    class Meta:
        verbose_name = _("need request")
        verbose_name_plural = _("need requests")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description[:60]}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    def clean(self) -> None:
        if self.needed_by and self.answer_by and self.answer_by > self.needed_by:
            raise ValidationError({"answer_by": _("Answers must be due before the date the resource is needed.")})


class NeedResponse(Tracked):
    """An addressee's answer: an offer (what, when, on what conditions) or a reasoned decline."""

    request = models.ForeignKey(
        NeedRequest, on_delete=models.CASCADE, related_name="responses", verbose_name=_("need request")
    )
    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("partner")
    )
    kind = models.CharField(_("answer"), max_length=16, choices=ResponseKind.choices)
    offer = models.TextField(_("what is offered"), blank=True)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    available_to = models.DateField(_("available to"), null=True, blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    reason = models.TextField(_("reason for declining"), blank=True)
    responded_at = models.DateTimeField(_("answered at"), default=timezone.now)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("answered by")
    )

    audit_organisation_path = "organisation"

    class Meta:
        verbose_name = _("answer to a need request")
        verbose_name_plural = _("answers to need requests")
        ordering = ["responded_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "organisation"], name="procedures_one_answer_per_partner")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.get_kind_display()}"

    @property
    def response_time(self) -> dt.timedelta:
        return self.responded_at - self.request.created_at

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.kind == ResponseKind.OFFER:
            if not self.offer.strip():
                errors["offer"] = _("Say what you offer.")
            if not self.available_from:
                errors["available_from"] = _("Say from when the resource is available.")
            if self.available_from and self.available_to and self.available_to < self.available_from:
                errors["available_to"] = _("The end cannot be before the start.")
        elif self.kind == ResponseKind.DECLINE and not self.reason.strip():
            errors["reason"] = _("A decline must give its reason.")
        if errors:
            raise ValidationError(errors)


class VariantChoice(Tracked):
    """The animator's choice of how the gmina's LSR is created, with the criteria answered."""

    gmina = models.ForeignKey(
        "territory.TerritorialUnit",
        on_delete=models.PROTECT,
        related_name="lsr_variant_choices",
        verbose_name=_("gmina"),
    )
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="variant_choices",
        verbose_name=_("local network (LSR)"),
    )
    partnership_experience = models.BooleanField(_("experience in local partnerships"), default=False)
    partnership_idea_known = models.BooleanField(_("cross-sector partnership idea known"), default=False)
    advanced_participation = models.BooleanField(_("advanced social participation"), default=False)
    experienced_leaders = models.BooleanField(_("experienced community leaders"), default=False)
    cooperation_schemes = models.BooleanField(_("established ways of cooperating"), default=False)
    proposed_variant = models.CharField(_("proposed variant"), max_length=16, choices=LsrVariant.choices)
    variant = models.CharField(_("chosen variant"), max_length=16, choices=LsrVariant.choices)
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("Required when the choice differs from the proposal.")
    )
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("chosen by")
    )
    chosen_on = models.DateField(_("chosen on"), default=dt.date.today)

    objects = VariantChoiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("LSR variant choice")
        verbose_name_plural = _("LSR variant choices")
        ordering = ["-chosen_on", "-id"]

    def __str__(self) -> str:
        return f"{self.gmina.name}: {self.get_variant_display()}"

    @property
    def is_override(self) -> bool:
        return self.variant != self.proposed_variant

    def clean(self) -> None:
        if self.gmina_id and self.gmina.level != UnitLevel.GMINA:
            raise ValidationError({"gmina": _("Choose a gmina.")})
        if self.is_override and not self.reason.strip():
            raise ValidationError({"reason": _("Give the reason for choosing a variant other than the proposed one.")})
