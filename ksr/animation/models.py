"""OSAR training, regional animators, ZRAR teams, scenario choices, events and advice visits."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ksr.animation import querysets as qs
from ksr.animation.choices import (
    ADVISED_KINDS,
    ANIMATOR_MACHINE,
    KIND_TO_ORIGIN,
    MIN_TEAM_MEMBERS,
    MIN_TEAM_ORIGINS,
    AnimatorStatus,
    EventKind,
    ExamResult,
    Origin,
    ReadinessLevel,
    ScenarioCode,
)
from ksr.core.models import Tracked
from ksr.core.states import HasStateMachine
from ksr.registry.choices import OrganisationKind
from ksr.territory.choices import UnitLevel


class ZrarTeam(Tracked):
    """A team of regional reintegration animators (ZRAR), one per voivodeship, hosted by its ROPS."""

    region = models.OneToOneField(
        "territory.TerritorialUnit",
        on_delete=models.PROTECT,
        related_name="zrar_team",
        verbose_name=_("voivodeship"),
        limit_choices_to={"level": UnitLevel.VOIVODESHIP},
    )
    host = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="hosted_zrar_teams",
        verbose_name=_("host ROPS"),
        limit_choices_to={"kind": OrganisationKind.ROPS},
    )
    name = models.CharField(_("name"), max_length=200)

    objects = qs.TeamQuerySet.as_manager()

    audit_organisation_path = "host"

    class Meta:
        verbose_name = _("ZRAR team")
        verbose_name_plural = _("ZRAR teams")
        ordering = ["region__code"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.region_id and self.region.level != UnitLevel.VOIVODESHIP:
            errors["region"] = _("A ZRAR team works in a voivodeship.")
        if self.host_id and self.host.kind != OrganisationKind.ROPS:
            errors["host"] = _("A ZRAR team is hosted by the regional social policy centre (ROPS).")
        elif self.host_id and self.region_id and not self.host.seat.code.startswith(self.region.code):
            errors["host"] = _("The host ROPS must lie in the team's voivodeship.")
        if errors:
            raise ValidationError(errors)

    def flags(self, members: list[Animator] | None = None) -> list[str]:
        """Problems of the team's composition (translated), empty when valid.

        Valid = at least MIN_TEAM_MEMBERS members (inactive ones do not count) drawn from at least
        MIN_TEAM_ORIGINS different origins (social assistance, labour market, social-employment
        entities, NGOs; "other" does not count) — Fiszka projektu KSR, milestone 3, tasks of milestone 3.
        """
        if members is None:
            members = list(self.members.select_related("home_institution"))
        working = [m for m in members if m.status != AnimatorStatus.INACTIVE]
        out: list[str] = []
        if len(working) < MIN_TEAM_MEMBERS:
            out.append(str(_("Fewer than 3 members")))
        origins = {m.origin for m in working} - {Origin.OTHER}
        if len(origins) < MIN_TEAM_ORIGINS:
            out.append(str(_("No mixed origin (fewer than 2 sectors)")))
        return out


class Animator(HasStateMachine, Tracked):
    """A regional animator: trained and examined by OSAR, member of their region's ZRAR team."""

    state_machine = ANIMATOR_MACHINE

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="animator_profiles",
        verbose_name=_("user account"),
    )
    person = models.ForeignKey(
        "registry.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="animator_profiles",
        verbose_name=_("person in the registry"),
    )
    full_name = models.CharField(_("full name"), max_length=200)
    home_institution = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="animators",
        verbose_name=_("home institution"),
        help_text=_("Its kind decides the animator's origin (sector) in the ZRAR team."),
    )
    region = models.ForeignKey(
        "territory.TerritorialUnit",
        on_delete=models.PROTECT,
        related_name="animators",
        verbose_name=_("voivodeship"),
        limit_choices_to={"level": UnitLevel.VOIVODESHIP},
    )
    team = models.ForeignKey(
        ZrarTeam,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("ZRAR team"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=AnimatorStatus.choices, default=AnimatorStatus.CANDIDATE, db_index=True
    )

    objects = qs.AnimatorQuerySet.as_manager()

    audit_organisation_path = "home_institution"

    class Meta:
        verbose_name = _("animator")
        verbose_name_plural = _("animators")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def origin(self) -> str:
        return KIND_TO_ORIGIN.get(self.home_institution.kind, Origin.OTHER)

    def get_origin_display(self) -> str:
        return str(Origin(self.origin).label)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.region_id and self.region.level != UnitLevel.VOIVODESHIP:
            errors["region"] = _("Choose a voivodeship.")
        if self.team is not None and self.region_id and self.team.region_id != self.region_id:
            errors["team"] = _("The team works in another voivodeship.")
        if errors:
            raise ValidationError(errors)


class TrainingModule(Tracked):
    """A module of the OSAR education cycle completed by an animator."""

    animator = models.ForeignKey(Animator, on_delete=models.CASCADE, related_name="modules", verbose_name=_("animator"))
    title = models.CharField(_("module"), max_length=200)
    completed_on = models.DateField(_("completed on"))

    objects = qs.TrainingModuleQuerySet.as_manager()

    audit_organisation_path = "animator.home_institution"

    class Meta:
        verbose_name = _("training module")
        verbose_name_plural = _("training modules")
        ordering = ["completed_on", "pk"]

    def __str__(self) -> str:
        return self.title


class Examination(Tracked):
    """An OSAR examination taken by an animator; a pass certifies a trained animator."""

    animator = models.ForeignKey(
        Animator, on_delete=models.CASCADE, related_name="examinations", verbose_name=_("animator")
    )
    taken_on = models.DateField(_("date"))
    result = models.CharField(_("result"), max_length=8, choices=ExamResult.choices)
    score = models.DecimalField(
        _("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True, help_text=_("From 0 to 100.")
    )

    objects = qs.ExaminationQuerySet.as_manager()

    audit_organisation_path = "animator.home_institution"

    class Meta:
        verbose_name = _("examination")
        verbose_name_plural = _("examinations")
        ordering = ["taken_on", "pk"]

    def __str__(self) -> str:
        return f"{self.animator} {self.taken_on}"

    def clean(self) -> None:
        if self.score is not None and not 0 <= self.score <= 100:
            raise ValidationError({"score": _("The score must lie between 0 and 100.")})


class ScenarioChoice(Tracked):
    """The scenario of influence chosen for a gmina: proposed from readiness, confirmed or changed."""

    gmina = models.OneToOneField(
        "territory.TerritorialUnit",
        on_delete=models.PROTECT,
        related_name="animation_scenario",
        verbose_name=_("gmina"),
        limit_choices_to={"level": UnitLevel.GMINA},
    )
    readiness_value = models.FloatField(_("readiness score"), null=True, blank=True)
    readiness_level = models.CharField(_("readiness level"), max_length=8, choices=ReadinessLevel.choices, blank=True)
    proposed_scenario = models.CharField(
        _("proposed scenario"), max_length=32, choices=ScenarioCode.choices, blank=True
    )
    scenario = models.CharField(_("chosen scenario"), max_length=32, choices=ScenarioCode.choices)
    change_reason = models.TextField(
        _("reason for changing the proposal"),
        blank=True,
        help_text=_("Required when the chosen scenario differs from the proposed one."),
    )
    animator = models.ForeignKey(
        Animator,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="scenario_choices",
        verbose_name=_("animator"),
    )
    baseline_survey = models.CharField(
        _("baseline survey"),
        max_length=100,
        blank=True,
        help_text=_("Number (id) of the survey measuring attitudes before the animation."),
    )
    follow_up_survey = models.CharField(
        _("follow-up survey"),
        max_length=100,
        blank=True,
        help_text=_("Number (id) of the survey of the same institutions after the animation."),
    )
    follow_up_on = models.DateField(
        _("follow-up survey date"),
        null=True,
        blank=True,
        help_text=_("When the same institutions are surveyed again to measure the change of attitude."),
    )

    objects = qs.ScenarioChoiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("scenario choice")
        verbose_name_plural = _("scenario choices")
        ordering = ["gmina__code"]

    def __str__(self) -> str:
        return f"{self.gmina}: {self.get_scenario_display()}"

    @property
    def is_changed(self) -> bool:
        return bool(self.proposed_scenario) and self.scenario != self.proposed_scenario

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.gmina_id and self.gmina.level != UnitLevel.GMINA:
            errors["gmina"] = _("Choose a gmina.")
        if self.is_changed and not self.change_reason.strip():
            errors["change_reason"] = _("Give the reason for choosing another scenario than the proposed one.")
        if self.animator is not None and self.gmina_id and not self.gmina.code.startswith(self.animator.region.code):
            errors["animator"] = _("The animator works in another voivodeship.")
        if errors:
            raise ValidationError(errors)


class AnimationEvent(Tracked):
    """An animation, promotion or education event held in a gmina (Sektorowe usługi, zeszyt 2, part IV, animation-
    information seminar; Warianty animacyjne KIS, part I.2)."""

    kind = models.CharField(_("kind"), max_length=24, choices=EventKind.choices, db_index=True)
    gmina = models.ForeignKey(
        "territory.TerritorialUnit",
        on_delete=models.PROTECT,
        related_name="animation_events",
        verbose_name=_("gmina"),
        limit_choices_to={"level": UnitLevel.GMINA},
    )
    scenario_choice = models.ForeignKey(
        ScenarioChoice,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("scenario"),
    )
    held_on = models.DateField(_("date"))
    title = models.CharField(_("title or topic"), max_length=300)
    goal = models.TextField(_("goal"), blank=True)
    agenda = models.TextField(
        _("agenda"), blank=True, help_text=_("One item a line: lectures and workshops of a seminar.")
    )
    animator = models.ForeignKey(
        Animator,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("animator"),
    )
    invited = models.ManyToManyField(
        "registry.Organisation", blank=True, related_name="+", verbose_name=_("invited institutions")
    )
    present = models.ManyToManyField(
        "registry.Organisation", blank=True, related_name="+", verbose_name=_("institutions present")
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = qs.EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("animation event")
        verbose_name_plural = _("animation events")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.gmina_id and self.gmina.level != UnitLevel.GMINA:
            errors["gmina"] = _("Choose a gmina.")
        if self.scenario_choice is not None and self.scenario_choice.gmina_id != self.gmina_id:
            errors["scenario_choice"] = _("The scenario was chosen for another gmina.")
        if errors:
            raise ValidationError(errors)


class AdviceVisit(Tracked):
    """A ZRAR consulting visit to an operating KIS/CIS (Fiszka projektu KSR, milestone 3, tasks of milestone 3), and
    its adoption of the new profile."""

    entity = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="advice_visits",
        verbose_name=_("entity"),
        limit_choices_to={"kind__in": ADVISED_KINDS},
    )
    visited_on = models.DateField(_("date"))
    animator = models.ForeignKey(
        Animator, on_delete=models.PROTECT, related_name="advice_visits", verbose_name=_("animator")
    )
    topics = models.TextField(_("topics"))
    outcome = models.TextField(_("outcome"), blank=True)
    adopted_new_profile = models.BooleanField(
        _("adopted the new service profile"),
        default=False,
        help_text=_("The entity adopted the new (sectoral) service profile; give the date and the evidence."),
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adoption_evidence = models.TextField(_("evidence of adoption"), blank=True)

    objects = qs.AdviceVisitQuerySet.as_manager()

    audit_organisation_path = "entity"

    class Meta:
        verbose_name = _("advice visit")
        verbose_name_plural = _("advice visits")
        ordering = ["-visited_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.entity} {self.visited_on}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.entity_id and self.entity.kind not in ADVISED_KINDS:
            errors["entity"] = _("Advice visits are paid to operating KIS and CIS.")
        if self.entity_id and self.animator_id and not self.entity.seat.code.startswith(self.animator.region.code):
            errors["animator"] = _("The animator works in another voivodeship.")
        if self.adopted_new_profile:
            if not self.adopted_on:
                errors["adopted_on"] = _("Give the date of adoption.")
            if not self.adoption_evidence.strip():
                errors["adoption_evidence"] = _("Give the evidence of adoption.")
        elif self.adopted_on or self.adoption_evidence.strip():
            errors["adopted_new_profile"] = _("Mark the adoption when giving its date or evidence.")
        if errors:
            raise ValidationError(errors)
