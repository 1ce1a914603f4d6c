"""Contracts (with versions, reviews and sanction decisions), the IPD, the diagnosis of
reintegration potential, the consulting services card and the outcome measures of a case.

Model KSR: contracts Model KSR, II.4 „KIS ma własną tożsamość instytucjonalną”; IPD and the card
Model KSR, II.4 „KIS zatrudnia case managerów”; reintegration potential Model KSR, I.4, II.4 „Oparcie funkcjonowania KIS
na modelu empowerment”; non-employment measures of success Model KSR, II.4, operational assumptions.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ksr.core.models import Tracked
from ksr.core.validators import field_not_after_today

if TYPE_CHECKING:
    from ksr.cases.models import Case

from ksr.core.states import HasStateMachine
from ksr.plans.choices import (
    CONTRACT_MACHINE,
    OPEN_CONTRACT_STATUSES,
    PLAN_MACHINE,
    CardPart,
    ContractKind,
    ContractStatus,
    Education,
    IncomeSource,
    MaritalStatus,
    OutcomeKind,
    OutcomeMeasure,
    OutcomeType,
    PlanStatus,
    PotentialArea,
    PotentialDimension,
    PotentialItemKind,
    PotentialLevel,
    ReferralSource,
    ReviewOutcome,
    SanctionDecisionKind,
    Score,
    outcome_type_of,
)
from ksr.plans.querysets import AppendOnlyQuerySet, CaseOwnedQuerySet, ContractChildQuerySet
from ksr.registry.choices import OrganisationKind

USER = settings.AUTH_USER_MODEL

# "Ustalenie IPD wymaga zatem kilku tygodni" (Model KSR, II.4 „KIS zatrudnia case managerów”): the IPD is due this many
# weeks
# after the case is opened; override with the setting KSR_IPD_OBSERVATION_WEEKS.
DEFAULT_IPD_OBSERVATION_WEEKS = 6


def ipd_observation_weeks() -> int:
    return int(getattr(settings, "KSR_IPD_OBSERVATION_WEEKS", DEFAULT_IPD_OBSERVATION_WEEKS))


def ipd_due_on(case: Case) -> dt.date:
    """When the IPD of ``case`` should be set: opened + the observation period."""
    return case.opened_on + dt.timedelta(weeks=ipd_observation_weeks())


def observation_weeks_passed(case: Case, until: dt.date) -> int:
    """Whole weeks of diagnosis and observation from the opening of the case to ``until`` (the day
    the IPD was set, or today): "setting the IPD takes several weeks" (Model KSR, II.4 „KIS zatrudnia case
    managerów”)."""
    return max((until - case.opened_on).days // 7, 0)


def allowed_contract_kinds(organisation_kind: str) -> tuple[str, ...]:
    """An IPZS only in a CIS; a social contract or an internal agreement in a KIS."""
    if organisation_kind == OrganisationKind.CIS:
        return (ContractKind.IPZS,)
    return (ContractKind.SOCIAL_CONTRACT, ContractKind.INTERNAL_AGREEMENT)


class CaseOwned(Tracked):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+", verbose_name=_("case"))

    class Meta:
        abstract = True

    @property
    def audit_organisation(self) -> Any:
        return self.case.organisation


class Contract(HasStateMachine, CaseOwned):
    """A social contract, internal agreement or IPZS, co-authored with the participant (Model KSR, II.4 „KIS ma
    własną tożsamość instytucjonalną”)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="contracts", verbose_name=_("case"))
    kind = models.CharField(_("kind"), max_length=20, choices=ContractKind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=ContractStatus.choices, default=ContractStatus.DRAFT, db_index=True
    )
    review_interval_days = models.PositiveSmallIntegerField(
        _("review interval (days)"),
        default=90,
        help_text=_("The contract's entries are verified systematically, at this interval."),
    )
    next_review_on = models.DateField(_("next review on"), null=True, blank=True)

    objects = CaseOwnedQuerySet.as_manager()
    state_machine = CONTRACT_MACHINE

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    def clean(self) -> None:
        if self.case_id and self.kind and self.kind not in allowed_contract_kinds(self.case.organisation.kind):
            if self.kind == ContractKind.IPZS:
                raise ValidationError({"kind": gettext("An IPZS is concluded only in a CIS.")})
            raise ValidationError({"kind": gettext("In a CIS the contract is an IPZS.")})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_CONTRACT_STATUSES


