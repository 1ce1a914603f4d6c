"""Who sees and edits animation work (issue 5 permissions).

- read: regional animators and ROPS analysts their voivodeship (so an animator's work is seen
  by their team, their ROPS and OSAR); OSAR staff (any member of an organisation of kind
  ``animation_centre``), national analysts and system administrators everything;
- write: regional animators in their voivodeship; OSAR staff and system administrators
  everywhere (OSAR records training and examinations).
Every animation row lies in a voivodeship by a TERYT code (``region_field``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for

if TYPE_CHECKING:
    from ksr.animation.models import (  # noqa: F401
        AdviceVisit,
        AnimationEvent,
        Animator,
        Examination,
        ScenarioChoice,
        TrainingModule,
        ZrarTeam,
    )

READ_ROLES = (Role.REGIONAL_ANIMATOR, Role.REGIONAL_ANALYST, Role.NATIONAL_ANALYST, Role.SYSTEM_ADMIN)
EDIT_ROLES = (Role.REGIONAL_ANIMATOR,)
_OSAR_ATTR = "_ksr_animation_osar"


def is_osar(user: Any) -> bool:
    """Whether ``user`` belongs to an OSAR (organisation of kind "animation_centre"); cached per user."""
    scope = scope_for(user)
    if not scope.authenticated or not scope.organisation_ids:
        return False
    cached = getattr(user, _OSAR_ATTR, None)
    if cached is None:
        from ksr.registry.choices import OrganisationKind
        from ksr.registry.models import Organisation

        cached = Organisation.objects.filter(
            pk__in=scope.organisation_ids, kind=OrganisationKind.ANIMATION_CENTRE
        ).exists()
        setattr(user, _OSAR_ATTR, cached)
    return bool(cached)


def sees_everything(user: Any) -> bool:
    scope = scope_for(user)
    return scope.authenticated and (scope.everything or is_osar(user))


def edits_everywhere(user: Any) -> bool:
    return scope_for(user).has_role(Role.SYSTEM_ADMIN) or is_osar(user)


def may_view(user: Any) -> bool:
    """May ``user`` open the animation pages at all."""
    scope = scope_for(user)
    return scope.authenticated and (scope.has_any_role(READ_ROLES) or is_osar(user))


def read_prefixes(user: Any) -> frozenset[str] | None:
    """Voivodeship prefixes ``user`` reads in (None: everywhere)."""
    if sees_everything(user):
        return None
    return scope_for(user).prefixes_for(Role.REGIONAL_ANIMATOR, Role.REGIONAL_ANALYST)


def edit_prefixes(user: Any) -> frozenset[str] | None:
    """Voivodeship prefixes ``user`` edits in (None: everywhere)."""
    if edits_everywhere(user):
        return None
    return scope_for(user).prefixes_for(*EDIT_ROLES)


def may_edit_code(user: Any, code: str | None) -> bool:
    prefixes = edit_prefixes(user)
    if prefixes is None:
        return True
    return scope_for(user).covers_code(code, prefixes)


def may_edit_anything(user: Any) -> bool:
    prefixes = edit_prefixes(user)
    return prefixes is None or bool(prefixes)


class _Regional:
    """Rows placed in a voivodeship through ``region_field`` (a TERYT code lookup)."""

    region_field = "region__code"

    def _within(self, prefixes: frozenset[str] | None) -> Any:
        if prefixes is None:
            return self
        return self.filter(scope_for(None).territory_q(self.region_field, prefixes))  # type: ignore[attr-defined]

    def visible_to(self, user: Any) -> Any:
        if not scope_for(user).authenticated:
            return self.none()  # type: ignore[attr-defined]
        return self._within(read_prefixes(user))

    def editable_by(self, user: Any) -> Any:
        if not scope_for(user).authenticated:
            return self.none()  # type: ignore[attr-defined]
        return self._within(edit_prefixes(user))


class AnimatorQuerySet(_Regional, models.QuerySet["Animator"]):
    region_field = "region__code"


class TeamQuerySet(_Regional, models.QuerySet["ZrarTeam"]):
    region_field = "region__code"


class ScenarioChoiceQuerySet(_Regional, models.QuerySet["ScenarioChoice"]):
    region_field = "gmina__code"


class EventQuerySet(_Regional, models.QuerySet["AnimationEvent"]):
    region_field = "gmina__code"


class AdviceVisitQuerySet(_Regional, models.QuerySet["AdviceVisit"]):
    region_field = "entity__seat__code"


class TrainingModuleQuerySet(_Regional, models.QuerySet["TrainingModule"]):
    region_field = "animator__region__code"


class ExaminationQuerySet(_Regional, models.QuerySet["Examination"]):
    region_field = "animator__region__code"
