"""Partnerships inside networks, the MLW Pact, Local Synergy Teams and stakeholder attitudes."""

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
from ksr.networks.querysets import NetworkChildQuerySet
from ksr.partnerships.choices import (
    CONCLUSION_MACHINE,
    PACT_MACHINE,
    PARTNERSHIP_MACHINE,
    TASK_MACHINE,
    Attitude,
    ConclusionStatus,
    ContributionKind,
    FormingActKind,
    PactStatus,
    PartnerRole,
    PartnershipForm,
    PartnershipStatus,
    ServiceDeliveryForm,
    TaskStatus,
    TeamTaskKind,
)
from ksr.partnerships.querysets import NetworkScopedQuerySet, PartnershipScopedQuerySet

NETWORK_LEVELS = (NetworkLevel.LOCAL, NetworkLevel.REGIONAL)


class Partnership(HasStateMachine, Tracked):
    """A partnership inside an LSR (or a task partnership inside an RSR), led by the KIS."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.PROTECT, related_name="partnerships", verbose_name=_("network")
    )
    name = models.CharField(_("name"), max_length=300)
    goal = models.TextField(_("goal"), help_text=_("The main goal the partners defined together."))
    form = models.CharField(
        _("form"), max_length=32, choices=PartnershipForm.choices, default=PartnershipForm.AGREEMENT
    )
    status = models.CharField(
        _("status"), max_length=16, choices=PartnershipStatus.choices, default=PartnershipStatus.DRAFT, db_index=True
    )
    leader = models.ForeignKey(
        "registry.Organisation", on_delete=models.PROTECT, related_name="led_partnerships", verbose_name=_("leader")
    )
    plan_from_year = models.PositiveSmallIntegerField(_("action plan from year"), null=True, blank=True)
    plan_to_year = models.PositiveSmallIntegerField(_("action plan to year"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)

    objects = NetworkScopedQuerySet.as_manager()
    state_machine = PARTNERSHIP_MACHINE

    audit_organisation_path = "leader"

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["network", "name", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        network = self.network if self.network_id else None
        if network is not None:
            if network.level not in NETWORK_LEVELS:
                errors["network"] = _("A partnership belongs to a local (LSR) or a regional (RSR) network.")
            elif network.level == NetworkLevel.LOCAL and self.leader_id != network.main_node_id:
                errors["leader"] = _("In an LSR the leader is always the KIS that is the network's main node.")
        if self.plan_from_year and self.plan_to_year and self.plan_to_year < self.plan_from_year:
            errors["plan_to_year"] = _("The action plan cannot end before it starts.")
        if errors:
            raise ValidationError(errors)


class Partner(Tracked):
    """An organisation in a partnership, with its role; leaving keeps the row (history)."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="partners", verbose_name=_("partnership")
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="partnerships_as_partner",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=32, choices=PartnerRole.choices, default=PartnerRole.PARTNER)
    role_description = models.CharField(
        _("role description"), max_length=300, blank=True, help_text=_("What this partner is responsible for.")
    )
    joined_on = models.DateField(_("joined on"), default=dt.date.today)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    objects = PartnershipScopedQuerySet.as_manager()

    audit_organisation_path = "partnership.leader"

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["partnership", "left_on", "organisation__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"],
                condition=models.Q(left_on__isnull=True),
                name="partnerships_one_current_partner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.partnership}"

    def clean(self) -> None:
        if self.left_on and self.joined_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("A partner cannot leave before joining.")})
        if (
            self.role == PartnerRole.LEADER
            and self.partnership_id
            and self.organisation_id != self.partnership.leader_id
        ):
            raise ValidationError({"role": _("Only the partnership's leader has the role of leader.")})


class Contribution(Tracked):
    """What a partner brings: staff, premises, equipment, money or services."""

    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="contributions", verbose_name=_("partner")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ContributionKind.choices)
    description = models.CharField(_("description"), max_length=500)
    value = models.DecimalField(
        _("value (PLN)"), max_digits=12, decimal_places=2, null=True, blank=True, help_text=_("Optional estimate.")
    )

    audit_organisation_path = "partner.partnership.leader"

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["partner", "kind", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description}"

    def clean(self) -> None:
        if self.value is not None and self.value < 0:
            raise ValidationError({"value": _("The value cannot be negative.")})


def agreement_path(instance: AgreementVersion, filename: str) -> str:
    return f"partnerships/agreements/{instance.partnership_id}/v{instance.number}.pdf"


