"""Reads of surveys and interviews, scoped to the user.

- read: system administrators, national analysts and members of OSAR (an organisation of kind
  ``animation_centre``) everywhere; regional animators and ROPS analysts (regional analysts) in
  their voivodeship; everyone else nothing;
- write: system administrators everywhere; regional animators in their voivodeship.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for

if TYPE_CHECKING:
    from ksr.surveys.models import Interview, Survey  # noqa: F401

READ_ROLES = (Role.REGIONAL_ANIMATOR, Role.REGIONAL_ANALYST)
WRITE_ROLES = (Role.REGIONAL_ANIMATOR,)


def reads_everything(user: Any) -> bool:
    scope = scope_for(user)
    if not scope.authenticated:
        return False
    if scope.everything:
        return True
    cached = getattr(user, "_surveys_osar", None)
    if cached is None:
        from ksr.registry.choices import OrganisationKind
        from ksr.registry.models import Organisation

        cached = Organisation.objects.filter(
            pk__in=scope.organisation_ids, kind=OrganisationKind.ANIMATION_CENTRE
        ).exists()
        user._surveys_osar = cached
    return bool(cached)


def read_prefixes(user: Any) -> frozenset[str] | None:
    """TERYT prefixes the user may read surveys in (None: everywhere; empty: nowhere)."""
    if reads_everything(user):
        return None
    return scope_for(user).prefixes_for(*READ_ROLES)


def write_prefixes(user: Any) -> frozenset[str] | None:
    scope = scope_for(user)
    if not scope.authenticated:
        return frozenset()
    if getattr(user, "is_superuser", False) or scope.has_role(Role.SYSTEM_ADMIN):
        return None
    return scope.prefixes_for(*WRITE_ROLES)


def may_read(user: Any) -> bool:
    prefixes = read_prefixes(user)
    return prefixes is None or bool(prefixes)


def may_write(user: Any, code: str | None = None) -> bool:
    prefixes = write_prefixes(user)
    if prefixes is None:
        return True
    if code is None:
        return bool(prefixes)
    return any(code.startswith(p) for p in prefixes)


def _filter(qs: models.QuerySet[Any], prefixes: frozenset[str] | None, field: str) -> models.QuerySet[Any]:
    if prefixes is None:
        return qs
    if not prefixes:
        return qs.none()
    q = models.Q(pk__in=[])
    for prefix in sorted(prefixes):
        q |= models.Q(**{f"{field}__startswith": prefix})
    return qs.filter(q)


class SurveyQuerySet(models.QuerySet["Survey"]):
    def visible_to(self, user: Any) -> SurveyQuerySet:
        return _filter(self, read_prefixes(user), "gmina__code")  # type: ignore[return-value]

    def editable_by(self, user: Any) -> SurveyQuerySet:
        return _filter(self, write_prefixes(user), "gmina__code")  # type: ignore[return-value]


class InterviewQuerySet(models.QuerySet["Interview"]):
    def visible_to(self, user: Any) -> InterviewQuerySet:
        return _filter(self, read_prefixes(user), "gmina__code")  # type: ignore[return-value]
