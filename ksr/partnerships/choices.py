"""Choices of the partnerships app, with the lifecycles as explicit transition tables."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnershipForm(models.TextChoices):
    """Legal/formal form of a local partnership (000.md §2.5: no separate legal form exists)."""

    ASSOCIATION = "association", _("Association")
    FOUNDATION = "foundation", _("Foundation")
    UNION_OF_ASSOCIATIONS = "union_of_associations", _("Union of associations")
    AGREEMENT = "agreement", _("Partnership agreement without legal personality")
    INFORMAL = "informal", _("Informal cooperation")


class PartnershipStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CONSULTATION = "consultation", _("In consultation")
    SIGNED = "signed", _("Signed")
    ACTIVE = "active", _("Active")
    DISSOLVED = "dissolved", _("Dissolved")


PARTNERSHIP_TRANSITIONS: dict[str, frozenset[str]] = {
    PartnershipStatus.DRAFT: frozenset({PartnershipStatus.CONSULTATION}),
    PartnershipStatus.CONSULTATION: frozenset({PartnershipStatus.DRAFT, PartnershipStatus.SIGNED}),
    PartnershipStatus.SIGNED: frozenset({PartnershipStatus.ACTIVE}),
    PartnershipStatus.ACTIVE: frozenset({PartnershipStatus.DISSOLVED}),
    PartnershipStatus.DISSOLVED: frozenset(),
}


class PartnerRole(models.TextChoices):
    LEADER = "leader", _("Leader")
    PARTNER = "partner", _("Partner")
    SUPPORTING = "supporting", _("Supporting partner")
    DOCUMENTATION_KEEPER = "documentation_keeper", _("Partner keeping the documentation")


class ContributionKind(models.TextChoices):
    STAFF = "staff", _("Staff")
    PREMISES = "premises", _("Premises")
    EQUIPMENT = "equipment", _("Equipment")
    MONEY = "money", _("Money")
    SERVICES = "services", _("Services")


class TaskStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class ConclusionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")


class PactStatus(models.TextChoices):
    """The MLW Pact (002.md §3.5): draft → consultation → signed (in force) → dissolved."""

    DRAFT = "draft", _("Draft")
    CONSULTATION = "consultation", _("In consultation")
    SIGNED = "signed", _("Signed, in force")
    DISSOLVED = "dissolved", _("Dissolved")


PACT_TRANSITIONS: dict[str, frozenset[str]] = {
    PactStatus.DRAFT: frozenset({PactStatus.CONSULTATION}),
    PactStatus.CONSULTATION: frozenset({PactStatus.DRAFT, PactStatus.SIGNED}),
    # Dissolution happens only when fewer than three signatories remain active (Pact §5),
    # which the withdrawal service marks itself.
    PactStatus.SIGNED: frozenset(),
    PactStatus.DISSOLVED: frozenset(),
}

PACT_MINIMUM_SIGNATORIES = 3


class FormingActKind(models.TextChoices):
    """The act that formed a Local Synergy Team (002.md §6: initiated by the gmina head)."""

    ORDER = "order", _("Order (zarządzenie) of the wójt/mayor/city president")
    COUNCIL_RESOLUTION = "council_resolution", _("Gmina/city council resolution")
    DESIGNATION = "designation", _("Designation of a representative by the gmina head")
    OTHER = "other", _("Other")


class ServiceDeliveryForm(models.TextChoices):
    """Organisational variant of delivering reintegration services (002.md §3.2, §6)."""

    NEW_KIS = "new_kis", _("A new KIS")
    REVITALISED_KIS = "revitalised_kis", _("A revitalised KIS within the OPS")
    NEIGHBOUR_KIS = "neighbour_kis", _("Partnership with a neighbouring gmina's KIS")
    SOCIAL_ECONOMY = "social_economy", _("A social economy entity")


class TeamTaskKind(models.TextChoices):
    DRAFT_PACT = "draft_pact", _("Drafting the Pact")
    CONSULT_PACT = "consult_pact", _("Consulting the Pact")
    CHOOSE_FORM = "choose_form", _("Choosing the form of delivering reintegration services")
    ADVISE = "advise", _("Advising the gmina authorities")
    OTHER = "other", _("Other")


class Attitude(models.TextChoices):
    """A stakeholder's attitude towards the LSR/MLW (004.md: Zwolennik / Neutralny)."""

    SUPPORTER = "supporter", _("Supporter")
    NEUTRAL = "neutral", _("Neutral")
    OPPONENT = "opponent", _("Opponent")
