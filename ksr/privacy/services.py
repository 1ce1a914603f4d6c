"""Every write of the privacy app: atomic, permission-checked, audited.

Each function raises ``PermissionDenied`` when ``actor`` may not do it and ``ValidationError``
(translated) on bad input; either way nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from ksr.accounts.models import User
from ksr.accounts.scope import scope_for
from ksr.audit.choices import AuditAction
from ksr.audit.services import record, record_create, record_update, scrub_subject_trail, snapshot
from ksr.cases.choices import CLOSED_CASE_STATUSES
from ksr.cases.models import Case, Participant
from ksr.cases.querysets import HOLDER_ROLES
from ksr.core.types import AnyUser
from ksr.privacy.access import special_category_fields
from ksr.privacy.choices import CONSENT_MACHINE, MINIMAL_SCOPE, ConsentStatus
from ksr.privacy.models import Consent
from ksr.privacy.registry import anonymisers

PARTICIPANT_CONSENT_FIELDS = (
    "partner",
    "service",
    "service_reference",
    "data_scope",
    "participant_consent_on",
    "participant_consent_form",
    "participant_consent_document",
    "valid_from",
    "valid_until",
)
ANONYMISED_FIRST_NAME = "Anonimizowany"
ANONYMISED_LAST_NAME = "uczestnik"
# Never touched by anonymisation: bookkeeping, the holder, and the state itself.
KEPT_PARTICIPANT_FIELDS = frozenset(
    {
        "id",
        "organisation",
        "first_name",
        "last_name",
        "anonymised_at",
        "created_at",
        "updated_at",
        "created_by",
        "updated_by",
    }
)


def _user(actor: AnyUser) -> User | None:
    return actor if isinstance(actor, User) and actor.is_authenticated else None


def _is_holder_staff(user: AnyUser, organisation_id: int) -> bool:
    return organisation_id in scope_for(user).organisations_for(*HOLDER_ROLES)


@transaction.atomic
def do_record_participant_consent(case: Case, data: Mapping[str, Any], *, actor: AnyUser) -> Consent:
    """Record the participant's consent to share their minimal data with a partner for a service.

    The consent opens nothing until the responsible helper consents too (``do_record_helper_consent``).
    """
    if not _is_holder_staff(actor, case.organisation_id):
        raise PermissionDenied(_("Only the staff of the KIS/CIS holding the case record consents."))
    participant = case.participant
    if participant.anonymised_at is not None:
        raise ValidationError(_("The participant's data was anonymised; nothing can be shared."))
    if case.status in CLOSED_CASE_STATUSES:
        raise ValidationError(_("The case is closed; a consent is recorded only for an open case."))
    values = {name: data[name] for name in PARTICIPANT_CONSENT_FIELDS if name in data}
    values.setdefault("data_scope", [str(item) for item in MINIMAL_SCOPE])
    values["data_scope"] = [str(item) for item in values["data_scope"]]
    consent = Consent(participant=participant, case=case, status=ConsentStatus.AWAITING_HELPER, **values)
    consent.created_by = consent.updated_by = _user(actor)
    consent.full_clean()
    consent.save()
    record_create(consent, actor=actor)
    return consent


@transaction.atomic
def do_record_helper_consent(consent: Consent, *, actor: AnyUser, given_on: dt.date | None = None) -> Consent:
    """The KIS helper responsible for the participant (the case's responsible helper) consents."""
    helper_id = consent.case.responsible_helper_id
    if helper_id is None:
        raise ValidationError(_("The case has no responsible helper; assign one first."))
    if getattr(actor, "pk", None) != helper_id or not _is_holder_staff(actor, consent.participant.organisation_id):
        raise PermissionDenied(_("Only the helper responsible for the participant gives this consent."))
    given_on = given_on or timezone.localdate()
    if given_on > timezone.localdate():
        raise ValidationError({"helper_consent_on": _("The consent cannot be dated in the future.")})
    before = snapshot(consent)
    CONSENT_MACHINE.move(consent, ConsentStatus.GRANTED, actor=actor)
    consent.helper = _user(actor)
    consent.helper_consent_on = given_on
    consent.updated_by = _user(actor)
    consent.full_clean()
    consent.save()
    record_update(consent, before, actor=actor)
    return consent


@transaction.atomic
def do_withdraw_consent(consent: Consent, reason: str, *, actor: AnyUser) -> Consent:
    """Withdraw a consent on the participant's request: the partner's access ends at once."""
    if not _is_holder_staff(actor, consent.participant.organisation_id):
        raise PermissionDenied(_("Only the staff of the KIS/CIS holding the case withdraw consents."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"withdrawal_reason": _("Give the reason for the withdrawal.")})
    before = snapshot(consent)
    CONSENT_MACHINE.move(consent, ConsentStatus.WITHDRAWN, actor=actor)
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = _user(actor)
    consent.withdrawal_reason = reason[:300]
    consent.updated_by = _user(actor)
    consent.save()
    record_update(consent, before, actor=actor)
    return consent


# Retention and anonymisation -------------------------------------------------------------------


def retention_days() -> int:
    return int(getattr(settings, "KSR_RETENTION_DAYS", 3650))


def due_for_anonymisation(today: dt.date | None = None) -> models.QuerySet[Participant]:
    """Participants not yet anonymised whose every case is closed and the last ended before the cut-off.

    A case ends on its exit date; a refused case without one ends on the day it was opened.
    Participants without any case are left alone (their retention cannot be dated).
    """
    today = today or timezone.localdate()
    cutoff = today - dt.timedelta(days=retention_days())
    open_cases = Case.objects.filter(participant=models.OuterRef("pk")).exclude(status__in=CLOSED_CASE_STATUSES)
    return (
        Participant.objects.filter(anonymised_at__isnull=True, cases__isnull=False)
        .exclude(models.Exists(open_cases))
        .annotate(last_end=Max(Coalesce("cases__exited_on", "cases__opened_on")))
        .filter(last_end__lt=cutoff)
        .order_by("pk")
    )


def _anonymise_base(participant: Participant) -> list[str]:
    """Replace the name, reduce the birth date to the year, clear every free-text and contact field,
    every special-category field and every optional link (gmina of residence). Categorical and
    numeric fields that are not special-category (sex, education, household size…) stay for statistics.
    """
    special = set(special_category_fields())
    changed = ["first_name", "last_name"]
    participant.first_name = ANONYMISED_FIRST_NAME
    participant.last_name = ANONYMISED_LAST_NAME
    for model_field in participant._meta.concrete_fields:
        name = model_field.name
        if name in KEPT_PARTICIPANT_FIELDS:
            continue
        value = getattr(participant, model_field.attname)
        if name == "birth_date":
            if value:
                participant.birth_date = dt.date(value.year, 1, 1)
                changed.append(name)
            continue
        is_text = isinstance(model_field, (models.CharField, models.TextField))
        clear = (
            name in special
            or (is_text and not model_field.choices)
            or (model_field.is_relation and model_field.null)
            or (isinstance(model_field, models.DateField) and model_field.null)
        )
        if not clear or value in (None, ""):
            continue
        setattr(participant, model_field.attname, None if model_field.null else "")
        changed.append(name)
    return changed


def anonymise_consents(participant: Participant) -> None:
    """Consents keep their dates and partner (accountability) but lose free text about the person."""
    Consent.objects.filter(participant=participant).update(participant_consent_document="", withdrawal_reason="")


@transaction.atomic
def do_anonymise_participant(participant: Participant, *, actor: AnyUser | None) -> bool:
    """Replace the participant's personal data for good; call every registered anonymiser.

    Idempotent: an already anonymised participant is left alone (returns False). The audit row
    names the changed fields only — never their old values.
    """
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.anonymised_at is not None:
        return False
    changed = _anonymise_base(participant)
    for _name, anonymiser in anonymisers().items():
        anonymiser(participant)
    participant.anonymised_at = timezone.now()
    participant.save()
    record(
        AuditAction.UPDATE,
        participant,
        actor=actor,
        part="anonymisation",
        changes=dict.fromkeys(changed) | {"anonymised_at": [None, participant.anonymised_at.isoformat()]},
    )
    # The one exception to the append-only trail: what it still held about the person goes (ADR 0012).
    scrub_subject_trail(participant, actor=actor)
    return True


@dataclass
class AnonymisationResult:
    due: int = 0
    anonymised: int = 0
    per_holder: dict[str, int] = field(default_factory=dict)


def do_anonymise_due_participants(
    *, actor: AnyUser | None = None, today: dt.date | None = None, dry_run: bool = False
) -> AnonymisationResult:
    """Anonymise every participant past retention (``KSR_RETENTION_DAYS``); ``dry_run`` counts only."""
    result = AnonymisationResult()
    for participant in due_for_anonymisation(today).select_related("organisation"):
        result.due += 1
        holder = str(participant.organisation)
        result.per_holder[holder] = result.per_holder.get(holder, 0) + 1
        if not dry_run and do_anonymise_participant(participant, actor=actor):
            result.anonymised += 1
    return result
