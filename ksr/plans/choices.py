"""Choices of the plans app: contracts, the IPD, the potential diagnosis, the services card, outcomes.

Sources (Model KSR):
contracts Model KSR, II.4 „KIS ma własną tożsamość instytucjonalną”; IPD Model KSR, II.4 „KIS zatrudnia case managerów”;
reintegration potential Model KSR, I.4, II.4 „Oparcie funkcjonowania KIS na modelu empowerment”; the services card Model
KSR, II.4 „KIS zatrudnia case managerów”;
non-employment measures of success Model KSR, II.4, operational assumptions.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ksr.core.states import StateMachine


class ContractKind(models.TextChoices):
    """OPS clients: social contract; other KIS clients: internal agreement; CIS: IPZS (Model KSR, II.4 „KIS ma własną
    tożsamość instytucjonalną”; Prawne aspekty, II.2 (organisational model of the CIS), IV.1 (organisational
    standard of the KIS))."""

    SOCIAL_CONTRACT = "social_contract", _("Social contract")
    INTERNAL_AGREEMENT = "internal_agreement", _("Internal agreement")
    IPZS = "ipzs", _("Individual social employment programme (IPZS)")


class ContractStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("contract status", "Draft")
    IN_FORCE = "in_force", pgettext_lazy("contract status", "In force")
    COMPLETED = "completed", pgettext_lazy("contract status", "Completed")
    TERMINATED = "terminated", _("Support withdrawn")
    CANCELLED = "cancelled", pgettext_lazy("contract status", "Cancelled")


# A contract is amended (a new version) rather than ended when it is not kept (Model KSR, II.4 „KIS ma własną tożsamość
# instytucjonalną”):
# the only way out of "in force" besides completion is a sanction decision withdrawing support.
CONTRACT_MACHINE = StateMachine(
    ContractStatus,
    {
        ContractStatus.DRAFT: {ContractStatus.IN_FORCE, ContractStatus.CANCELLED},
        ContractStatus.IN_FORCE: {ContractStatus.COMPLETED, ContractStatus.TERMINATED},
        ContractStatus.COMPLETED: set(),
        ContractStatus.TERMINATED: set(),
        ContractStatus.CANCELLED: set(),
    },
)
OPEN_CONTRACT_STATUSES = (ContractStatus.DRAFT, ContractStatus.IN_FORCE)


class ReviewOutcome(models.TextChoices):
    KEPT = "kept", _("Kept")
    PARTLY_KEPT = "partly_kept", _("Partly kept")
    NOT_KEPT = "not_kept", _("Not kept: amend the contract")


class SanctionDecisionKind(models.TextChoices):
    """Decisions after an abuse, taken for the participant's good (Model KSR, II.4 „KIS ma własną tożsamość
    instytucjonalną”)."""

    KEEP = "keep", _("Keep the participant in the programme")
    AMEND = "amend", _("Amend the contract")
    WITHDRAW = "withdraw", _("Withdraw support")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("plan status", "Being prepared")
    SET = "set", pgettext_lazy("plan status", "Set")
    CLOSED = "closed", pgettext_lazy("plan status", "Closed")


def _plan_has_goals(plan: Any) -> None:
    if not plan.goals.exists():
        raise ValidationError(_("Add at least one goal before setting the plan."))


# The IPD is set once it has a goal, reopened for revision, and closed for good.
PLAN_MACHINE = StateMachine(
    PlanStatus,
    {
        PlanStatus.DRAFT: {PlanStatus.SET},
        PlanStatus.SET: {PlanStatus.DRAFT, PlanStatus.CLOSED},
        PlanStatus.CLOSED: set(),
    },
    guards={PlanStatus.SET: _plan_has_goals},
)


class PotentialDimension(models.TextChoices):
    """The three categories of factors shaping reintegration potential (Model KSR, I.4)."""

    INDIVIDUAL = "individual", _("Individual factors")
    LIFE_CIRCUMSTANCES = "life_circumstances", _("Life circumstances")
    ENVIRONMENT = "environment", _("Environmental factors")


class PotentialArea(models.TextChoices):
    """The four areas of in-depth support of KIS beneficiaries (Model KSR, II.4 „Oparcie funkcjonowania KIS na modelu
    empowerment”)."""

    SOCIAL_ROLES = "social_roles", _("Performing social roles (caring, parenting, partner, civic)")
    OWN_LIFE = "own_life", _("Managing one's own life (decisions, solving problems)")
    SOCIAL_SKILLS = "social_skills", _("Social skills (communication, emotions, conflicts)")
    SELF_ESTEEM = "self_esteem", _("Functional self-esteem and self-discipline")
    WORK = "work", _("Work and employment")
    FAMILY = "family", _("Family")


class PotentialItemKind(models.TextChoices):
    DEFICIT = "deficit", _("Deficit")
    RESOURCE = "resource", _("Resource")


class PotentialLevel(models.IntegerChoices):
    VERY_LOW = 1, _("1 – very low")
    LOW = 2, _("2 – low")
    MEDIUM = 3, _("3 – medium")
    HIGH = 4, _("4 – high")
    VERY_HIGH = 5, _("5 – very high")


class CardPart(models.TextChoices):
    """The two parts of the consulting services card (Model KSR, II.4 „KIS zatrudnia case managerów”)."""

    GENERAL = "general", _("General part")
    DETAILED = "detailed", _("Detailed part")


class ReferralSource(models.TextChoices):
    """ "Who refers to KIS?" (Model KSR, II.4 „KIS zatrudnia case managerów”, „KIS ma własną tożsamość
    instytucjonalną”: OPS or from outside OPS)."""

    OPS = "ops", _("Social assistance centre (OPS)")
    PUP = "pup", _("County labour office (PUP)")
    OTHER_INSTITUTION = "other_institution", _("Another institution")
    SELF = "self", _("Came on their own")


class Education(models.TextChoices):
    NONE = "none", _("No formal education")
    PRIMARY = "primary", _("Primary or lower secondary")
    VOCATIONAL = "vocational", _("Basic vocational")
    SECONDARY = "secondary", _("Secondary")
    POST_SECONDARY = "post_secondary", _("Post-secondary")
    HIGHER = "higher", _("Higher")


class MaritalStatus(models.TextChoices):
    SINGLE = "single", _("Single")
    MARRIED = "married", _("Married")
    PARTNERSHIP = "partnership", _("Informal partnership")
    SEPARATED = "separated", _("Separated")
    DIVORCED = "divorced", _("Divorced")
    WIDOWED = "widowed", _("Widowed")


class IncomeSource(models.TextChoices):
    SOCIAL_ASSISTANCE = "social_assistance", _("Social assistance benefits")
    UNEMPLOYMENT_BENEFIT = "unemployment_benefit", _("Unemployment benefit")
    PENSION = "pension", _("Retirement or disability pension")
    FAMILY = "family", _("Support from the family")
    CASUAL_WORK = "casual_work", _("Casual work")
    EMPLOYMENT = "employment", _("Employment")
    NONE = "none", _("No income")
    OTHER = "other", _("Other")


class OutcomeMeasure(models.TextChoices):
    """The nine non-employment measures of success of a KIS (Model KSR, II.4, operational assumptions)."""

    COMMUNICATION = "communication", _("Communication competences")
    FORMAL_MATTERS = "formal_matters", _("Sorting out formal matters (necessary documents etc.)")
    HEALTH = "health", _("Health changes (physical and mental) from addiction and co-dependency therapy")
    MOTIVATION = "motivation", _("Motivational changes from motivational training")
    PARTICIPATION = "participation", _("Participation in culture and health-promoting behaviour (physical activity)")
    SOCIAL_BONDS = "social_bonds", _("Social bonds in the place of residence")
    EMOTIONS = "emotions", _("Control and ordering of experiencing and expressing emotions")
    LIFE_GOALS = "life_goals", _("Ability to formulate life goals and the way to reach them")
    SELF_ESTEEM = "self_esteem", _("Self-esteem")


class Score(models.IntegerChoices):
    """One scale for every measure, with labelled anchors."""

    SERIOUS = 1, _("1 – serious difficulties")
    DIFFICULTIES = 2, _("2 – clear difficulties")
    PARTLY = 3, _("3 – partly managing")
    MOSTLY = 4, _("4 – mostly managing")
    FULLY = 5, _("5 – managing fully")


class OutcomeType(models.TextChoices):
    SOFT = "soft", _("Soft (social) outcome")
    HARD = "hard", _("Hard (vocational) outcome")


class OutcomeKind(models.TextChoices):
    # hard (vocational) outcomes
    JOB = "job", _("Job taken up")
    OWN_BUSINESS = "own_business", _("Own business started")
    SOCIAL_COOPERATIVE = "social_cooperative", _("Work in a social cooperative")
    SUPPORTED_EMPLOYMENT = "supported_employment", _("Supported employment")
    # soft (social) outcomes
    TRANSFER_TO_CIS = "transfer_to_cis", _("Moved on to a CIS")
    EDUCATION = "education", _("Education or training taken up")
    THERAPY = "therapy", _("Therapy taken up or completed")
    DOCUMENTS = "documents", _("Formal matters sorted out")
    COMMUNITY = "community", _("Active in the local community or volunteering")
    FAMILY = "family", _("Family relations improved")
    OTHER_SOFT = "other_soft", _("Other social outcome")


HARD_OUTCOMES = frozenset(
    {OutcomeKind.JOB, OutcomeKind.OWN_BUSINESS, OutcomeKind.SOCIAL_COOPERATIVE, OutcomeKind.SUPPORTED_EMPLOYMENT}
)


def outcome_type_of(kind: str) -> str:
    return OutcomeType.HARD if kind in HARD_OUTCOMES else OutcomeType.SOFT
