from django.db import models
from django.utils.translation import gettext_lazy as _

from ksr.core.states import StateMachine


class NetworkLevel(models.TextChoices):
    LOCAL = "local", _("Local network (LSR)")
    REGIONAL = "regional", _("Regional network (RSR)")
    NATIONAL = "national", _("National network (KSR)")


class CreationVariant(models.TextChoices):
    """How an LSR came to be (Sektorowe usługi, zeszyt 2, part IV, variants of creating an LSR)."""

    ADMINISTRATIVE = "administrative", _("Administrative variant")
    CIVIC = "civic", _("Civic (bottom-up) variant")


class CreationActKind(models.TextChoices):
    DECISION = "decision", _("Decision of the wójt/mayor/city president")
    RESOLUTION = "resolution", _("Gmina council resolution")


class AuspicesKind(models.TextChoices):
    """How the wójt/burmistrz/prezydent takes the KIS under their auspices (Model KSR, II.3, local level)."""

    DECISION = "decision", _("Decision (order) of the wójt/mayor/city president")
    RESOLUTION = "resolution", _("Gmina council resolution")
    DECLARATION = "declaration", _("Declaration of auspices")


class RegionalTaskType(models.TextChoices):
    """The six main tasks of the Regional Cooperation Platform (MLW i RPW, „RPW jako grupa robocza”)."""

    COVERAGE_ANALYSIS = "coverage_analysis", _("Analysis of the region's coverage with social-employment entities")
    PROGRAMME_INSPIRATION = "programme_inspiration", _("Inspiring gminas and powiats to run programme initiatives")
    STRATEGY_REVIEW = "strategy_review", _("Review of gmina strategies for solving social problems")
    STANDARDS_AND_ADVICE = "standards_and_advice", _("Promoting service standards and advising new ZSLs")
    INTER_GMINA_COOPERATION = "inter_gmina_cooperation", _("Inspiring cooperation between gminas and powiats")
    PROGRAMME_MONITORING = "programme_monitoring", _("Monitoring participation in the national programmes")


class TaskStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


# Allowed status changes of an RPW task (anything else is refused).
TASK_MACHINE = StateMachine(
    TaskStatus,
    {
        TaskStatus.PLANNED: {TaskStatus.IN_PROGRESS, TaskStatus.CANCELLED},
        TaskStatus.IN_PROGRESS: {TaskStatus.DONE, TaskStatus.CANCELLED, TaskStatus.PLANNED},
        TaskStatus.DONE: {TaskStatus.IN_PROGRESS},
        TaskStatus.CANCELLED: {TaskStatus.PLANNED},
    },
)


class AssistanceOutcome(models.TextChoices):
    ACHIEVED = "achieved", _("Goal achieved")
    PARTIAL = "partial", _("Partly achieved")
    NOT_ACHIEVED = "not_achieved", _("Not achieved")
    PENDING = "pending", _("Still to be seen")


class AssistanceForm(models.TextChoices):
    ADVICE = "advice", _("Advice or consultation")
    TRAINING = "training", _("Training or workshop")
    STUDY_VISIT = "study_visit", _("Study visit")
    MENTORING = "mentoring", _("Mentoring of the KIS team")
    DOCUMENT_REVIEW = "document_review", _("Review of documents")
    OTHER = "other", _("Other")


class RecommendationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    UNDER_DISCUSSION = "under_discussion", _("Under discussion")
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Rejected")
    SUBMITTED = "submitted", _("Submitted to the authorities")


# Experience is analysed and discussed before it becomes a recommendation (Model KSR, II.3, national level).
RECOMMENDATION_MACHINE = StateMachine(
    RecommendationStatus,
    {
        RecommendationStatus.DRAFT: {RecommendationStatus.UNDER_DISCUSSION, RecommendationStatus.REJECTED},
        RecommendationStatus.UNDER_DISCUSSION: {
            RecommendationStatus.ADOPTED,
            RecommendationStatus.REJECTED,
            RecommendationStatus.DRAFT,
        },
        RecommendationStatus.ADOPTED: {RecommendationStatus.SUBMITTED, RecommendationStatus.UNDER_DISCUSSION},
        RecommendationStatus.REJECTED: {RecommendationStatus.DRAFT},
        RecommendationStatus.SUBMITTED: set(),
    },
)
