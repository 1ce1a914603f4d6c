from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for
from ksr.core.types import AnyUser
from ksr.registry.choices import OrganisationKind
from ksr.registry.models import Organisation

if TYPE_CHECKING:
    from ksr.pipeline.models import Initiative  # noqa: F401

# Roles that see the pipeline of their region (animators edit, ROPS analysts read).
REGIONAL_ROLES = (Role.REGIONAL_ANIMATOR, Role.REGIONAL_ANALYST)
VIEW_ROLES = (Role.SYSTEM_ADMIN, Role.NATIONAL_ANALYST, Role.REGIONAL_ANALYST, Role.REGIONAL_ANIMATOR)


def sees_everything(user: AnyUser) -> bool:
    """Administrators, the national centre and members of OSAR (an animation centre) see all."""
    scope = scope_for(user)
    if not scope.authenticated:
        return False
    if scope.everything:
        return True
    return Organisation.objects.filter(pk__in=scope.organisation_ids, kind=OrganisationKind.ANIMATION_CENTRE).exists()


class InitiativeQuerySet(models.QuerySet["Initiative"]):
    def with_related(self) -> InitiativeQuerySet:
        return self.select_related("gmina__parent__parent", "founding_body", "register_entry")

    def visible_to(self, user: AnyUser) -> InitiativeQuerySet:
        scope = scope_for(user)
        if not scope.authenticated:
            return self.none()
        if sees_everything(user):
            return self
        prefixes = scope.prefixes_for(*REGIONAL_ROLES)
        if not prefixes:
            return self.none()
        return self.filter(scope.territory_q("gmina__code", prefixes))

    def editable_by(self, user: AnyUser) -> InitiativeQuerySet:
        scope = scope_for(user)
        if not scope.authenticated:
            return self.none()
        if scope.has_role(Role.SYSTEM_ADMIN):
            return self
        prefixes = scope.prefixes_for(Role.REGIONAL_ANIMATOR)
        if not prefixes:
            return self.none()
        return self.filter(scope.territory_q("gmina__code", prefixes))