class AgreementVersion(Tracked):
    """One uploaded version of the partnership agreement (PDF); downloads go through a scoped view."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="agreement_versions", verbose_name=_("partnership")
    )
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=agreement_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    signed_on = models.DateField(
        _("signed on"), null=True, blank=True, help_text=_("Fill in when this version is the signed agreement.")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = PartnershipScopedQuerySet.as_manager()

    audit_organisation_path = "partnership.leader"

    class Meta:
        verbose_name = _("agreement version")
        verbose_name_plural = _("agreement versions")
        ordering = ["partnership", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "number"], name="partnerships_agreement_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.partnership} — v{self.number}"


class ActionTask(HasStateMachine, Tracked):
    """A task of the partnership's multi-year action plan."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("partnership")
    )
    title = models.CharField(_("title"), max_length=300)
    owner = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="partnership_tasks",
        verbose_name=_("owner organisation"),
    )
    responsible_person = models.CharField(_("responsible person"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), null=True, blank=True, choices=[(q, f"Q{q}") for q in (1, 2, 3, 4)]
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=TaskStatus.choices, default=TaskStatus.PLANNED)

    objects = PartnershipScopedQuerySet.as_manager()

    state_machine = TASK_MACHINE

    audit_organisation_path = "partnership.leader"

    class Meta:
        verbose_name = _("action plan task")
        verbose_name_plural = _("action plan tasks")
        ordering = ["partnership", "year", "quarter", "starts_on", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def period_start(self) -> dt.date | None:
        if self.starts_on:
            return self.starts_on
        if self.year:
            return dt.date(self.year, 3 * ((self.quarter or 1) - 1) + 1, 1)
        return None

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if not self.year and not self.starts_on:
            errors["year"] = _("Give a year (and optionally a quarter) or a start date.")
        if self.quarter and not self.year:
            errors["quarter"] = _("A quarter needs a year.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The task cannot end before it starts.")
        if self.partnership_id and self.year:
            p = self.partnership
            if (p.plan_from_year and self.year < p.plan_from_year) or (p.plan_to_year and self.year > p.plan_to_year):
                errors["year"] = _("The year lies outside the action plan's years.")
        if errors:
            raise ValidationError(errors)


class Evaluation(Tracked):
    """An evaluation of the partnership: its findings and conclusions that bind the partners."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("partnership")
    )
    held_on = models.DateField(_("date"))
    findings = models.TextField(_("findings"))

    objects = PartnershipScopedQuerySet.as_manager()

    audit_organisation_path = "partnership.leader"

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["partnership", "-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.partnership} — {self.held_on:%Y-%m-%d}"


class ConclusionQuerySet(NetworkChildQuerySet):
    network_path = "evaluation__partnership__network"

    def overdue(self, today: dt.date | None = None) -> ConclusionQuerySet:
        return self.filter(status=ConclusionStatus.OPEN, due_on__lt=today or timezone.localdate())


class Conclusion(HasStateMachine, Tracked):
    """A written conclusion of an evaluation, binding one partner by a due date (Sektorowe usługi, zeszyt 2, part IV,
    building a local partnership)."""

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="conclusions", verbose_name=_("evaluation")
    )
    text = models.TextField(_("conclusion"))
    assignee = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="partnership_conclusions",
        verbose_name=_("assigned partner"),
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=8, choices=ConclusionStatus.choices, default=ConclusionStatus.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)

    objects = ConclusionQuerySet.as_manager()
    state_machine = CONCLUSION_MACHINE

    audit_organisation_path = "assignee"

    class Meta:
        verbose_name = _("conclusion")
        verbose_name_plural = _("conclusions")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_overdue(self) -> bool:
        return self.status == ConclusionStatus.OPEN and self.due_on < timezone.localdate()


class Pact(HasStateMachine, Tracked):
    """The Pact for the Local Cooperation Model (MLW), MLW i RPW, „Gminny Pakt na rzecz MLW”: open, no financial
    obligations."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.PROTECT, related_name="pacts", verbose_name=_("network")
    )
    title = models.CharField(_("title"), max_length=300, default="Pakt na rzecz Modelu Lokalnej Współpracy")
    status = models.CharField(_("status"), max_length=16, choices=PactStatus.choices, default=PactStatus.DRAFT)
    original_keeper = models.CharField(
        _("keeper of the original"), max_length=300, help_text=_("Who keeps the original, e.g. the municipal office.")
    )
    copies = models.PositiveSmallIntegerField(_("number of copies"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    dissolution_reason = models.CharField(_("reason for dissolution"), max_length=300, blank=True)

    objects = NetworkScopedQuerySet.as_manager()
    state_machine = PACT_MACHINE

    audit_organisation_path = "network.main_node"

    class Meta:
        verbose_name = _("MLW Pact")
        verbose_name_plural = _("MLW Pacts")
        ordering = ["network", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.network})"

    def clean(self) -> None:
        if self.network_id and self.network.level != NetworkLevel.LOCAL:
            raise ValidationError({"network": _("An MLW Pact is concluded in a local network (LSR).")})
        if self.network_id and self.status != PactStatus.DISSOLVED:
            in_force = Pact.objects.filter(network_id=self.network_id, status=PactStatus.SIGNED).exclude(pk=self.pk)
            if in_force.exists():
                raise ValidationError(
                    _("The LSR already has an MLW Pact in force; another can be prepared once it is dissolved.")
                )


class PactSignatory(Tracked):
    """One accession of an organisation to the Pact; a withdrawal is dated and the row kept."""

    pact = models.ForeignKey(Pact, on_delete=models.CASCADE, related_name="signatories", verbose_name=_("pact"))
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="pact_signatures",
        verbose_name=_("organisation"),
    )
    representative = models.CharField(_("representative"), max_length=200, blank=True)
    joined_on = models.DateField(_("joined on"))
    withdrawn_on = models.DateField(_("withdrew on"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("reason for withdrawal"), max_length=300, blank=True)

    audit_organisation_path = "pact.network.main_node"

    class Meta:
        verbose_name = _("Pact signatory")
        verbose_name_plural = _("Pact signatories")
        ordering = ["pact", "joined_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pact", "organisation"],
                condition=models.Q(withdrawn_on__isnull=True),
                name="partnerships_one_active_signature",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.pact}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None


