"""Every write of the procedures app: atomic, permission re-checked, validated, audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for
from ksr.audit.services import record_create, record_update, snapshot
from ksr.procedures.cards import CARDS
from ksr.procedures.choices import ResponseKind, TaskStatus
from ksr.procedures.models import (
    NEED_REQUEST_ANSWER_DAYS,
    PRODUCT_REQUIRES,
    CardStep,
    NeedRequest,
    NeedResponse,
    ProcedureCard,
    ProcedureRun,
    ProcedureTask,
    VariantChoice,
)
from ksr.procedures.querysets import LSR_EDITORS, REGION_EDITORS
from ksr.procedures.variants import CRITERION_FIELDS, propose_variant

STEP_DAYS = 14


def sync_cards() -> int:
    """Load or update the 13 cards and their steps from ``cards.CARDS`` (idempotent)."""
    for data in CARDS:
        card, _created = ProcedureCard.objects.update_or_create(
            number=data.number,
            defaults={
                "group": data.group,
                "introducing_institution": data.introducing_institution,
                "name": data.name,
                "name_en": data.name_en,
            },
        )
        for number, step in enumerate(data.steps, start=1):
            CardStep.objects.update_or_create(
                card=card,
                number=number,
                defaults={"text": step.text, "text_en": step.text_en, "product_kind": step.product_kind},
            )
        card.steps.filter(number__gt=len(data.steps)).delete()
    return len(CARDS)


def may_edit_in(user: Any, gmina: Any, network: Any = None) -> bool:
    """Whether ``user`` may run procedures / choose the variant in ``gmina`` (for ``network``)."""
    scope = scope_for(user)
    if not scope.authenticated:
        return False
    if scope.has_role(Role.SYSTEM_ADMIN):
        return True
    if scope.covers_code(gmina.code, scope.prefixes_for(*REGION_EDITORS)):
        return True
    return network is not None and network.main_node_id in scope.organisations_for(*LSR_EDITORS)


def _check_network(gmina: Any, network: Any) -> None:
    if network is None:
        return
    if network.level != "local":
        raise ValidationError({"network": _("Choose a local network (LSR).")})
    if network.territory_id and not gmina.code.startswith(network.territory.code):
        raise ValidationError({"network": _("The network does not cover this gmina.")})


@transaction.atomic
def do_start_run(
    card: ProcedureCard,
    gmina: Any,
    *,
    actor: Any,
    network: Any = None,
    introducing_organisation: Any = None,
    started_on: dt.date | None = None,
    due_on: dt.date | None = None,
    responsible_person: str = "",
    cooperating: Iterable[Any] = (),
    informed: Iterable[Any] = (),
    owner_user: Any = None,
    owner_organisation: Any = None,
) -> ProcedureRun:
    """Start ``card`` in ``gmina``: one open task per step, due every two weeks (capped by ``due_on``)."""
    if not may_edit_in(actor, gmina, network):
        raise PermissionDenied
    _check_network(gmina, network)
    run = ProcedureRun(
        card=card,
        gmina=gmina,
        network=network,
        introducing_organisation=introducing_organisation,
        started_by=actor,
        started_on=started_on or timezone.localdate(),
        due_on=due_on,
        responsible_person=responsible_person,
        created_by=actor,
        updated_by=actor,
    )
    run.full_clean()
    run.save()
    run.cooperating_institutions.set(list(cooperating))
    run.informed_institutions.set(list(informed))
    record_create(run, actor=actor, m2m=["cooperating_institutions", "informed_institutions"])
    owner_org = owner_organisation or introducing_organisation or (network.main_node if network else None)
    for step in card.steps.all():
        task_due = run.started_on + dt.timedelta(days=STEP_DAYS * step.number)
        if due_on and task_due > due_on:
            task_due = due_on
        task = ProcedureTask.objects.create(
            run=run,
            step=step,
            number=step.number,
            product_kind=step.product_kind,
            owner_user=owner_user,
            owner_organisation=owner_org,
            due_on=task_due,
            created_by=actor,
            updated_by=actor,
        )
        record_create(task, actor=actor)
    return run


def _check_task(task: ProcedureTask, actor: Any, status: str) -> None:
    if not ProcedureTask.objects.completable_by(actor).filter(pk=task.pk).exists():
        raise PermissionDenied
    if not task.can_move_to(status):
        raise ValidationError(
            _("A task that is %(status)s cannot be changed any more.") % {"status": task.get_status_display()}
        )


@transaction.atomic
def do_assign_task(
    task: ProcedureTask, *, actor: Any, owner_user: Any = None, owner_organisation: Any = None, due_on: Any = None
) -> ProcedureTask:
    if not ProcedureRun.objects.editable_by(actor).filter(pk=task.run_id).exists():
        raise PermissionDenied
    if task.status != TaskStatus.OPEN:
        raise ValidationError(_("Only an open task can be reassigned."))
    before = snapshot(task)
    task.owner_user = owner_user
    task.owner_organisation = owner_organisation
    task.due_on = due_on
    task.updated_by = actor
    task.save()
    record_update(task, before, actor=actor)
    return task


@transaction.atomic
def do_complete_task(
    task: ProcedureTask,
    *,
    actor: Any,
    summary: str,
    completed_on: dt.date | None = None,
    product_date: dt.date | None = None,
    recipients: Iterable[Any] = (),
    person: str = "",
    dates: str = "",
    linked_network: Any = None,
    linked_partnership: Any = None,
    linked_meeting: Any = None,
) -> ProcedureTask:
    """Mark the step done with its product; the typed product's required fields are checked."""
    _check_task(task, actor, TaskStatus.DONE)
    recipients = list(recipients)
    values = {
        "product_date": product_date,
        "product_recipients": recipients,
        "product_person": person.strip(),
        "product_dates": dates.strip(),
    }
    errors: dict[str, Any] = {}
    if not summary.strip():
        errors["product_summary"] = _("Describe what the step produced.")
    labels = {
        "product_date": _("Give the date."),
        "product_recipients": _("Choose the institutions it was sent to or consulted with."),
        "product_person": _("Name the person appointed or designated."),
        "product_dates": _("Give the dates set."),
    }
    for name in PRODUCT_REQUIRES.get(task.product_kind, ()):
        if not values[name]:
            errors[name] = labels[name]
    if errors:
        raise ValidationError(errors)
    before = snapshot(task, m2m=["product_recipients"])
    task.status = TaskStatus.DONE
    task.completed_on = completed_on or timezone.localdate()
    task.completed_by = actor
    task.product_summary = summary.strip()
    task.product_date = product_date
    task.product_person = person.strip()
    task.product_dates = dates.strip()
    task.linked_network = linked_network
    task.linked_partnership = linked_partnership
    task.linked_meeting = linked_meeting
    task.updated_by = actor
    task.save()
    task.product_recipients.set(recipients)
    record_update(task, before, actor=actor, m2m=["product_recipients"])
    return task


