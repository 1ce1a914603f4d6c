"""Reads of the registry, always scoped to the user (see ``ksr.accounts.scope``).

Rules (the permission matrix in ``tests/test_permission_matrix.py`` holds them):
- read: organisations whose seat lies in the user's territorial reach, plus their own;
- write: system administrators everywhere; regional analysts and animators in their
  voivodeship; LSR coordinators in their powiat; a KIS/CIS manager their own organisation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from ksr.accounts.choices import Role
from ksr.accounts.scope import is_system_admin, scope_for
from ksr.core.types import AnyUser
from ksr.registry.choices import OrganisationKind

if TYPE_CHECKING:
    from ksr.registry.models import Organisation, Person  # noqa: F401

REGIONAL_EDITORS = (Role.REGIONAL_ANALYST, Role.REGIONAL_ANIMATOR)
LOCAL_EDITORS = (Role.LSR_COORDINATOR,)
OWN_EDITORS = (Role.ENTITY_MANAGER,)
REGISTRARS = (Role.REGISTER_OFFICER,)
REGISTER_ENTITY_KINDS = (OrganisationKind.KIS, OrganisationKind.CIS)  # kept in the voivode registers


# The admin gate of the registry is the system administrator's (``ksr.accounts.scope``).
is_registry_admin = is_system_admin


def seat_prefixes(user: AnyUser | None) -> frozenset[str] | None:
    """TERYT prefixes where ``user`` may register organisations (None: anywhere)."""
    if not scope_for(user).authenticated:
        return frozenset()
    if is_registry_admin(user):
        return None
    return scope_for(user).prefixes_for(*REGIONAL_EDITORS, *LOCAL_EDITORS)


def may_place_seat(
    user: AnyUser,
    code: str,
    *,
    organisation: Organisation | None = None,
    old_code: str | None = None,
    kind: str | None = None,
) -> bool:
    """May ``user`` give an organisation a seat in gmina ``code``?

    Territorial editors within their territory; a KIS/CIS manager may move their own
    organisation's seat within the same powiat; a voivode register officer records a new KIS or
    CIS (``kind``) notified in their voivodeship.
    """
    prefixes = seat_prefixes(user)
    if prefixes is None or any(code.startswith(p) for p in prefixes):
        return True
    if kind in REGISTER_ENTITY_KINDS and scope_for(user).covers_code(code, scope_for(user).prefixes_for(*REGISTRARS)):
        return True
    if organisation is not None and old_code and organisation.pk in scope_for(user).organisations_for(*OWN_EDITORS):
        return code[:4] == old_code[:4]
    return False


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def visible_to(self, user: AnyUser | None) -> OrganisationQuerySet:
        scope = scope_for(user)
        if not scope.authenticated:
            return self.none()
        if scope.everything:
            return self
        return self.filter(scope.territory_q("seat__code") | models.Q(pk__in=scope.organisation_ids))

    def editable_by(self, user: AnyUser | None) -> OrganisationQuerySet:
        scope = scope_for(user)
        if not scope.authenticated:
            return self.none()
        if is_registry_admin(user):
            return self
        prefixes = scope.prefixes_for(*REGIONAL_EDITORS, *LOCAL_EDITORS)
        return self.filter(
            scope.territory_q("seat__code", prefixes) | models.Q(pk__in=scope.organisations_for(*OWN_EDITORS))
        )


class PersonQuerySet(models.QuerySet["Person"]):
    def visible_to(self, user: AnyUser | None) -> PersonQuerySet:
        from ksr.registry.models import Organisation

        return self.filter(organisation__in=Organisation.objects.visible_to(user))

    def editable_by(self, user: AnyUser | None) -> PersonQuerySet:
        from ksr.registry.models import Organisation

        return self.filter(organisation__in=Organisation.objects.editable_by(user))
