"""The register officer's panel on the home page: the notifications waiting for an entry."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from ksr.registers.choices import EntryStatus
from ksr.registers.models import RegisterEntry

PANEL_SIZE = 5


def officer_context(request: HttpRequest) -> dict[str, Any]:
    """The notifications the user may enter (oldest first), how many there are, and how many are overdue."""
    waiting = (
        RegisterEntry.objects.editable_by(request.user)
        .filter(status=EntryStatus.NOTIFIED)
        .with_related()
        .order_by("notification_date", "pk")
    )
    return {
        "register_waiting": list(waiting[:PANEL_SIZE]),
        "register_waiting_count": waiting.count(),
        "register_overdue_count": waiting.overdue().count(),
    }
