from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ksr.core.models import Tracked
from ksr.core.states import HasStateMachine
from ksr.core.validators import field_not_after_today
from ksr.networks.choices import (
    RECOMMENDATION_MACHINE,
    TASK_MACHINE,
    AssistanceForm,
    AssistanceOutcome,
    AuspicesKind,
    CreationActKind,
    CreationVariant,
    NetworkLevel,
    RecommendationStatus,
    RegionalTaskType,
    TaskStatus,
)
from ksr.networks.querysets import NetworkChildQuerySet, NetworkMembershipQuerySet, NetworkQuerySet
from ksr.registry.choices import OrganisationKind

if TYPE_CHECKING:
    pass
from ksr.territory.choices import UnitLevel

# The kind the main node must have, per network level (Model KSR, II.3, local level).
MAIN_NODE_KIND: dict[str, str] = {
    NetworkLevel.LOCAL: OrganisationKind.KIS,
    NetworkLevel.REGIONAL: OrganisationKind.REGIONAL_CENTRE,
    NetworkLevel.NATIONAL: OrganisationKind.NATIONAL_CENTRE,
}
TERRITORY_LEVELS: dict[str, tuple[str, ...]] = {
    NetworkLevel.LOCAL: (UnitLevel.GMINA, UnitLevel.POWIAT),
    NetworkLevel.REGIONAL: (UnitLevel.VOIVODESHIP,),
    NetworkLevel.NATIONAL: (),
}
PARENT_LEVEL: dict[str, str] = {
    NetworkLevel.LOCAL: NetworkLevel.REGIONAL,
    NetworkLevel.REGIONAL: NetworkLevel.NATIONAL,
}