@transaction.atomic
def do_cancel_task(task: ProcedureTask, *, actor: Any, reason: str) -> ProcedureTask:
    _check_task(task, actor, TaskStatus.CANCELLED)
    if not reason.strip():
        raise ValidationError({"cancel_reason": _("Give the reason for cancelling.")})
    before = snapshot(task)
    task.status = TaskStatus.CANCELLED
    task.cancel_reason = reason.strip()
    task.updated_by = actor
    task.save()
    record_update(task, before, actor=actor)
    return task


def may_request_for(user: Any, requester: Any) -> bool:
    scope = scope_for(user)
    if not scope.authenticated:
        return False
    if scope.has_role(Role.SYSTEM_ADMIN) or requester.pk in scope.organisations_for(*LSR_EDITORS):
        return True
    seat = requester.seat.code if requester.seat_id else None
    return scope.covers_code(seat, scope.prefixes_for(*REGION_EDITORS))


@transaction.atomic
def do_create_need_request(
    requester: Any,
    *,
    actor: Any,
    kind: str,
    description: str,
    needed_by: dt.date,
    addressees: Iterable[Any],
    answer_by: dt.date | None = None,
    network: Any = None,
    task: ProcedureTask | None = None,
) -> NeedRequest:
    """The KIS notifies partners of a need (card 9); answers are due in two weeks by default."""
    if not may_request_for(actor, requester):
        raise PermissionDenied
    addressees = [a for a in addressees if a.pk != requester.pk]
    if not addressees:
        raise ValidationError({"addressees": _("Address the request to at least one partner institution.")})
    today = timezone.localdate()
    if needed_by and needed_by < today:
        raise ValidationError({"needed_by": _("The date cannot be in the past.")})
    if answer_by is None:
        answer_by = min(today + dt.timedelta(days=NEED_REQUEST_ANSWER_DAYS), needed_by)
    request = NeedRequest(
        requester=requester,
        network=network,
        task=task,
        kind=kind,
        description=description.strip(),
        needed_by=needed_by,
        answer_by=answer_by,
        created_by=actor,
        updated_by=actor,
    )
    request.full_clean()
    request.save()
    request.addressees.set(addressees)
    record_create(request, actor=actor, m2m=["addressees"])
    return request


