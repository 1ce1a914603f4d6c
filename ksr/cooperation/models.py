"""The cooperation forum of an LSR and the cross-sector cooperation assessment card.

Sources: Model KSR, II.4 „KIS jest liderem lokalnej sieci reintegracji”, „KIS zatrudnia case managerów” (forum /
convent), Model KSR, II.4 „KIS jest liderem lokalnej sieci reintegracji”, II.2 (eight conditions); Model KSR, II.4 „KIS
jest liderem lokalnej sieci reintegracji”.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ksr.cooperation.choices import (
    ACTION_MACHINE,
    MEETING_MACHINE,
    SCORE_CHOICES,
    ActionStatus,
    Condition,
    DecisionMethod,
    HalfYear,
    MeetingKind,
    MeetingStatus,
    RepresentativeRole,
    period_label,
)
from ksr.cooperation.querysets import (
    AssessmentQuerySet,
    ForumChildQuerySet,
    ForumQuerySet,
    ImprovementActionQuerySet,
    MeetingChildQuerySet,
    MeetingQuerySet,
)
from ksr.core.models import Tracked
from ksr.core.states import HasStateMachine
from ksr.core.validators import field_not_after_today
from ksr.networks.choices import NetworkLevel

# Aggregate counts below this are shown as "<5" outside the KIS.
SMALL_COUNT = 5


class Forum(Tracked):
    """The inter-institutional cooperation forum (konwent) of one LSR, coordinated by its KIS."""

    network = models.OneToOneField(
        "networks.Network", on_delete=models.CASCADE, related_name="forum", verbose_name=_("network")
    )
    description = models.TextField(_("description"), blank=True)

    objects = ForumQuerySet.as_manager()

    audit_organisation_path = "network.main_node"

    class Meta:
        verbose_name = _("cooperation forum")
        verbose_name_plural = _("cooperation forums")
        ordering = ["network__name", "id"]

    def __str__(self) -> str:
        return str(_("Forum of %(network)s") % {"network": self.network})

    def clean(self) -> None:
        if self.network_id and self.network.level != NetworkLevel.LOCAL:
            raise ValidationError({"network": _("A cooperation forum belongs to a local network (LSR).")})


class TaskGroup(Tracked):
    """A task composition of the forum (a working group with a topic)."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="task_groups", verbose_name=_("forum"))
    name = models.CharField(_("name"), max_length=200)
    topic = models.CharField(_("topic"), max_length=300)
    is_active = models.BooleanField(_("active"), default=True)

    objects = ForumChildQuerySet.as_manager()

    audit_organisation_path = "forum.network.main_node"

    class Meta:
        verbose_name = _("task group")
        verbose_name_plural = _("task groups")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Representative(Tracked):
    """One of the two persons a partner institution delegates to the forum."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="representatives", verbose_name=_("forum"))
    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    role = models.CharField(_("role in the forum"), max_length=16, choices=RepresentativeRole.choices)
    person = models.ForeignKey(
        "registry.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
        help_text=_("A person recorded in the registry for this organisation, or give a name below."),
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("The minutes are sent to this address."))
    task_groups = models.ManyToManyField(TaskGroup, blank=True, related_name="members", verbose_name=_("task groups"))
    since = models.DateField(_("since"), default=dt.date.today)
    until = models.DateField(_("until"), null=True, blank=True)

    objects = ForumChildQuerySet.as_manager()

    audit_organisation_path = "forum.network.main_node"

    class Meta:
        verbose_name = _("forum representative")
        verbose_name_plural = _("forum representatives")
        ordering = ["organisation__name", "role", "id"]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.organisation})"

    @property
    def display_name(self) -> str:
        return str(self.person) if self.person_id else self.name

    @property
    def contact_email(self) -> str:
        return self.email or (self.person.email if self.person_id and self.person else "")

    def clean(self) -> None:
        errors: dict[str, list[Any]] = {}
        if not self.person_id and not self.name.strip():
            errors["name"] = [_("Choose a person from the registry or give a name.")]
        if self.person is not None and self.organisation_id and self.person.organisation_id != self.organisation_id:
            errors["person"] = [_("The person must work for the represented organisation.")]
        if self.until and self.until < self.since:
            errors["until"] = [_("The end date cannot be earlier than the start date.")]
        if errors:
            raise ValidationError(errors)


class Meeting(HasStateMachine, Tracked):
    """A forum meeting: strategic (at least quarterly) or operational (monthly, working groups)."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("forum"))
    kind = models.CharField(_("kind"), max_length=16, choices=MeetingKind.choices, db_index=True)
    task_group = models.ForeignKey(
        TaskGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("working group"),
        help_text=_("For an operational meeting of one working group."),
    )
    title = models.CharField(_("title"), max_length=300)
    planned_on = models.DateField(_("planned date"))
    held_on = models.DateField(_("held on"), null=True, blank=True, db_index=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED, db_index=True
    )
    # The case managers' report on the reintegration of the KIS participants: aggregate numbers only.
    participants_active = models.PositiveIntegerField(_("participants active"), null=True, blank=True)
    participants_admitted = models.PositiveIntegerField(_("newly admitted"), null=True, blank=True)
    participants_exited = models.PositiveIntegerField(_("exited"), null=True, blank=True)
    participants_with_outcome = models.PositiveIntegerField(_("with an outcome"), null=True, blank=True)
    report_problems = models.TextField(
        _("problems reported"), blank=True, help_text=_("No personal data: describe problems in general terms.")
    )
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_sent_at = models.DateTimeField(_("minutes sent at"), null=True, blank=True)

    objects = MeetingQuerySet.as_manager()
    state_machine = MEETING_MACHINE

    REPORT_FIELDS = ("participants_active", "participants_admitted", "participants_exited", "participants_with_outcome")

    audit_organisation_path = "forum.network.main_node"

    class Meta:
        verbose_name = _("forum meeting")
        verbose_name_plural = _("forum meetings")
        ordering = ["-planned_on", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.planned_on:%Y-%m-%d})"

    @property
    def date(self) -> dt.date:
        return self.held_on or self.planned_on

    def clean(self) -> None:
        errors: dict[str, list[Any]] = {}
        if self.held_on and self.held_on > timezone.localdate():
            errors["held_on"] = [_("A meeting cannot have been held in the future.")]
        if self.status in (MeetingStatus.HELD, MeetingStatus.MINUTES_SENT) and not self.held_on:
            errors["held_on"] = [_("Give the date the meeting was held.")]
        if self.task_group is not None and self.forum_id and self.task_group.forum_id != self.forum_id:
            errors["task_group"] = [_("The working group belongs to another forum.")]
        if errors:
            raise ValidationError(errors)