class Network(Tracked):
    """A reintegration network: local (LSR), regional (RSR) or the national one (KSR).

    LSR → RSR of its voivodeship → KSR through ``parent``. The main node is an organisation:
    a KIS for an LSR, the ROWR (hosted by the ROPS) for an RSR, the KOWR for the KSR.
    """

    name = models.CharField(_("name"), max_length=300)
    level = models.CharField(_("level"), max_length=16, choices=NetworkLevel.choices, db_index=True)
    # gmina or powiat for an LSR, voivodeship for an RSR, empty for the KSR.
    territory = models.ForeignKey(
        "territory.TerritorialUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="networks",
        verbose_name=_("territory"),
    )
    main_node = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="main_node_of",
        verbose_name=_("main node"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent network"),
    )
    creation_variant = models.CharField(
        _("creation variant"), max_length=16, choices=CreationVariant.choices, blank=True
    )
    creation_act_kind = models.CharField(_("creating act"), max_length=16, choices=CreationActKind.choices, blank=True)
    creation_act_number = models.CharField(_("act number"), max_length=100, blank=True)
    creation_act_date = models.DateField(_("act date"), null=True, blank=True)
    civic_leaders = models.TextField(_("local leaders who started it"), blank=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    description = models.TextField(_("description"), blank=True)

    objects = NetworkQuerySet.as_manager()

    audit_organisation_path = "main_node"

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["level", "name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_lsr(self) -> bool:
        return self.level == NetworkLevel.LOCAL

    @property
    def is_rsr(self) -> bool:
        return self.level == NetworkLevel.REGIONAL

    @property
    def is_ksr(self) -> bool:
        return self.level == NetworkLevel.NATIONAL

    @property
    def voivodeship_code(self) -> str:
        return self.territory.code[:2] if self.territory_id and self.territory else ""

    def clean(self) -> None:
        """The rules the product enforces (Model KSR, II.3; Sektorowe usługi, zeszyt 2, part IV, variants of creating
        an LSR)."""
        errors: dict[str, list[Any]] = {}
        level = self.level
        territory = self.territory if self.territory_id else None
        allowed_levels = TERRITORY_LEVELS.get(level, ())
        if level == NetworkLevel.NATIONAL:
            if territory is not None:
                errors["territory"] = [_("The national network covers the whole country: leave the territory empty.")]
        elif territory is None or territory.level not in allowed_levels:
            errors["territory"] = [
                _("An LSR covers a gmina or a powiat.")
                if level == NetworkLevel.LOCAL
                else _("An RSR covers a voivodeship.")
            ]
        main_node = self.main_node if self.main_node_id else None
        expected_kind = MAIN_NODE_KIND.get(level)
        if main_node is not None and expected_kind and main_node.kind != expected_kind:
            errors["main_node"] = [
                {
                    NetworkLevel.LOCAL: _("The main node of an LSR must be a social integration club (KIS)."),
                    NetworkLevel.REGIONAL: _("The main node of an RSR must be a regional cooperation centre (ROWR)."),
                    NetworkLevel.NATIONAL: _(
                        "The main node of the KSR must be the national cooperation centre (KOWR)."
                    ),
                }[NetworkLevel(level)]
            ]
        self._clean_parent(errors, territory)
        if level == NetworkLevel.LOCAL:
            self._clean_variant(errors)
        elif self.creation_variant:
            errors["creation_variant"] = [_("Only a local network (LSR) has a creation variant.")]
        if level == NetworkLevel.NATIONAL and (
            Network.objects.filter(level=NetworkLevel.NATIONAL, is_active=True).exclude(pk=self.pk).exists()
        ):
            errors.setdefault("level", []).append(_("There is already an active national network (KSR)."))
        if errors:
            raise ValidationError(errors)

    def _clean_parent(self, errors: dict[str, list[Any]], territory: Any) -> None:
        parent = self.parent if self.parent_id else None
        if parent is None:
            return
        if self.level == NetworkLevel.NATIONAL:
            errors["parent"] = [_("The national network has no parent network.")]
        elif parent.level != PARENT_LEVEL[NetworkLevel(self.level)]:
            errors["parent"] = [
                _("The parent of an LSR must be a regional network (RSR).")
                if self.level == NetworkLevel.LOCAL
                else _("The parent of an RSR must be the national network (KSR).")
            ]
        elif (
            self.level == NetworkLevel.LOCAL and territory is not None and parent.voivodeship_code != territory.code[:2]
        ):
            errors["parent"] = [_("The parent of an LSR must be the RSR of its own voivodeship.")]

    def _clean_variant(self, errors: dict[str, list[Any]]) -> None:
        if not self.creation_variant:
            errors["creation_variant"] = [_("Say how the LSR came to be: administrative or civic variant.")]
        elif self.creation_variant == CreationVariant.ADMINISTRATIVE:
            if not self.creation_act_kind:
                errors["creation_act_kind"] = [_("Choose the act that created the LSR.")]
            if not self.creation_act_number.strip():
                errors["creation_act_number"] = [_("Give the number of the decision or resolution.")]
            if not self.creation_act_date:
                errors["creation_act_date"] = [_("Give the date of the decision or resolution.")]
        elif self.creation_variant == CreationVariant.CIVIC and not self.civic_leaders.strip():
            errors["civic_leaders"] = [_("Name the local leaders who started the LSR.")]


class NetworkMembership(Tracked):
    """Membership of an organisation in a network, with join and leave dates (history is kept).

    An RSR's members include its LSRs and a KSR's its RSRs: those are recorded as
    ``member_network`` (the organisation is then the member network's main node).
    Leaving sets ``left_on``; rejoining is a new row.
    """

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("network")
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="network_memberships",
        verbose_name=_("organisation"),
    )
    member_network = models.ForeignKey(
        Network,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships_as_member",
        verbose_name=_("member network"),
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = NetworkMembershipQuerySet.as_manager()

    audit_organisation_path = "network.main_node"

    class Meta:
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        ordering = ["network", "-joined_on", "id"]

    def __str__(self) -> str:
        return f"{self.organisation} ∈ {self.network}"

    def clean(self) -> None:
        errors: dict[str, list[Any]] = {}
        if self.left_on and self.joined_on and self.left_on < self.joined_on:
            errors["left_on"] = [_("A member cannot leave before joining.")]
        # A member that has not joined yet is not recorded: every current member has joined (ADR 0016).
        field_not_after_today(self, "joined_on", errors)
        if self.pk is None and self.member_network_id is not None and self.network_id is not None:
            child = self.member_network
            if child is not None and self.network.level == NetworkLevel.LOCAL:
                errors["member_network"] = [_("An LSR has organisations as members, not networks.")]
            elif child is not None and child.parent_id not in (None, self.network_id):
                errors["member_network"] = [_("A network can only be a member of its parent network.")]
            elif child is not None and child.pk == self.network_id:
                errors["member_network"] = [_("A network cannot be its own member.")]
        if errors:
            raise ValidationError(errors)


class NetworkChild(Tracked):
    """Base of the records that belong to one network (the network decides who reads and writes)."""

    objects = NetworkChildQuerySet.as_manager()

    audit_organisation_path = "network.main_node"

    class Meta:
        abstract = True

    network: models.ForeignKey[Network, Network]  # each kind of record declares it


class AuspicesAct(NetworkChild):
    """The act by which the wójt/burmistrz/prezydent takes the KIS of an LSR under their auspices.

    Model KSR, II.3, local level: the KIS operates at least under these auspices.
    """

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="auspices_acts", verbose_name=_("network")
    )
    kind = models.CharField(_("kind of act"), max_length=16, choices=AuspicesKind.choices)
    number = models.CharField(_("number"), max_length=100, blank=True)
    date = models.DateField(_("date"))
    document_note = models.CharField(
        _("document"), max_length=300, blank=True, help_text=_("Where the document is kept, or its title.")
    )

    class Meta:
        verbose_name = _("act of auspices")
        verbose_name_plural = _("acts of auspices")
        ordering = ["network", "-date", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number} ({date_format(self.date, 'SHORT_DATE_FORMAT')})"

    def clean(self) -> None:
        if self.network_id is not None and self.network.level != NetworkLevel.LOCAL:
            raise ValidationError({"network": [_("Auspices are recorded for local networks (LSR) only.")]})
        if self.kind in (AuspicesKind.DECISION, AuspicesKind.RESOLUTION) and not self.number.strip():
            raise ValidationError({"number": [_("Give the number of the decision or resolution.")]})


class TeamMember(NetworkChild):
    """A member of the ROWR team of an RSR (or the KOWR team of the KSR) and their competences."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="team", verbose_name=_("network"))
    person = models.ForeignKey(
        "registry.Person", on_delete=models.PROTECT, related_name="network_teams", verbose_name=_("person")
    )
    team_role = models.CharField(_("role in the team"), max_length=200)
    competences = models.TextField(
        _("competences"),
        help_text=_("What this person knows and can do for the LSRs (Model KSR, II.3, regional level)."),
    )
    since = models.DateField(_("since"), null=True, blank=True)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["network", "person__last_name", "id"]
        constraints = [models.UniqueConstraint(fields=["network", "person"], name="team_member_unique_person")]

    def __str__(self) -> str:
        return f"{self.person} – {self.team_role}"

    def clean(self) -> None:
        if self.network_id is not None and self.network.level == NetworkLevel.LOCAL:
            raise ValidationError({"network": [_("Teams are kept for regional and national networks.")]})
        if self.person_id is not None and self.network_id is not None:
            host_ids = {self.network.main_node_id, self.network.main_node.parent_id}
            if self.person.organisation_id not in host_ids:
                raise ValidationError(
                    {"person": [_("Choose a person working in the main node or its host institution.")]}
                )


class TechnicalAssistance(NetworkChild):
    """Technical assistance an RSR gives to one of its LSRs (Model KSR, II.3, regional level)."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="assistance_given", verbose_name=_("regional network")
    )
    lsr = models.ForeignKey(
        Network, on_delete=models.PROTECT, related_name="assistance_received", verbose_name=_("local network")
    )
    provided_on = models.DateField(_("date"))
    form = models.CharField(_("form"), max_length=32, choices=AssistanceForm.choices, default=AssistanceForm.ADVICE)
    subject = models.CharField(_("what was done"), max_length=300)
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=AssistanceOutcome.choices, default=AssistanceOutcome.PENDING
    )
    outcome_note = models.TextField(_("outcome in words"), blank=True)

    class Meta:
        verbose_name = _("technical assistance")
        verbose_name_plural = _("technical assistance")
        ordering = ["network", "-provided_on", "id"]

    def __str__(self) -> str:
        return f"{self.lsr}: {self.subject} ({date_format(self.provided_on, 'SHORT_DATE_FORMAT')})"

    def clean(self) -> None:
        if self.network_id is None or self.lsr_id is None:
            return
        if self.network.level != NetworkLevel.REGIONAL:
            raise ValidationError({"network": [_("Technical assistance is given by a regional network (RSR).")]})
        if self.lsr.level != NetworkLevel.LOCAL or self.lsr.voivodeship_code != self.network.voivodeship_code:
            raise ValidationError({"lsr": [_("Choose an LSR of this voivodeship.")]})