@transaction.atomic
def do_answer_need_request(
    request: NeedRequest,
    organisation: Any,
    *,
    actor: Any,
    kind: str,
    offer: str = "",
    available_from: dt.date | None = None,
    available_to: dt.date | None = None,
    conditions: str = "",
    reason: str = "",
    responded_at: dt.datetime | None = None,
) -> NeedResponse:
    """A partner offers (what, when, conditions) or declines with a reason; one answer per partner."""
    scope = scope_for(actor)
    if not (
        scope.has_role(Role.SYSTEM_ADMIN) or organisation.pk in scope.organisations_for(Role.PARTNER_REPRESENTATIVE)
    ):
        raise PermissionDenied
    if not request.addressees.filter(pk=organisation.pk).exists():
        raise PermissionDenied
    if not request.is_open:
        raise ValidationError(_("This request is closed."))
    if request.responses.filter(organisation=organisation).exists():
        raise ValidationError(_("Your institution has already answered this request."))
    response = NeedResponse(
        request=request,
        organisation=organisation,
        kind=kind,
        offer=offer.strip() if kind == ResponseKind.OFFER else "",
        available_from=available_from if kind == ResponseKind.OFFER else None,
        available_to=available_to if kind == ResponseKind.OFFER else None,
        conditions=conditions.strip() if kind == ResponseKind.OFFER else "",
        reason=reason.strip() if kind == ResponseKind.DECLINE else "",
        responded_at=responded_at or timezone.now(),
        responded_by=actor,
        created_by=actor,
        updated_by=actor,
    )
    response.full_clean()
    response.save()
    record_create(response, actor=actor)
    return response


@transaction.atomic
def do_close_need_request(request: NeedRequest, *, actor: Any) -> NeedRequest:
    if not NeedRequest.objects.editable_by(actor).filter(pk=request.pk).exists():
        raise PermissionDenied
    if not request.is_open:
        raise ValidationError(_("This request is already closed."))
    before = snapshot(request)
    request.closed_on = timezone.localdate()
    request.updated_by = actor
    request.save()
    record_update(request, before, actor=actor)
    return request


@transaction.atomic
def do_choose_variant(
    gmina: Any,
    *,
    actor: Any,
    answers: Mapping[str, bool],
    variant: str | None = None,
    reason: str = "",
    network: Any = None,
) -> VariantChoice:
    """Record the LSR variant for ``gmina``: the proposal from the criteria, or an override with a reason."""
    if not may_edit_in(actor, gmina, network):
        raise PermissionDenied
    _check_network(gmina, network)
    clean_answers = {name: bool(answers.get(name)) for name in CRITERION_FIELDS}
    proposed = propose_variant(clean_answers)
    choice = VariantChoice(
        gmina=gmina,
        network=network,
        proposed_variant=proposed,
        variant=variant or proposed,
        reason=reason.strip(),
        chosen_by=actor,
        created_by=actor,
        updated_by=actor,
        **clean_answers,
    )
    choice.full_clean()
    choice.save()
    record_create(choice, actor=actor)
    return choice
