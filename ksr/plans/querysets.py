"""Reads of contracts, plans, diagnoses, card entries and outcomes: always through the case.

Whoever reads the case (``Case.objects.visible_to``: the holder's staff) reads its plans;
partners and everyone above the club read none of it. Writes: see ``ksr.plans.access``.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from ksr.accounts.scope import scope_for
from ksr.cases.querysets import HOLDER_ROLES
from ksr.core.types import AnyUser


class CaseOwnedQuerySet(models.QuerySet):
    case_path = "case"

    def visible_to(self, user: AnyUser) -> CaseOwnedQuerySet:
        scope = scope_for(user)
        if not scope.authenticated:
            return self.none()
        return self.filter(**{f"{self.case_path}__organisation_id__in": scope.organisations_for(*HOLDER_ROLES)})


class ContractChildQuerySet(CaseOwnedQuerySet):
    case_path = "contract__case"


class AppendOnlyQuerySet(CaseOwnedQuerySet):
    """Service card entries: bulk updates and deletes are refused like single ones."""

    def update(self, **kwargs: Any) -> int:
        raise TypeError("Service card entries are append-only; they cannot be updated.")

    def delete(self) -> Any:
        raise TypeError("Service card entries are append-only; they cannot be deleted.")

    def scrub(self, **kwargs: Any) -> int:
        """Overwrite free text for anonymisation (``ksr.plans.privacy``): the only permitted update."""
        return super().update(**kwargs)