class ContractVersion(Tracked):
    """One version of a contract's text; a change is a new version, never an edit (Model KSR, II.4 „KIS ma własną
    tożsamość instytucjonalną”)."""

    contract = models.ForeignKey(
        Contract, on_delete=models.PROTECT, related_name="versions", verbose_name=_("contract")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    content = models.TextField(_("agreed goals, actions and obligations"))
    participant_words = models.TextField(
        _("in the participant's own words"),
        blank=True,
        help_text=_("What the participant wants to achieve and commits to, written as they said it."),
    )
    change_reason = models.TextField(_("reason for the change"), blank=True)
    valid_from = models.DateField(_("valid from"))
    participant_signed_on = models.DateField(_("signed by the participant on"), null=True, blank=True)
    worker_signed_on = models.DateField(_("signed by the worker on"), null=True, blank=True)
    worker = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("signing worker")
    )

    objects = ContractChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("contract version")
        verbose_name_plural = _("contract versions")
        ordering = ["contract", "-number"]
        constraints = [models.UniqueConstraint(fields=["contract", "number"], name="plans_contract_version_unique")]

    def __str__(self) -> str:
        return f"{self.contract} v{self.number}"

    @property
    def audit_organisation(self) -> Any:
        return self.contract.case.organisation

    @property
    def is_signed(self) -> bool:
        return self.participant_signed_on is not None and self.worker_signed_on is not None

    def clean(self) -> None:
        errors: dict[str, str] = {}
        for name in ("participant_signed_on", "worker_signed_on"):
            value = getattr(self, name)
            if value and self.valid_from and value > self.valid_from + dt.timedelta(days=366):
                errors[name] = gettext("The signing date is too far from the start of the version.")
        opened_on = self.contract.case.opened_on if self.contract_id else None
        if self.valid_from and opened_on and self.valid_from < opened_on:
            errors["valid_from"] = gettext(
                "The contract cannot be valid from before the case was opened (%(date)s)."
            ) % {"date": date_format(opened_on, "SHORT_DATE_FORMAT")}
        if errors:
            raise ValidationError(errors)


