"""Reads of the registry, always scoped to the user (see ``ksr.accounts.scope``).

Rules (the permission matrix in ``tests/test_permission_matrix.py`` holds them):
- read: organisations whose seat lies in the user's territorial reach, plus their own;
- write: system administrators everywhere; regional analysts and animators in their
  voivodeship; LSR coordinators in their powiat; a KIS/CIS manager their own organisation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for

if TYPE_CHECKING:
    from ksr.registry.models import Organisation, Person

REGIONAL_EDITORS = (Role.REGIONAL_ANALYST, Role.REGIONAL_ANIMATOR)
LOCAL_EDITORS = (Role.LSR_COORDINATOR,)
OWN_EDITORS = (Role.ENTITY_MANAGER,)


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def visible_to(self, user: Any) -> OrganisationQuerySet:
        scope = scope_for(user)
        if not scope.authenticated:
            return self.none()
        if scope.everything:
            return self
        return self.filter(scope.territory_q("seat__code") | models.Q(pk__in=scope.organisation_ids))

    def editable_by(self, user: Any) -> OrganisationQuerySet:
        scope = scope_for(user)
        if not scope.authenticated:
            return self.none()
        if scope.has_role(Role.SYSTEM_ADMIN) or getattr(user, "is_superuser", False):
            return self
        prefixes = scope.prefixes_for(*REGIONAL_EDITORS, *LOCAL_EDITORS)
        return self.filter(
            scope.territory_q("seat__code", prefixes) | models.Q(pk__in=scope.organisations_for(*OWN_EDITORS))
        )


class PersonQuerySet(models.QuerySet["Person"]):
    def visible_to(self, user: Any) -> PersonQuerySet:
        from ksr.registry.models import Organisation

        return self.filter(organisation__in=Organisation.objects.visible_to(user))

    def editable_by(self, user: Any) -> PersonQuerySet:
        from ksr.registry.models import Organisation

        return self.filter(organisation__in=Organisation.objects.editable_by(user))
