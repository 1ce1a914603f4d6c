"""Every write of the surveys app: atomic, permission-checked, validated, audited.

Responses through the public link have no actor (anonymous): no user, no IP, no cookie; the
audit row records only that a response was added to the survey.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Q as DQ
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ksr.accounts.models import User
from ksr.audit.choices import AuditAction
from ksr.audit.services import record, record_create
from ksr.core.types import AnyUser
from ksr.registry.choices import RespondentCategory
from ksr.registry.models import Organisation
from ksr.surveys import questionnaire as Q
from ksr.surveys.choices import INTERVIEW_PARTS, InterviewKind, ResponseChannel, WindowState
from ksr.surveys.models import Interview, Invitation, Response, Survey
from ksr.surveys.querysets import may_write
from ksr.territory.choices import UnitLevel
from ksr.territory.models import TerritorialUnit


def invitable_organisations(gmina: TerritorialUnit) -> QuerySet[Organisation]:
    """Active organisations with their seat or area of operation in ``gmina``."""
    return (
        Organisation.objects.filter(is_active=True).filter(DQ(seat=gmina) | DQ(area=gmina)).distinct().order_by("name")
    )


def _signed_in(actor: AnyUser) -> User | None:
    return actor if isinstance(actor, User) else None


def _check_gmina(gmina: object, actor: AnyUser) -> None:
    if not isinstance(gmina, TerritorialUnit) or gmina.level != UnitLevel.GMINA:
        raise ValidationError({"gmina": _("Choose a gmina.")})
    if not may_write(actor, gmina.code):
        raise PermissionDenied


@transaction.atomic
def do_create_survey(
    *,
    gmina: TerritorialUnit,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date,
    invited: Iterable[Organisation] | None = None,
    repeat_of: Survey | None = None,
    actor: AnyUser,
) -> Survey:
    """A survey window for ``gmina``; ``invited`` defaults to every institution of the gmina."""
    _check_gmina(gmina, actor)
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Give the survey a title.")
    if ends_on < starts_on:
        errors["ends_on"] = _("The window cannot close before it opens.")
    if repeat_of is not None and repeat_of.gmina_id != gmina.pk:
        errors["repeat_of"] = _("A repeated survey must be of the same gmina.")
    allowed = invitable_organisations(gmina)
    chosen = list(allowed) if invited is None else list(invited)
    outside = [o for o in chosen if not allowed.filter(pk=o.pk).exists()]
    if outside:
        errors["invited"] = _("Only institutions with their seat or area in the gmina can be invited.")
    if errors:
        raise ValidationError(errors)
    survey = Survey.objects.create(
        gmina=gmina,
        title=title.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        repeat_of=repeat_of,
        created_by=_signed_in(actor),
        updated_by=_signed_in(actor),
    )
    Invitation.objects.bulk_create([Invitation(survey=survey, organisation=o, email=o.email) for o in chosen])
    record_create(survey, actor=actor)
    return survey


@transaction.atomic
def do_send_survey_emails(survey: Survey, *, link_for: Callable[[str], str], actor: AnyUser) -> int:
    """E-mail its own link (``link_for(token)``) to every invited institution with an address not yet sent to.

    The invitations are marked sent inside the transaction and the e-mails go out only after it
    commits: a failed attempt sends nothing, and a retry never sends an e-mail twice.
    """
    if not may_write(actor, survey.gmina.code):
        raise PermissionDenied
    if survey.window_state() == WindowState.CLOSED:
        raise ValidationError(_("The survey window is closed; invitations can no longer be sent."))
    pending = list(survey.invitations.select_for_update().filter(sent_at__isnull=True).exclude(email=""))
    subject = _("Survey: %(title)s") % {"title": survey.title}
    body = _(
        "Dear Sir or Madam,\n\nwe invite your institution to an anonymous survey on partnership cooperation "
        "against social exclusion in the gmina. Answers are accepted from %(start)s to %(end)s at:\n\n%(link)s\n\n"
        "The link is for your institution and accepts one answer sheet. The survey is anonymous: your answers "
        "are never linked to your institution, only the fact that the link has been used is kept.\n"
    )
    Invitation.objects.filter(pk__in=[i.pk for i in pending]).update(sent_at=timezone.now())
    record(AuditAction.UPDATE, survey, actor=actor, changes={"emails_sent": [None, len(pending)]})
    messages = [
        (
            subject,
            body % {"start": survey.starts_on, "end": survey.ends_on, "link": link_for(i.token)},
            settings.DEFAULT_FROM_EMAIL,
            [i.email],
        )
        for i in pending
    ]
    transaction.on_commit(lambda: send_mass_mail(messages))
    return len(pending)


def clean_answers(data: Mapping[str, Any]) -> dict[str, Any]:
    """Validate flat answers (form field names of the questionnaire); return the JSON answers.

    Applies the skip rule: with Q2 = NO, anything sent for Q3/Q4 is ignored.
    """
    errors: dict[str, str] = {}
    category = str(data.get("q1_category") or "")
    if category not in RespondentCategory.values:
        errors["q1_category"] = _("Choose the kind of institution you represent.")
    required = list(Q.REQUIRED[1:])
    if data.get("q2_answer") == Q.YES:
        required += list(Q.REQUIRED_IF_PARTNERSHIP)
    for key in required:
        name = key.replace(".", "_")
        if data.get(name) not in Q.YES_NO:
            errors[name] = _("Answer YES or NO.")
    if errors:
        raise ValidationError(errors)
    return Q.answers_from_cleaned(dict(data))


def _response_from(survey: Survey, answers: dict[str, Any], channel: str) -> Response:
    def b(code: str) -> bool | None:
        return Q.yes_no_to_bool(Q.answer_of(answers, code))

    return Response(
        survey=survey,
        category=answers["q1"]["category"],
        channel=channel,
        questionnaire_version=survey.questionnaire_version,
        answers=answers,
        submitted_on=timezone.localdate(),
        q2_partnership=bool(b("q2")),
        q3_signatory=b("q3"),
        q4_lasting=b("q4"),
        q5_should_exist=bool(b("q5")),
        q7_tasks=bool(b("q7")),
        q9_willing=bool(b("q9")),
    )


@transaction.atomic
def do_submit_response(survey: Survey, data: Mapping[str, Any], *, invitation: Invitation | None = None) -> Response:
    """An anonymous answer through a public link; refused when the window is not open.

    Through an institution's own link (``invitation``) one answer sheet is accepted: the link is
    marked used in the same transaction (the row is locked, so two tabs sending at once get one
    answer in), and the response keeps no reference to it — the answers stay anonymous.
    """
    if not survey.is_open():
        raise ValidationError(
            _("This survey is not accepting answers: its window is %(state)s.")
            % {"state": survey.get_window_state_display()}
        )
    if invitation is not None:
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.survey_id != survey.pk or locked.answered:
            raise ValidationError(_("This link has already been used: it accepts one answer sheet."))
    response = _response_from(survey, clean_answers(data), ResponseChannel.ONLINE)
    if invitation is not None:
        Invitation.objects.filter(pk=invitation.pk).update(answered=True)
    response.save()
    record(AuditAction.CREATE, response, actor=None, object_repr=f"{survey} – {_('anonymous response')}")
    return response


@transaction.atomic
def do_record_paper_response(survey: Survey, data: Mapping[str, Any], *, actor: AnyUser) -> Response:
    """An answer sheet collected on paper, typed in by the animator (flagged as paper).

    Accepted until the window closes and for 14 days after, to let the last sheets arrive by post.
    """
    if not may_write(actor, survey.gmina.code):
        raise PermissionDenied
    if survey.window_state() == WindowState.UPCOMING or timezone.localdate() > survey.ends_on + dt.timedelta(days=14):
        raise ValidationError(_("Paper answers are accepted from the window's opening until 14 days after it closes."))
    response = _response_from(survey, clean_answers(data), ResponseChannel.PAPER)
    response.save()
    record(AuditAction.CREATE, response, actor=actor, object_repr=f"{survey} – {_('paper response')}")
    return response


@transaction.atomic
def do_create_interview(
    *,
    gmina: TerritorialUnit,
    kind: str,
    held_on: dt.date,
    duration_minutes: int,
    moderator: str,
    participants: list[str],
    rating: int,
    notes: Mapping[str, str] | None = None,
    institution: Organisation | None = None,
    survey: Survey | None = None,
    actor: AnyUser,
) -> Interview:
    """Record an IDI or FGI. Out-of-range counts/durations are flagged by ``Interview.warnings``."""
    _check_gmina(gmina, actor)
    errors: dict[str, str] = {}
    if kind not in InterviewKind.values:
        errors["kind"] = _("Choose IDI or FGI.")
    if not 1 <= int(rating) <= 5:
        errors["rating"] = _("The rating is from 1 to 5.")
    if duration_minutes <= 0:
        errors["duration_minutes"] = _("Give the duration in minutes.")
    if not moderator.strip():
        errors["moderator"] = _("Name the moderator.")
    roles = [p.strip() for p in participants if p and p.strip()]
    if not roles:
        errors["participants"] = _("Give the role or function of at least one participant.")
    if kind == InterviewKind.IDI and institution is None:
        errors["institution"] = _("An individual interview is held with a stakeholder: choose the institution.")
    if survey is not None and survey.gmina_id != gmina.pk:
        errors["survey"] = _("The survey must be of the same gmina.")
    if errors:
        raise ValidationError(errors)
    keys = {key for key, _label, _minutes in INTERVIEW_PARTS}
    clean_notes = {k: str(v).strip() for k, v in (notes or {}).items() if k in keys and str(v).strip()}
    interview = Interview.objects.create(
        gmina=gmina,
        survey=survey,
        kind=kind,
        held_on=held_on,
        duration_minutes=duration_minutes,
        moderator=moderator.strip(),
        institution=institution,
        participants=roles,
        notes=clean_notes,
        rating=int(rating),
        created_by=_signed_in(actor),
        updated_by=_signed_in(actor),
    )
    record_create(interview, actor=actor)
    return interview
