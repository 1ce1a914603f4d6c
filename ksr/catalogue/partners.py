"""Partner organisations of a KIS/CIS: the current members of its local network (LSR)."""

from __future__ import annotations

from ksr.networks.queries import partner_organisations
from ksr.registry.models import Organisation


def is_partner_of(candidate: Organisation, organisation: Organisation) -> bool:
    return partner_organisations(organisation).filter(pk=candidate.pk).exists()