class ContractReview(Tracked):
    """A scheduled verification of the contract's entries and its outcome."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("contract"))
    reviewed_on = models.DateField(_("reviewed on"))
    outcome = models.CharField(_("outcome"), max_length=12, choices=ReviewOutcome.choices)
    note = models.TextField(_("note"), blank=True)
    reviewed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("reviewed by"))

    objects = ContractChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("contract review")
        verbose_name_plural = _("contract reviews")
        ordering = ["-reviewed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.contract} — {self.reviewed_on}"

    @property
    def audit_organisation(self) -> Any:
        return self.contract.case.organisation


class SanctionDecision(Tracked):
    """A decision after an abuse, taken for the participant's good (Model KSR, II.4 „KIS ma własną tożsamość
    instytucjonalną”)."""

    contract = models.ForeignKey(
        Contract, on_delete=models.PROTECT, related_name="sanctions", verbose_name=_("contract")
    )
    decision = models.CharField(_("decision"), max_length=12, choices=SanctionDecisionKind.choices)
    reason = models.TextField(_("reason"), help_text=_("Why this decision serves the participant's good."))
    decided_on = models.DateField(_("decided on"))
    decided_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("decided by"))

    objects = ContractChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("sanction decision")
        verbose_name_plural = _("sanction decisions")
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} — {self.decided_on}"

    @property
    def audit_organisation(self) -> Any:
        return self.contract.case.organisation


class ActionPlan(HasStateMachine, CaseOwned):
    """The individual action plan (IPD), set after diagnosis and observation (Model KSR, II.4 „KIS zatrudnia case
    managerów”)."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, related_name="action_plan", verbose_name=_("case")
    )
    status = models.CharField(_("status"), max_length=8, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    set_on = models.DateField(_("set on"), null=True, blank=True)
    diagnosis_summary = models.TextField(_("summary of the diagnosis and observation"), blank=True)
    participant_words = models.TextField(_("in the participant's own words"), blank=True)
    sectors = models.ManyToManyField(
        "registry.Sector",
        blank=True,
        related_name="+",
        verbose_name=_("sectors of the new service profile covered"),
        help_text=_("Education, culture, health, sport and recreation: the plan's intended coverage."),
    )

    objects = CaseOwnedQuerySet.as_manager()
    state_machine = PLAN_MACHINE

    class Meta:
        verbose_name = _("individual action plan")
        verbose_name_plural = _("individual action plans")

    def __str__(self) -> str:
        return gettext("IPD of %(case)s") % {"case": self.case}


class PlanGoal(Tracked):
    """A goal of the IPD with its actions, dates and the sector it belongs to."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("plan"))
    goal = models.CharField(_("goal"), max_length=300)
    actions = models.TextField(_("actions"), blank=True)
    sector = models.ForeignKey(
        "registry.Sector", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("sector")
    )
    start_on = models.DateField(_("start"), null=True, blank=True)
    due_on = models.DateField(_("due"), null=True, blank=True)
    achieved_on = models.DateField(_("achieved on"), null=True, blank=True)

    class Meta:
        verbose_name = _("plan goal")
        verbose_name_plural = _("plan goals")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.goal

    @property
    def audit_organisation(self) -> Any:
        return self.plan.case.organisation

    def clean(self) -> None:
        if self.start_on and self.due_on and self.due_on < self.start_on:
            raise ValidationError({"due_on": gettext("The due date cannot precede the start.")})


class Assessment(CaseOwned):
    """An assessment of the case on a day, by a worker (with its rows: items or scores)."""

    assessed_on = models.DateField(_("assessed on"))
    assessed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("assessed by"))

    objects = CaseOwnedQuerySet.as_manager()

    class Meta:
        abstract = True


class PotentialAssessment(Assessment):
    """A diagnosis of reintegration potential: deficits and resources, level and structure (Model KSR, I.4)."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="potential_assessments", verbose_name=_("case")
    )
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        verbose_name = _("diagnosis of reintegration potential")
        verbose_name_plural = _("diagnoses of reintegration potential")
        ordering = ["-assessed_on", "-id"]

    def __str__(self) -> str:
        return gettext("Diagnosis of %(date)s") % {"date": self.assessed_on}


