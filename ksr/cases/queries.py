"""Read functions other apps use (privacy, plans, catalogue, analytics)."""

from __future__ import annotations

from typing import Any

from ksr.cases.models import Case, Participant
from ksr.core.types import AnyUser


def holder_cases_of(user: AnyUser) -> Any:
    """Cases of the KIS/CIS whose participants ``user`` reads as holder staff (manager, case manager, specialist)."""
    return Case.objects.visible_to(user)


def holder_participants_of(user: AnyUser) -> Any:
    """Participants ``user`` reads as holder staff."""
    return Participant.objects.visible_to(user)


def is_holder_of(user: AnyUser, participant: Participant) -> bool:
    return Participant.objects.visible_to(user).filter(pk=participant.pk).exists()


def may_write(user: AnyUser, participant: Participant) -> bool:
    return Participant.objects.editable_by(user).filter(pk=participant.pk).exists()
