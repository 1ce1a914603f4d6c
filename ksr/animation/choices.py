"""Choices of the animation app (OSAR, ZRAR teams, animators, scenarios, events, advice)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ksr.core.states import StateMachine
from ksr.registry.choices import OrganisationKind


class AnimatorStatus(models.TextChoices):
    """Path of a regional animator prepared by OSAR (Fiszka projektu KSR, tasks of milestone 3: education cycle →
    examination → ZRAR)."""

    CANDIDATE = "candidate", _("Candidate")
    TRAINED = "trained", _("Trained (education cycle completed)")
    CERTIFIED = "certified", _("Certified (examination passed)")
    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")


class ExamResult(models.TextChoices):
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Failed")


def _has_completed_a_module(animator: Any) -> None:
    if not animator.modules.exists():
        raise ValidationError(_("Record at least one completed module of the education cycle first."))


def _has_passed_the_examination(animator: Any) -> None:
    if not animator.examinations.filter(result=ExamResult.PASSED).exists():
        raise ValidationError(_("Only an animator who passed the examination can be certified."))


S = AnimatorStatus
# The animator's path; every other move is refused (tested both ways). Training needs a completed
# module, certification a passed examination.
ANIMATOR_MACHINE = StateMachine(
    AnimatorStatus,
    {
        S.CANDIDATE: {S.TRAINED, S.INACTIVE},
        S.TRAINED: {S.CERTIFIED, S.INACTIVE},
        S.CERTIFIED: {S.ACTIVE, S.INACTIVE},
        S.ACTIVE: {S.INACTIVE},
        S.INACTIVE: {S.ACTIVE},
    },
    guards={S.TRAINED: _has_completed_a_module, S.CERTIFIED: _has_passed_the_examination},
)


class Origin(models.TextChoices):
    """Sector a ZRAR member comes from: the kind of their home institution (Fiszka projektu KSR, milestone 3, tasks
    of milestone 3)."""

    SOCIAL_ASSISTANCE = "social_assistance", _("Social assistance")
    LABOUR_MARKET = "labour_market", _("Labour market")
    SOCIAL_EMPLOYMENT = "social_employment", _("Social-employment entity (KIS/CIS/social cooperative)")
    NGO = "ngo", _("Non-governmental organisation")
    OTHER = "other", _("Other")


K = OrganisationKind
KIND_TO_ORIGIN: dict[str, str] = {
    K.OPS: Origin.SOCIAL_ASSISTANCE,
    K.PCPR: Origin.SOCIAL_ASSISTANCE,
    K.ROPS: Origin.SOCIAL_ASSISTANCE,
    K.PUP: Origin.LABOUR_MARKET,
    K.WUP: Origin.LABOUR_MARKET,
    K.KIS: Origin.SOCIAL_EMPLOYMENT,
    K.CIS: Origin.SOCIAL_EMPLOYMENT,
    K.SOCIAL_COOPERATIVE: Origin.SOCIAL_EMPLOYMENT,
    K.ASSOCIATION: Origin.NGO,
    K.FOUNDATION: Origin.NGO,
}

# A ZRAR team counts as valid with at least this many members (Fiszka projektu KSR, milestone 3, tasks of milestone 3)
# ...
MIN_TEAM_MEMBERS = 3
# ... drawn from at least this many different origins ("other" does not count).
MIN_TEAM_ORIGINS = 2


class ReadinessLevel(models.TextChoices):
    LOW = "low", _("Low readiness")
    MEDIUM = "medium", _("Medium readiness")
    HIGH = "high", _("High readiness")


class ScenarioCode(models.TextChoices):
    """The catalogue of scenarios of influence (see ``scenarios.py`` for their tools and sources)."""

    INFORM_AND_WIN_OVER = "inform_and_win_over", _("Inform and win over")
    JOINT_DIAGNOSIS = "joint_diagnosis", _("Joint diagnosis and working group")
    BUILD_PARTNERSHIP = "build_partnership", _("Build the partnership")


class EventKind(models.TextChoices):
    """Animation, promotion and education events (Sektorowe usługi, zeszyt 2, part IV, animation-information seminar;
    Warianty animacyjne KIS, part I.2)."""

    SEMINAR = "seminar", _("Animation and information seminar")
    INFORMATION_MEETING = "information_meeting", _("Information meeting")
    COUNCIL_SESSION = "council_session", _("Gmina council session")
    RESIDENTS_MEETING = "residents_meeting", _("Meeting with residents")
    DUTY_HOUR = "duty_hour", _("Duty hours")
    WEBSITE_ITEM = "website_item", _("Website item")
    MEDIA_ITEM = "media_item", _("Local media item")
    WORKSHOP = "workshop", _("Workshop")
    STUDY_VISIT = "study_visit", _("Study visit")
    LEADER_CONVERSATION = "leader_conversation", _("Individual conversation with a leader")


# Organisation kinds that a ZRAR advice visit is paid to (existing social-employment entities).
ADVISED_KINDS = (K.KIS, K.CIS)
