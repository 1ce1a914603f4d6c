"""Every write of the procedures app: atomic, permission re-checked, validated, audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for
from ksr.audit.services import Snapshot, record_create, record_update, snapshot
from ksr.core.types import AnyUser
from ksr.networks.choices import NetworkLevel
from ksr.procedures import notices
from ksr.procedures.cards import CARDS
from ksr.procedures.choices import TASK_MACHINE, ResponseKind, TaskStatus
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

if TYPE_CHECKING:
    from ksr.accounts.models import User
    from ksr.cooperation.models import Meeting
    from ksr.networks.models import Network
    from ksr.partnerships.models import Partnership
    from ksr.registry.models import Organisation
    from ksr.territory.models import TerritorialUnit

STEP_DAYS = 14
Changed = TypeVar("Changed", ProcedureTask, NeedRequest)
# What completing a step writes on the task (besides the recipients and the actor).
COMPLETION_FIELDS = (
    "status",
    "completed_on",
    "completed_by",
    "product_summary",
    "product_date",
    "product_person",
    "product_dates",
    "linked_network",
    "linked_partnership",
    "linked_meeting",
)


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


def _user(actor: AnyUser) -> User:
    """The signed-in actor; the permission checks refuse anyone else before a write."""
    if isinstance(actor, AnonymousUser):
        raise PermissionDenied
    return actor


def _write(obj: Changed, before: Snapshot, actor: AnyUser, *fields: str) -> Changed:
    """Save the changed ``fields`` of ``obj`` with who changed it, and audit the change."""
    obj.updated_by = _user(actor)
    obj.save(update_fields=[*fields, "updated_by", "updated_at"])
    record_update(obj, before, actor=actor)
    return obj


def may_edit_in(user: AnyUser, gmina: TerritorialUnit, network: Network | None = None) -> bool:
    """Whether ``user`` may run procedures / choose the variant in ``gmina`` (for ``network``)."""
    scope = scope_for(user)
    if not scope.authenticated:
        return False
    if scope.has_role(Role.SYSTEM_ADMIN):
        return True
    if scope.covers_code(gmina.code, scope.prefixes_for(*REGION_EDITORS)):
        return True
    return network is not None and network.main_node_id in scope.organisations_for(*LSR_EDITORS)


def _check_network(gmina: TerritorialUnit, network: Network | None) -> None:
    if network is None:
        return
    if network.level != NetworkLevel.LOCAL:
        raise ValidationError({"network": _("Choose a local network (LSR).")})
    territory = network.territory
    if territory is not None and not gmina.code.startswith(territory.code):
        raise ValidationError({"network": _("The network does not cover this gmina.")})


@transaction.atomic
def do_start_run(
    card: ProcedureCard,
    gmina: TerritorialUnit,
    *,
    actor: AnyUser,
    network: Network | None = None,
    introducing_organisation: Organisation | None = None,
    started_on: dt.date | None = None,
    due_on: dt.date | None = None,
    responsible_person: str = "",
    cooperating: Iterable[Organisation] = (),
    informed: Iterable[Organisation] = (),
    owner_user: User | None = None,
    owner_organisation: Organisation | None = None,
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
        started_by=_user(actor),
        started_on=started_on or timezone.localdate(),
        due_on=due_on,
        responsible_person=responsible_person,
        created_by=_user(actor),
        updated_by=_user(actor),
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
            created_by=_user(actor),
            updated_by=_user(actor),
        )
        record_create(task, actor=actor)
    return run


def _check_task(task: ProcedureTask, actor: AnyUser, status: str) -> None:
    """May ``actor`` move ``task`` to ``status``? (``TASK_MACHINE.move`` checks again under the row lock.)"""
    if not ProcedureTask.objects.completable_by(actor).filter(pk=task.pk).exists():
        raise PermissionDenied
    TASK_MACHINE.check(task, status)


@transaction.atomic
def do_assign_task(
    task: ProcedureTask,
    *,
    actor: AnyUser,
    owner_user: User | None = None,
    owner_organisation: Organisation | None = None,
    due_on: dt.date | None = None,
) -> ProcedureTask:
    if not ProcedureRun.objects.editable_by(actor).filter(pk=task.run_id).exists():
        raise PermissionDenied
    if TASK_MACHINE.lock(task) != TaskStatus.OPEN:
        raise ValidationError(_("Only an open task can be reassigned."))
    before = snapshot(task)
    task.owner_user = owner_user
    task.owner_organisation = owner_organisation
    task.due_on = due_on
    return _write(task, before, actor, "owner_user", "owner_organisation", "due_on")


@transaction.atomic
def do_complete_task(
    task: ProcedureTask,
    *,
    actor: AnyUser,
    summary: str,
    completed_on: dt.date | None = None,
    product_date: dt.date | None = None,
    recipients: Iterable[Organisation] = (),
    person: str = "",
    dates: str = "",
    linked_network: Network | None = None,
    linked_partnership: Partnership | None = None,
    linked_meeting: Meeting | None = None,
) -> ProcedureTask:
    """Mark the step done with its product; the typed product's required fields are checked."""
    _check_task(task, actor, TaskStatus.DONE)
    recipients = list(recipients)
    values: dict[str, object] = {
        "product_date": product_date,
        "product_recipients": recipients,
        "product_person": person.strip(),
        "product_dates": dates.strip(),
    }
    errors: dict[str, str] = {}
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
    TASK_MACHINE.move(task, TaskStatus.DONE, actor=actor)
    task.completed_on = completed_on or timezone.localdate()
    task.completed_by = _user(actor)
    task.product_summary = summary.strip()
    task.product_date = product_date
    task.product_person = person.strip()
    task.product_dates = dates.strip()
    task.linked_network = linked_network
    task.linked_partnership = linked_partnership
    task.linked_meeting = linked_meeting
    task.updated_by = _user(actor)
    task.save(update_fields=[*COMPLETION_FIELDS, "updated_by", "updated_at"])
    task.product_recipients.set(recipients)
    record_update(task, before, actor=actor, m2m=["product_recipients"])
    return task