class SynergyTeam(Tracked):
    """The Local Synergy Team (ZSL), MLW i RPW, „Zespół Synergii Lokalnej MLW”: an open, informal, unpaid advisory
    team."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.PROTECT, related_name="synergy_teams", verbose_name=_("network")
    )
    name = models.CharField(_("name"), max_length=300, default="Zespół Synergii Lokalnej")
    formed_by_kind = models.CharField(_("formed by"), max_length=32, choices=FormingActKind.choices)
    formed_by_body = models.CharField(
        _("body that formed it"), max_length=200, help_text=_("E.g. the wójt of the gmina, the city council.")
    )
    act_number = models.CharField(_("act number"), max_length=100, blank=True)
    act_date = models.DateField(_("act date"), null=True, blank=True)
    chosen_form = models.CharField(
        _("chosen form of delivering reintegration services"),
        max_length=32,
        choices=ServiceDeliveryForm.choices,
        blank=True,
    )
    chosen_on = models.DateField(_("form chosen on"), null=True, blank=True)
    form_note = models.TextField(_("about the chosen form"), blank=True)

    objects = NetworkScopedQuerySet.as_manager()

    audit_organisation_path = "network.main_node"

    class Meta:
        verbose_name = _("Local Synergy Team")
        verbose_name_plural = _("Local Synergy Teams")
        ordering = ["network", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.network})"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.network_id and self.network.level != NetworkLevel.LOCAL:
            errors["network"] = _("A Local Synergy Team works in a local network (LSR).")
        if self.chosen_on and not self.chosen_form:
            errors["chosen_form"] = _("Record the chosen form together with its date.")
        if errors:
            raise ValidationError(errors)


class SynergyTeamMember(Tracked):
    """A member of the ZSL: an organisation's delegate and/or a named person (serving unpaid)."""

    team = models.ForeignKey(SynergyTeam, on_delete=models.CASCADE, related_name="members", verbose_name=_("team"))
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="synergy_teams",
        verbose_name=_("organisation"),
    )
    person_name = models.CharField(_("person"), max_length=200, blank=True)
    function = models.CharField(_("function in the team"), max_length=200, blank=True)
    joined_on = models.DateField(_("joined on"), default=dt.date.today)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    audit_organisation_path = "team.network.main_node"

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["team", "left_on", "id"]

    def __str__(self) -> str:
        if self.organisation_id and self.person_name:
            return f"{self.person_name} ({self.organisation})"
        return self.person_name or str(self.organisation)

    def clean(self) -> None:
        if not self.organisation_id and not self.person_name.strip():
            raise ValidationError(_("A member is an organisation, a person, or a person delegated by an organisation."))
        if self.left_on and self.joined_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("A member cannot leave before joining.")})


class SynergyTeamTask(HasStateMachine, Tracked):
    team = models.ForeignKey(SynergyTeam, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("team"))
    kind = models.CharField(_("kind"), max_length=16, choices=TeamTaskKind.choices)
    description = models.CharField(_("description"), max_length=500, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=TaskStatus.choices, default=TaskStatus.PLANNED)

    state_machine = TASK_MACHINE

    audit_organisation_path = "team.network.main_node"

    class Meta:
        verbose_name = _("team task")
        verbose_name_plural = _("team tasks")
        ordering = ["team", "due_on", "id"]

    def __str__(self) -> str:
        return self.description or self.get_kind_display()


class AttitudeAssessment(Tracked):
    """A dated assessment of a stakeholder's attitude towards the LSR (Warianty animacyjne KIS, part I.2, table 2)."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="attitude_assessments", verbose_name=_("network")
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="attitude_assessments",
        verbose_name=_("organisation"),
    )
    assessed_on = models.DateField(_("assessed on"))
    attitude = models.CharField(_("attitude"), max_length=16, choices=Attitude.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = NetworkScopedQuerySet.as_manager()

    audit_organisation_path = "network.main_node"

    class Meta:
        verbose_name = _("attitude assessment")
        verbose_name_plural = _("attitude assessments")
        ordering = ["network", "organisation", "assessed_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organisation", "assessed_on"], name="partnerships_one_assessment_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_attitude_display()} ({self.assessed_on})"