class PotentialItem(models.Model):
    assessment = models.ForeignKey(
        PotentialAssessment, on_delete=models.CASCADE, related_name="items", verbose_name=_("diagnosis")
    )
    dimension = models.CharField(_("category of factors"), max_length=20, choices=PotentialDimension.choices)
    area = models.CharField(_("area"), max_length=16, choices=PotentialArea.choices)
    kind = models.CharField(_("deficit or resource"), max_length=10, choices=PotentialItemKind.choices)
    level = models.PositiveSmallIntegerField(_("level"), choices=PotentialLevel.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("diagnosis item")
        verbose_name_plural = _("diagnosis items")
        ordering = ["dimension", "area", "kind", "id"]

    def __str__(self) -> str:
        return f"{self.get_dimension_display()} / {self.get_area_display()}: {self.get_kind_display()}"


GENERAL_FIELDS = (
    "personal_data",
    "referred_by",
    "referred_by_detail",
    "participation_ended_on",
    "months_without_work",
    "education",
    "qualifications",
    "health_conditions",
    "socio_economic_conditions",
    "marital_status",
    "income_source",
    "material_situation",
)
DETAILED_FIELDS = (
    "social_needs",
    "vocational_needs",
    "resources",
    "psychologist_opinion",
    "vocational_adviser_opinion",
    "other_specialists_opinion",
    "proposed_support",
    "actions",
    "effects",
    "results",
    "course_of_actions",
    "follow_up_monitoring",
    "support_signatories",
    "family_assistant_needs",
    "family_assistant_barriers",
)
PART_FIELDS: dict[str, tuple[str, ...]] = {CardPart.GENERAL: GENERAL_FIELDS, CardPart.DETAILED: DETAILED_FIELDS}
FREE_TEXT_FIELDS = tuple(
    name
    for name in (*GENERAL_FIELDS, *DETAILED_FIELDS)
    if name
    not in {
        "referred_by",
        "participation_ended_on",
        "months_without_work",
        "education",
        "marital_status",
        "income_source",
    }
)


class ServiceCardEntry(CaseOwned):
    """One dated, signed entry of the consulting services card (Model KSR, II.4 „KIS zatrudnia case managerów”).

    The card is a rolling record: entries are only ever added. An entry is never edited or
    deleted; a correction is a new entry pointing at the one it corrects.
    """

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="card_entries", verbose_name=_("case")
    )
    part = models.CharField(_("part of the card"), max_length=8, choices=CardPart.choices)
    entered_on = models.DateField(_("date of the entry"))
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("author"))
    signed_at = models.DateTimeField(_("signed by the author at"), auto_now_add=True)
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("corrects the entry"),
    )
    correction_reason = models.TextField(_("reason for the correction"), blank=True)

    # General part (część ogólna)
    personal_data = models.TextField(_("personal data"), blank=True)
    referred_by = models.CharField(_("who refers to KIS?"), max_length=20, choices=ReferralSource.choices, blank=True)
    referred_by_detail = models.CharField(_("referring institution or person"), max_length=300, blank=True)
    participation_ended_on = models.DateField(_("date participation in KIS ended"), null=True, blank=True)
    months_without_work = models.PositiveSmallIntegerField(_("time without work (months)"), null=True, blank=True)
    education = models.CharField(_("education"), max_length=16, choices=Education.choices, blank=True)
    qualifications = models.TextField(_("qualifications held"), blank=True)
    health_conditions = models.TextField(_("health conditions"), blank=True)
    socio_economic_conditions = models.TextField(_("socio-economic conditions"), blank=True)
    marital_status = models.CharField(_("marital status"), max_length=12, choices=MaritalStatus.choices, blank=True)
    income_source = models.CharField(_("source of income"), max_length=24, choices=IncomeSource.choices, blank=True)
    material_situation = models.TextField(_("material situation"), blank=True)

    # Detailed part (część szczegółowa)
    social_needs = models.TextField(_("diagnosed needs of the client: social"), blank=True)
    vocational_needs = models.TextField(_("diagnosed needs of the client: vocational"), blank=True)
    resources = models.TextField(_("client's resources"), blank=True)
    psychologist_opinion = models.TextField(_("opinion of the psychologist"), blank=True)
    vocational_adviser_opinion = models.TextField(_("opinion of the vocational adviser"), blank=True)
    other_specialists_opinion = models.TextField(_("opinions of other specialists"), blank=True)
    proposed_support = models.TextField(_("forms of proposed support (and their time)"), blank=True)
    actions = models.TextField(_("actions directed at the client over time"), blank=True)
    effects = models.TextField(_("effects"), blank=True)
    results = models.TextField(_("results"), blank=True)
    course_of_actions = models.TextField(_("course of actions"), blank=True)
    follow_up_monitoring = models.TextField(_("monitoring half a year after leaving KIS"), blank=True)
    support_signatories = models.TextField(
        _("persons providing support who sign"),
        blank=True,
        help_text=_("Besides the author, who signs this entry (name and function)."),
    )
    family_assistant_needs = models.TextField(_("family assistant's notes: needs and help provided"), blank=True)
    family_assistant_barriers = models.TextField(
        _("family assistant's notes: barriers to participation found"), blank=True
    )

    # Signature of the participant
    participant_signed = models.BooleanField(_("signed by the participant"), default=False)
    participant_signed_on = models.DateField(_("participant signed on"), null=True, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    # Special categories of personal data (RODO art. 9 ust. 1; ``ksr.cases.special``, ADR 0010):
    # the health conditions and the psychologist's opinion are read only by those who work with
    # the person. ``special_category_owner`` is the path to the participant.
    special_category_fields: tuple[str, ...] = ("health_conditions", "psychologist_opinion")
    special_category_owner = "case__participant"

    class Meta:
        verbose_name = _("services card entry")
        verbose_name_plural = _("services card entries")
        ordering = ["-entered_on", "-id"]

    def __str__(self) -> str:
        return gettext("%(part)s, %(date)s") % {"part": self.get_part_display(), "date": self.entered_on}

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise TypeError("Service card entries are append-only; they cannot be edited.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("Service card entries are append-only; they cannot be deleted.")

    def filled_fields(self, hidden: tuple[str, ...] = ()) -> list[tuple[str, Any]]:
        """(label, shown value) of the filled fields of this entry's part, in the card's order,
        without the ``hidden`` ones (the special-category fields a reader may not see)."""
        out: list[tuple[Any, Any]] = []
        for name in PART_FIELDS.get(self.part, ()):
            if name in hidden:
                continue
            value = getattr(self, name)
            if value in (None, ""):
                continue
            field: Any = self._meta.get_field(name)
            shown = getattr(self, f"get_{name}_display")() if getattr(field, "choices", None) else value
            out.append((field.verbose_name, shown))
        return out

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        own = PART_FIELDS.get(self.part, ())
        other = DETAILED_FIELDS if self.part == CardPart.GENERAL else GENERAL_FIELDS
        stray = [n for n in other if getattr(self, n) not in (None, "")]
        if stray:
            errors["part"] = gettext("Fill in only the fields of the chosen part of the card.")
        elif not any(getattr(self, n) not in (None, "") for n in own):
            errors["part"] = gettext("The entry records nothing: fill in at least one field of its part.")
        field_not_after_today(self, "entered_on", errors)
        if self.participant_signed and not self.participant_signed_on:
            errors["participant_signed_on"] = gettext("Give the date the participant signed.")
        if self.participant_signed_on and not self.participant_signed:
            errors["participant_signed"] = gettext("A signing date is given, but the entry is not marked as signed.")
        corrected: Any = self.corrects if self.corrects_id else None
        if corrected is not None:
            if corrected.case_id != self.case_id:
                errors["corrects"] = gettext("A correction must refer to an entry of the same card.")
            elif corrected.part != self.part:
                errors["corrects"] = gettext(
                    "A correction must be in the same part of the card as the entry it corrects."
                )
            if not self.correction_reason.strip():
                errors["correction_reason"] = gettext("Say what the correction corrects.")
        if errors:
            raise ValidationError(errors)


class OutcomeAssessment(Assessment):
    """A periodic assessment of the nine non-employment measures of success (Model KSR, II.4, operational
    assumptions)."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="outcome_assessments", verbose_name=_("case")
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("assessment of outcome measures")
        verbose_name_plural = _("assessments of outcome measures")
        ordering = ["assessed_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "assessed_on"], name="plans_outcome_assessment_one_per_day")
        ]

    def __str__(self) -> str:
        return gettext("Assessment of %(date)s") % {"date": self.assessed_on}

    def clean(self) -> None:
        errors: dict[str, list[Any]] = {}
        field_not_after_today(self, "assessed_on", errors)
        if errors:
            raise ValidationError(errors)


class OutcomeScore(models.Model):
    assessment = models.ForeignKey(
        OutcomeAssessment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("assessment")
    )
    measure = models.CharField(_("measure"), max_length=16, choices=OutcomeMeasure.choices)
    score = models.PositiveSmallIntegerField(_("score"), choices=Score.choices)
    comment = models.CharField(_("comment"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("measure score")
        verbose_name_plural = _("measure scores")
        constraints = [models.UniqueConstraint(fields=["assessment", "measure"], name="plans_outcome_score_unique")]

    def __str__(self) -> str:
        return f"{self.get_measure_display()}: {self.score}"


class OutcomeEvent(CaseOwned):
    """A soft (social) or hard (vocational) outcome reached, with its date."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="outcome_events", verbose_name=_("case")
    )
    kind = models.CharField(_("outcome"), max_length=24, choices=OutcomeKind.choices)
    outcome_type = models.CharField(_("type"), max_length=4, choices=OutcomeType.choices, editable=False)
    occurred_on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by"))

    objects = CaseOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["-occurred_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.occurred_on}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.outcome_type = outcome_type_of(self.kind)
        super().save(*args, **kwargs)
