"""Who sees and edits animation work (issue 5 permissions).

- read: regional animators and ROPS analysts their voivodeship (so an animator's work is seen
  by their team, their ROPS and OSAR); OSAR staff (any member of an organisation of kind
  ``animation_centre``), national analysts and system administrators everything;
- write: regional animators in their voivodeship; OSAR staff and system administrators
  everywhere (OSAR records training and examinations).
Every animation row lies in a voivodeship by a TERYT code (``region_field``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Self, TypeVar

from django.db import models

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for
from ksr.core.types import AnyUser
from ksr.surveys.querysets import is_osar, within

if TYPE_CHECKING:
    from ksr.animation import models as m  # noqa: F401 (named in the generics' strings)

READ_ROLES = (Role.REGIONAL_ANIMATOR, Role.REGIONAL_ANALYST, Role.NATIONAL_ANALYST, Role.SYSTEM_ADMIN)
EDIT_ROLES = (Role.REGIONAL_ANIMATOR,)
_M = TypeVar("_M", bound=models.Model)


def sees_everything(user: AnyUser) -> bool:
    scope = scope_for(user)
    return scope.authenticated and (scope.everything or is_osar(user))


def edits_everywhere(user: AnyUser) -> bool:
    return scope_for(user).has_role(Role.SYSTEM_ADMIN) or is_osar(user)


def may_view(user: AnyUser) -> bool:
    """May ``user`` open the animation pages at all."""
    scope = scope_for(user)
    return scope.authenticated and (scope.has_any_role(READ_ROLES) or is_osar(user))


def read_prefixes(user: AnyUser) -> frozenset[str] | None:
    """Voivodeship prefixes ``user`` reads in (None: everywhere)."""
    if sees_everything(user):
        return None
    return scope_for(user).prefixes_for(Role.REGIONAL_ANIMATOR, Role.REGIONAL_ANALYST)


def edit_prefixes(user: AnyUser) -> frozenset[str] | None:
    """Voivodeship prefixes ``user`` edits in (None: everywhere)."""
    if edits_everywhere(user):
        return None
    return scope_for(user).prefixes_for(*EDIT_ROLES)


def may_edit_code(user: AnyUser, code: str | None) -> bool:
    prefixes = edit_prefixes(user)
    if prefixes is None:
        return True
    return scope_for(user).covers_code(code, prefixes)


def may_edit_anything(user: AnyUser) -> bool:
    prefixes = edit_prefixes(user)
    return prefixes is None or bool(prefixes)


class RegionalQuerySet(models.QuerySet[_M]):
    """Rows placed in a voivodeship through ``region_field`` (a TERYT code lookup)."""

    region_field = "region__code"

    def visible_to(self, user: AnyUser) -> Self:
        if not scope_for(user).authenticated:
            return self.none()
        return within(self, read_prefixes(user), self.region_field)

    def editable_by(self, user: AnyUser) -> Self:
        if not scope_for(user).authenticated:
            return self.none()
        return within(self, edit_prefixes(user), self.region_field)


class AnimatorQuerySet(RegionalQuerySet["m.Animator"]):
    pass


class TeamQuerySet(RegionalQuerySet["m.ZrarTeam"]):
    pass


class ScenarioChoiceQuerySet(RegionalQuerySet["m.ScenarioChoice"]):
    region_field = "gmina__code"


class EventQuerySet(RegionalQuerySet["m.AnimationEvent"]):
    region_field = "gmina__code"


class AdviceVisitQuerySet(RegionalQuerySet["m.AdviceVisit"]):
    region_field = "entity__seat__code"


class TrainingModuleQuerySet(RegionalQuerySet["m.TrainingModule"]):
    region_field = "animator__region__code"


class ExaminationQuerySet(RegionalQuerySet["m.Examination"]):
    region_field = "animator__region__code"