class AgendaItem(Tracked):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda", verbose_name=_("meeting"))
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("agenda item"), max_length=300)

    objects = MeetingChildQuerySet.as_manager()

    audit_organisation_path = "meeting.forum.network.main_node"

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class Attendance(Tracked):
    """Who attended: a representative, or an organisation when the person is not a representative."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("meeting"))
    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    representative = models.ForeignKey(
        Representative,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attendance",
        verbose_name=_("representative"),
    )

    objects = MeetingChildQuerySet.as_manager()

    audit_organisation_path = "meeting.forum.network.main_node"

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["organisation__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organisation", "representative"], name="cooperation_attendance_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} @ {self.meeting}"


class Decision(Tracked):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("meeting"))
    text = models.TextField(_("decision"))
    method = models.CharField(_("taken"), max_length=16, choices=DecisionMethod.choices)
    votes_for = models.PositiveSmallIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), null=True, blank=True)
    votes_abstain = models.PositiveSmallIntegerField(_("abstentions"), null=True, blank=True)

    objects = MeetingChildQuerySet.as_manager()

    audit_organisation_path = "meeting.forum.network.main_node"

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text[:80]

    def clean(self) -> None:
        counts = (self.votes_for, self.votes_against, self.votes_abstain)
        if self.method == DecisionMethod.VOTE and any(c is None for c in counts):
            raise ValidationError(_("A vote is recorded with the numbers for, against and abstaining."))
        if self.method == DecisionMethod.CONSENSUS and any(c is not None for c in counts):
            raise ValidationError(_("A decision taken by consensus has no vote counts."))
        votes = sum(c or 0 for c in counts)
        if self.method == DecisionMethod.VOTE and self.meeting_id:
            present = self.meeting.attendance.count()
            if votes > present:
                raise ValidationError(
                    _("More votes were cast (%(votes)d) than there were people present at the meeting (%(present)d).")
                    % {"votes": votes, "present": present}
                )


class ActionItem(HasStateMachine, Tracked):
    """An action agreed at a meeting: owner organisation, due date, status."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="action_items", verbose_name=_("meeting")
    )
    title = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        "registry.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    due_on = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=16, choices=ActionStatus.choices, default=ActionStatus.OPEN)

    objects = MeetingChildQuerySet.as_manager()
    state_machine = ACTION_MACHINE

    audit_organisation_path = "meeting.forum.network.main_node"

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title


