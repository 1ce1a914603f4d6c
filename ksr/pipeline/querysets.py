from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for
from ksr.animation.querysets import sees_everything  # administrators, the national centre and OSAR
from ksr.core.types import AnyUser

if TYPE_CHECKING:
    from ksr.pipeline.models import Initiative  # noqa: F401

# Roles that see the pipeline of their region (animators edit, ROPS analysts read).
REGIONAL_ROLES = (Role.REGIONAL_ANIMATOR, Role.REGIONAL_ANALYST)
VIEW_ROLES = (Role.SYSTEM_ADMIN, Role.NATIONAL_ANALYST, Role.REGIONAL_ANALYST, Role.REGIONAL_ANIMATOR)


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