class RegionalTask(HasStateMachine, NetworkChild):
    """One piece of work on the six tasks of the Regional Cooperation Platform (MLW i RPW, „RPW jako grupa robocza”)."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="regional_tasks", verbose_name=_("regional network")
    )
    task_type = models.CharField(_("task"), max_length=32, choices=RegionalTaskType.choices)
    title = models.CharField(_("title"), max_length=300)
    owner = models.ForeignKey(
        "registry.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="regional_tasks",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=TaskStatus.choices, default=TaskStatus.PLANNED)
    outcome = models.TextField(_("outcome"), blank=True)

    state_machine = TASK_MACHINE

    class Meta:
        verbose_name = _("RPW task")
        verbose_name_plural = _("RPW tasks")
        ordering = ["network", "status", "due_on", "id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.network_id is not None and self.network.level != NetworkLevel.REGIONAL:
            raise ValidationError({"network": [_("RPW tasks belong to a regional network (RSR).")]})
        if self.status == TaskStatus.DONE and not self.outcome.strip():
            raise ValidationError({"outcome": [_("Describe the outcome before marking the task done.")]})


class Recommendation(HasStateMachine, NetworkChild):
    """A recommendation of the KSR knowledge base, drawn from LSR experience (Model KSR, II.3, national level)."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="recommendations", verbose_name=_("national network")
    )
    title = models.CharField(_("title"), max_length=300)
    evidence = models.TextField(_("evidence"), help_text=_("What the LSRs experienced that supports it."))
    source_lsrs = models.ManyToManyField(
        Network, blank=True, related_name="recommendations_drawn", verbose_name=_("LSRs it comes from")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RecommendationStatus.choices, default=RecommendationStatus.DRAFT
    )

    state_machine = RECOMMENDATION_MACHINE

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["network", "-created_at", "id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.network_id is not None and self.network.level != NetworkLevel.NATIONAL:
            raise ValidationError({"network": [_("The knowledge base belongs to the national network (KSR).")]})
