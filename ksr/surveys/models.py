"""Readiness surveys (window, invitations, anonymous responses) and interviews (IDI/FGI)."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ksr.core.models import Tracked
from ksr.registry.choices import RespondentCategory
from ksr.surveys import questionnaire
from ksr.surveys.choices import (
    FGI_MINUTES,
    FGI_PERSONS,
    IDI_MIN_PERSONS_PER_STAKEHOLDER,
    IDI_MINUTES,
    InterviewKind,
    ResponseChannel,
    WindowState,
)
from ksr.surveys.querysets import InterviewQuerySet, SurveyQuerySet


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Survey(Tracked):
    """A questionnaire survey of the institutions of one gmina during a window (e.g. one week)."""

    gmina = models.ForeignKey(
        "territory.TerritorialUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("gmina")
    )
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("window opens on"))
    ends_on = models.DateField(_("window closes on"), help_text=_("Last day on which answers are accepted."))
    questionnaire_version = models.CharField(
        _("questionnaire version"), max_length=32, default=questionnaire.VERSION, editable=False
    )
    # The login-free link: unguessable, one per survey, never tied to a respondent.
    token = models.CharField(_("link token"), max_length=64, unique=True, default=new_token, editable=False)
    invited: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        "registry.Organisation", through="Invitation", related_name="+", verbose_name=_("invited institutions")
    )
    repeat_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="repeats",
        verbose_name=_("repeats survey"),
        help_text=_("The earlier survey of the same institutions, to measure the change in attitudes."),
    )

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def window_state(self, today: dt.date | None = None) -> str:
        today = today or timezone.localdate()
        if today < self.starts_on:
            return WindowState.UPCOMING
        if today > self.ends_on:
            return WindowState.CLOSED
        return WindowState.OPEN

    def get_window_state_display(self) -> str:
        return str(WindowState(self.window_state()).label)

    def is_open(self, today: dt.date | None = None) -> bool:
        return self.window_state(today) == WindowState.OPEN


class Invitation(models.Model):
    """An institution invited to a survey; ``sent_at`` records when the e-mail with its link went out.

    Each invitation has its own link, accepted once (``answered``). Invitations are never linked to
    responses: the answers stay anonymous.
    """

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("survey"))
    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("institution")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    sent_at = models.DateTimeField(_("e-mail sent at"), null=True, blank=True)
    # The institution's own link: answered once. Which answer sheet came through it is never
    # stored (the response has no link to the invitation), only that the link has been used.
    token = models.CharField(_("link token"), max_length=64, unique=True, default=new_token, editable=False)
    answered = models.BooleanField(_("link used"), default=False, editable=False)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [models.UniqueConstraint(fields=["survey", "organisation"], name="surveys_invitation_unique")]

    def __str__(self) -> str:
        return str(self.organisation)


class Response(models.Model):
    """One anonymous answer sheet: no user, no IP, no cookie, no invited organisation — only a category.

    ``submitted_on`` is a date (not a time) so that the order of submissions cannot be matched to
    the e-mail log. The typed fields mirror the answers the readiness score uses.
    """

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses", verbose_name=_("survey"))
    category = models.CharField(_("respondent category"), max_length=2, choices=RespondentCategory.choices)
    channel = models.CharField(_("channel"), max_length=8, choices=ResponseChannel.choices)
    questionnaire_version = models.CharField(_("questionnaire version"), max_length=32)
    answers = models.JSONField(_("answers"), default=dict)
    submitted_on = models.DateField(_("submitted on"))
    q2_partnership = models.BooleanField(_("Q2: a partnership operates"))
    q3_signatory = models.BooleanField(_("Q3: signatory"), null=True, blank=True)
    q4_lasting = models.BooleanField(_("Q4: lasting part of gmina life"), null=True, blank=True)
    q5_should_exist = models.BooleanField(_("Q5: a partnership should operate"))
    q7_tasks = models.BooleanField(_("Q7: carries out tasks against exclusion"))
    q9_willing = models.BooleanField(_("Q9: could join reintegration"))

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"#{self.pk} ({self.get_category_display()})"

    @property
    def audit_organisation(self) -> Any:
        return None


class Interview(Tracked):
    """An individual (IDI) or group (FGI) interview following the scenario's four timed parts.

    Personal data kept to what the scenario archives: the participants' roles/functions and
    institution — never names. Counts and durations outside the source's ranges are flagged
    (``warnings()``), not refused: real interviews run long or short and must still be recorded.
    """

    gmina = models.ForeignKey(
        "territory.TerritorialUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("gmina")
    )
    survey = models.ForeignKey(
        Survey, on_delete=models.SET_NULL, null=True, blank=True, related_name="interviews", verbose_name=_("survey")
    )
    kind = models.CharField(_("kind"), max_length=3, choices=InterviewKind.choices)
    held_on = models.DateField(_("held on"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    moderator = models.CharField(_("moderator"), max_length=200)
    institution = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("institution"),
        help_text=_("The stakeholder interviewed (IDI); may be empty for a group interview."),
    )
    participants = models.JSONField(
        _("participants' roles"),
        default=list,
        help_text=_("Role or function of each person (e.g. manager, substantive employee); no names."),
    )
    notes = models.JSONField(_("notes per part"), default=dict)
    rating = models.PositiveSmallIntegerField(
        _("interviewer's readiness rating"), help_text=_("1 (not ready) to 5 (ready to cooperate now).")
    )

    objects = InterviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on}"

    @property
    def persons(self) -> int:
        return len(self.participants or [])

    def warnings(self) -> list[str]:
        out: list[str] = []
        if self.kind == InterviewKind.IDI:
            low, high = IDI_MINUTES
            if self.persons < IDI_MIN_PERSONS_PER_STAKEHOLDER:
                out.append(
                    gettext(
                        "The scenario asks for at least %(n)d persons per stakeholder "
                        "(a manager and a substantive employee)."
                    )
                    % {"n": IDI_MIN_PERSONS_PER_STAKEHOLDER}
                )
        else:
            low, high = FGI_MINUTES
            if not FGI_PERSONS[0] <= self.persons <= FGI_PERSONS[1]:
                out.append(
                    gettext("A focus group should have %(low)d to %(high)d persons; this one had %(n)d.")
                    % {"low": FGI_PERSONS[0], "high": FGI_PERSONS[1], "n": self.persons}
                )
        if not low <= self.duration_minutes <= high:
            out.append(
                gettext("The scenario plans %(low)d–%(high)d minutes; this interview took %(n)d.")
                % {"low": low, "high": high, "n": self.duration_minutes}
            )
        return out
