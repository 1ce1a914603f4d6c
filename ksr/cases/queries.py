"""Read functions other apps use (privacy, plans, catalogue, analytics)."""

from __future__ import annotations

from typing import Any

from ksr.cases.models import Participant


def may_write(user: Any, participant: Participant) -> bool:
    return Participant.objects.editable_by(user).filter(pk=participant.pk).exists()
