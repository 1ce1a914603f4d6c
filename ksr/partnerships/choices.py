"""Choices of the partnerships app, with the lifecycles as declared state machines."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ksr.core.states import StateMachine


class PartnershipForm(models.TextChoices):
    """Legal/formal form of a local partnership (Sektorowe usługi, zeszyt 2, part IV, building a local partnership:
    no separate legal form exists)."""

    ASSOCIATION = "association", _("Association")
    FOUNDATION = "foundation", _("Foundation")
    UNION_OF_ASSOCIATIONS = "union_of_associations", _("Union of associations")
    AGREEMENT = "agreement", _("Partnership agreement without legal personality")
    INFORMAL = "informal", _("Informal cooperation")


class PartnershipStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("partnership status", "Draft")
    CONSULTATION = "consultation", _("In consultation")
    SIGNED = "signed", pgettext_lazy("partnership status", "Signed")
    ACTIVE = "active", pgettext_lazy("partnership status", "Active")
    DISSOLVED = "dissolved", pgettext_lazy("partnership status", "Dissolved")


def _agreement_signed(partnership: Any) -> None:
    """A formal partnership is signed only once a version of its agreement carries a signing date."""
    if (
        partnership.form != PartnershipForm.INFORMAL
        and not partnership.agreement_versions.filter(signed_on__isnull=False).exists()
    ):
        raise ValidationError(_("Upload the signed agreement (a version with its signing date) before signing."))


PARTNERSHIP_MACHINE = StateMachine(
    PartnershipStatus,
    {
        PartnershipStatus.DRAFT: {PartnershipStatus.CONSULTATION},
        PartnershipStatus.CONSULTATION: {PartnershipStatus.DRAFT, PartnershipStatus.SIGNED},
        PartnershipStatus.SIGNED: {PartnershipStatus.ACTIVE},
        PartnershipStatus.ACTIVE: {PartnershipStatus.DISSOLVED},
        PartnershipStatus.DISSOLVED: set(),
    },
    guards={PartnershipStatus.SIGNED: _agreement_signed},
)


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


# Tasks of an action plan or of a synergy team move freely between their four states.
TASK_MACHINE = StateMachine(TaskStatus, {state: set(TaskStatus.values) - {state} for state in TaskStatus.values})


class ConclusionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")


# A binding conclusion is done, or reopened.
CONCLUSION_MACHINE = StateMachine(
    ConclusionStatus, {ConclusionStatus.OPEN: {ConclusionStatus.DONE}, ConclusionStatus.DONE: {ConclusionStatus.OPEN}}
)


class PactStatus(models.TextChoices):
    """The MLW Pact (MLW i RPW, „Gminny Pakt na rzecz MLW”): draft → consultation → signed (in force) → dissolved."""

    DRAFT = "draft", pgettext_lazy("pact status", "Draft")
    CONSULTATION = "consultation", _("In consultation")
    SIGNED = "signed", _("Signed, in force")
    DISSOLVED = "dissolved", pgettext_lazy("pact status", "Dissolved")


PACT_MINIMUM_SIGNATORIES = 3


def _active_signatories(pact: Any) -> int:
    return int(pact.signatories.filter(withdrawn_on__isnull=True).count())


def _enough_signatories(pact: Any) -> None:
    if _active_signatories(pact) < PACT_MINIMUM_SIGNATORIES:
        raise ValidationError(_("A Pact is signed by at least %(n)d signatories.") % {"n": PACT_MINIMUM_SIGNATORIES})


def _too_few_signatories(pact: Any) -> None:
    """Pact §5: a signed Pact dissolves when fewer than three active signatories remain — and only then."""
    if _active_signatories(pact) >= PACT_MINIMUM_SIGNATORIES:
        raise ValidationError(_("A signed Pact is dissolved only when fewer than three active signatories remain."))


PACT_MACHINE = StateMachine(
    PactStatus,
    {
        PactStatus.DRAFT: {PactStatus.CONSULTATION},
        PactStatus.CONSULTATION: {PactStatus.DRAFT, PactStatus.SIGNED},
        # The withdrawal service takes this move itself when fewer than three signatories remain.
        PactStatus.SIGNED: {PactStatus.DISSOLVED},
        PactStatus.DISSOLVED: set(),
    },
    guards={PactStatus.SIGNED: _enough_signatories, PactStatus.DISSOLVED: _too_few_signatories},
)
AUTOMATIC_PACT_STATES = frozenset({PactStatus.DISSOLVED})
"""States a Pact reaches by its rules, not by a button."""


class FormingActKind(models.TextChoices):
    """The act that formed a Local Synergy Team (MLW i RPW, „Zespół Synergii Lokalnej MLW”: initiated by the gmina
    head)."""

    ORDER = "order", _("Order (zarządzenie) of the wójt/mayor/city president")
    COUNCIL_RESOLUTION = "council_resolution", _("Gmina/city council resolution")
    DESIGNATION = "designation", _("Designation of a representative by the gmina head")
    OTHER = "other", _("Other")


class ServiceDeliveryForm(models.TextChoices):
    """Organisational variant of delivering reintegration services (MLW i RPW, „Wariant usług reintegracji społecznej
    i zawodowej”, „Zespół Synergii Lokalnej MLW”)."""

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
    """A stakeholder's attitude towards the LSR/MLW (Warianty animacyjne KIS, part I.2: Zwolennik / Neutralny)."""

    SUPPORTER = "supporter", _("Supporter")
    NEUTRAL = "neutral", _("Neutral")
    OPPONENT = "opponent", _("Opponent")