@transaction.atomic
def do_cancel_task(task: ProcedureTask, *, actor: AnyUser, reason: str) -> ProcedureTask:
    _check_task(task, actor, TaskStatus.CANCELLED)
    if not reason.strip():
        raise ValidationError({"cancel_reason": _("Give the reason for cancelling.")})
    before = snapshot(task)
    TASK_MACHINE.move(task, TaskStatus.CANCELLED, actor=actor)
    task.cancel_reason = reason.strip()
    return _write(task, before, actor, "status", "cancel_reason")


def may_request_for(user: AnyUser, requester: Organisation) -> bool:
    scope = scope_for(user)
    if not scope.authenticated:
        return False
    if scope.has_role(Role.SYSTEM_ADMIN) or requester.pk in scope.organisations_for(*LSR_EDITORS):
        return True
    seat = requester.seat.code if requester.seat_id else None
    return scope.covers_code(seat, scope.prefixes_for(*REGION_EDITORS))


@transaction.atomic
def do_create_need_request(
    requester: Organisation,
    *,
    actor: AnyUser,
    kind: str,
    description: str,
    needed_by: dt.date,
    addressees: Iterable[Organisation],
    answer_by: dt.date | None = None,
    network: Network | None = None,
    task: ProcedureTask | None = None,
) -> NeedRequest:
    """The KIS notifies partners of a need (card 9); answers are due in two weeks by default."""
    if not may_request_for(actor, requester):
        raise PermissionDenied
    partners = [a for a in addressees if a.pk != requester.pk]
    if not partners:
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
        created_by=_user(actor),
        updated_by=_user(actor),
    )
    request.full_clean()
    request.save()
    request.addressees.set(partners)
    record_create(request, actor=actor, m2m=["addressees"])
    return request


@transaction.atomic
def do_answer_need_request(
    request: NeedRequest,
    organisation: Organisation,
    *,
    actor: AnyUser,
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
        responded_by=_user(actor),
        created_by=_user(actor),
        updated_by=_user(actor),
    )
    response.full_clean()
    response.save()
    record_create(response, actor=actor)
    notices.need_request_answered(response)
    return response


@transaction.atomic
def do_close_need_request(request: NeedRequest, *, actor: AnyUser) -> NeedRequest:
    if not NeedRequest.objects.editable_by(actor).filter(pk=request.pk).exists():
        raise PermissionDenied
    # Re-read under a row lock: of two people closing one request at once, one is told it is closed.
    request.closed_on = NeedRequest.objects.select_for_update().values_list("closed_on", flat=True).get(pk=request.pk)
    if not request.is_open:
        raise ValidationError(_("This request is already closed."))
    before = snapshot(request)
    request.closed_on = timezone.localdate()
    return _write(request, before, actor, "closed_on")


@transaction.atomic
def do_choose_variant(
    gmina: TerritorialUnit,
    *,
    actor: AnyUser,
    answers: Mapping[str, bool],
    variant: str | None = None,
    reason: str = "",
    network: Network | None = None,
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
        chosen_by=_user(actor),
        created_by=_user(actor),
        updated_by=_user(actor),
        **clean_answers,
    )
    choice.full_clean()
    choice.save()
    record_create(choice, actor=actor)
    return choice
