"""Reads of surveys and interviews, scoped to the user.

- read: system administrators, national analysts and members of OSAR (an organisation of kind
  ``animation_centre``) everywhere; regional animators and ROPS analysts (regional analysts) in
  their voivodeship; everyone else nothing;
- write: system administrators everywhere; regional animators in their voivodeship.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for
from ksr.core.types import AnyUser
from ksr.registry.choices import OrganisationKind
from ksr.registry.models import Organisation

if TYPE_CHECKING:
    from ksr.surveys.models import Interview, Survey  # noqa: F401

READ_ROLES = (Role.REGIONAL_ANIMATOR, Role.REGIONAL_ANALYST)
WRITE_ROLES = (Role.REGIONAL_ANIMATOR,)
_OSAR_ATTR = "_ksr_osar"

QS = TypeVar("QS", bound=models.QuerySet[Any])


def is_osar(user: AnyUser) -> bool:
    """Whether ``user`` belongs to an OSAR (organisation of kind "animation_centre"); cached per user."""
    scope = scope_for(user)
    if not scope.authenticated or not scope.organisation_ids:
        return False
    cached = getattr(user, _OSAR_ATTR, None)
    if cached is None:
        cached = Organisation.objects.filter(
            pk__in=scope.organisation_ids, kind=OrganisationKind.ANIMATION_CENTRE
        ).exists()
        setattr(user, _OSAR_ATTR, cached)
    return bool(cached)


def reads_everything(user: AnyUser) -> bool:
    scope = scope_for(user)
    return scope.authenticated and (scope.everything or is_osar(user))


def read_prefixes(user: AnyUser) -> frozenset[str] | None:
    """TERYT prefixes the user may read surveys in (None: everywhere; empty: nowhere)."""
    if reads_everything(user):
        return None
    return scope_for(user).prefixes_for(*READ_ROLES)


def write_prefixes(user: AnyUser) -> frozenset[str] | None:
    scope = scope_for(user)
    if not scope.authenticated:
        return frozenset()
    if getattr(user, "is_superuser", False) or scope.has_role(Role.SYSTEM_ADMIN):
        return None
    return scope.prefixes_for(*WRITE_ROLES)


def may_read(user: AnyUser) -> bool:
    prefixes = read_prefixes(user)
    return prefixes is None or bool(prefixes)


def may_write(user: AnyUser, code: str | None = None) -> bool:
    prefixes = write_prefixes(user)
    if prefixes is None:
        return True
    if code is None:
        return bool(prefixes)
    return scope_for(user).covers_code(code, prefixes)


def within(queryset: QS, prefixes: frozenset[str] | None, field: str = "gmina__code") -> QS:
    """Rows of ``queryset`` whose TERYT ``field`` starts with one of ``prefixes`` (None: all)."""
    if prefixes is None:
        return queryset
    return queryset.filter(scope_for(None).territory_q(field, prefixes))


class SurveyQuerySet(models.QuerySet["Survey"]):
    def visible_to(self, user: AnyUser) -> SurveyQuerySet:
        return within(self, read_prefixes(user))

    def listed(self) -> SurveyQuerySet:
        """What a list row shows (the gmina, ``response_count``), newest first."""
        return (
            self.select_related("gmina")
            .annotate(response_count=models.Count("responses"))
            .order_by("-starts_on", "-pk")
        )

    def editable_by(self, user: AnyUser) -> SurveyQuerySet:
        return within(self, write_prefixes(user))


class InterviewQuerySet(models.QuerySet["Interview"]):
    def visible_to(self, user: AnyUser) -> InterviewQuerySet:
        return within(self, read_prefixes(user))