class MinutesDispatch(Tracked):
    """A record that the minutes were e-mailed: to whom and when."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="dispatches", verbose_name=_("meeting"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    recipients = models.JSONField(_("recipients"), default=list)

    objects = MeetingChildQuerySet.as_manager()

    audit_organisation_path = "meeting.forum.network.main_node"

    class Meta:
        verbose_name = _("minutes dispatch")
        verbose_name_plural = _("minutes dispatches")
        ordering = ["-sent_at", "id"]

    def __str__(self) -> str:
        return f"{self.meeting} → {len(self.recipients)}"


def period_of(day: dt.date) -> tuple[int, str]:
    return day.year, (HalfYear.H1 if day.month <= 6 else HalfYear.H2)


def period_start(year: int, half: str) -> dt.date:
    """The first day of the half-year."""
    return dt.date(year, 1 if half == HalfYear.H1 else 7, 1)


class CooperationAssessment(Tracked):
    """Karta oceny współpracy międzysektorowej: one per organisation, per LSR, per half-year."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="assessments", verbose_name=_("network")
    )
    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    half = models.CharField(_("half-year"), max_length=2, choices=HalfYear.choices)
    filled_on = models.DateField(_("filled on"), default=dt.date.today)
    conclusions = models.TextField(_("conclusions"), blank=True)

    objects = AssessmentQuerySet.as_manager()

    audit_organisation_path = "network.main_node"

    class Meta:
        verbose_name = _("cooperation assessment card")
        verbose_name_plural = _("cooperation assessment cards")
        ordering = ["-year", "-half", "organisation__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organisation", "year", "half"], name="cooperation_assessment_one_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.period}"

    @property
    def period(self) -> str:
        return period_label(self.year, self.half)

    def clean(self) -> None:
        errors: dict[str, list[Any]] = {}
        field_not_after_today(self, "filled_on", errors)
        if self.year and self.half and period_start(self.year, self.half) > timezone.localdate():
            errors["year"] = [
                _("The card assesses a half-year that has begun; %(period)s has not.") % {"period": self.period}
            ]
        if errors:
            raise ValidationError(errors)

    def scores(self) -> list[tuple[str, Any, int, str]]:
        """(code, label, score, comment) per condition, in the order of Model KSR, II.2."""
        return [
            (c.value, c.label, getattr(self, f"score_{c.value}"), getattr(self, f"comment_{c.value}"))
            for c in Condition
        ]

    def validate_unique(self, exclude: Any = None) -> None:
        try:
            super().validate_unique(exclude)
        except ValidationError:
            raise ValidationError(
                _("This organisation has already filled the card for this LSR in %(period)s.") % {"period": self.period}
            ) from None

    def validate_constraints(self, exclude: Any = None) -> None:
        try:
            super().validate_constraints(exclude)
        except ValidationError:
            raise ValidationError(
                _("This organisation has already filled the card for this LSR in %(period)s.") % {"period": self.period}
            ) from None


for _condition in Condition:
    CooperationAssessment.add_to_class(
        f"score_{_condition.value}",
        models.PositiveSmallIntegerField(
            _condition.label, choices=SCORE_CHOICES, validators=[MinValueValidator(1), MaxValueValidator(5)]
        ),
    )
    CooperationAssessment.add_to_class(f"comment_{_condition.value}", models.TextField(_("comment"), blank=True))


class ImprovementAction(HasStateMachine, Tracked):
    """An improvement action agreed from the assessment conclusions."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="improvement_actions", verbose_name=_("network")
    )
    title = models.CharField(_("action"), max_length=300)
    condition = models.CharField(_("condition"), max_length=16, choices=Condition.choices, blank=True)
    owner = models.ForeignKey(
        "registry.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    due_on = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=16, choices=ActionStatus.choices, default=ActionStatus.OPEN)

    objects = ImprovementActionQuerySet.as_manager()
    state_machine = ACTION_MACHINE

    audit_organisation_path = "network.main_node"

    class Meta:
        verbose_name = _("improvement action")
        verbose_name_plural = _("improvement actions")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title
