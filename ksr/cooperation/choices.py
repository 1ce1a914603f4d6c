"""Choices of the cooperation forum and the assessment card (Model KSR, II.4 „KIS jest liderem lokalnej sieci
reintegracji”, „KIS zatrudnia case managerów”, II.2)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ksr.core.states import StateMachine


class RepresentativeRole(models.TextChoices):
    """Two persons per partner institution (Model KSR, II.4 „KIS jest liderem lokalnej sieci reintegracji”, „KIS
    zatrudnia case managerów”)."""

    HEAD = "head", _("Head of the institution")
    SUBSTANTIVE = "substantive", _("Designated person with substantive competences")


class MeetingKind(models.TextChoices):
    STRATEGIC = "strategic", _("Strategic meeting (convent of local institutions)")
    OPERATIONAL = "operational", _("Operational meeting (convent working group)")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("meeting status", "Planned")
    HELD = "held", pgettext_lazy("meeting status", "Held")
    MINUTES_SENT = "minutes_sent", _("Minutes sent")
    CANCELLED = "cancelled", pgettext_lazy("meeting status", "Cancelled")


# The meeting lifecycle: planned → held → minutes sent; a planned meeting may be cancelled.
MEETING_MACHINE = StateMachine(
    MeetingStatus,
    {
        MeetingStatus.PLANNED: {MeetingStatus.HELD, MeetingStatus.CANCELLED},
        MeetingStatus.HELD: {MeetingStatus.MINUTES_SENT},
        MeetingStatus.MINUTES_SENT: set(),
        MeetingStatus.CANCELLED: set(),
    },
)
HELD_STATUSES = (MeetingStatus.HELD, MeetingStatus.MINUTES_SENT)


class DecisionMethod(models.TextChoices):
    CONSENSUS = "consensus", _("By consensus")
    VOTE = "vote", _("By vote")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


# Action items and improvement actions move freely between their four states.
ACTION_MACHINE = StateMachine(
    ActionStatus, {state: set(ActionStatus.values) - {state} for state in ActionStatus.values}
)


class HalfYear(models.TextChoices):
    H1 = "H1", _("First half (January–June)")
    H2 = "H2", _("Second half (July–December)")


_PERIODS = {HalfYear.H1: _("first half of %(year)s"), HalfYear.H2: _("second half of %(year)s")}


def period_label(year: int, half: str) -> str:
    """A half-year as people write it: "I półrocze 2026" (not the code "2026 H1")."""
    return str(_PERIODS[HalfYear(half)]) % {"year": year}


class Condition(models.TextChoices):
    """The eight conditions of a well-functioning partnership (Model KSR, II.2)."""

    GOALS = "goals", _("Clear, shared goals")
    COMPOSITION = "composition", _("Appropriate composition")
    COMMITMENT = "commitment", _("Real commitment of the partners")
    TRUST = "trust", _("A high level of trust")
    MANAGEMENT = "management", _("Effective management")
    PLAN = "plan", _("A clear action plan")
    COMMUNICATION = "communication", _("Good communication")
    RESOURCES = "resources", _("Access to resources")


SCORE_CHOICES = [(i, str(i)) for i in range(1, 6)]
