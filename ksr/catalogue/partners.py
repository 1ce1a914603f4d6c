"""Partner organisations of a KIS/CIS: the current members of its local network (LSR)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ksr.networks.queries import partner_organisations


def partner_organisations_of(organisation: Any) -> QuerySet[Any]:
    return partner_organisations(organisation)


def is_partner_of(candidate: Any, organisation: Any) -> bool:
    return partner_organisations_of(organisation).filter(pk=candidate.pk).exists()
