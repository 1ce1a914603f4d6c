"""Scoped reads of the procedures app.

Read: runs, need requests and variant choices whose gmina (or requesting organisation's seat)
lies in the user's reach — ROPS staff and animators see their voivodeship, KIS/OPS roles their
powiat; the national centre, OSAR staff (an organisation of kind ``animation_centre``) and
system administrators see everything. Partners also see the requests addressed to them.

Write (runs, variant choices): regional animators of the voivodeship, the LSR's KIS (entity
manager) and LSR coordinator (of the run's network main node), system administrators. A task
may also be completed by its owner (user, or a member of the owner organisation).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Self, TypeVar

from django.db import models

from ksr.accounts.choices import Role
from ksr.accounts.scope import Scope, scope_for
from ksr.core.types import AnyUser
from ksr.registry.choices import OrganisationKind
from ksr.registry.models import Organisation

if TYPE_CHECKING:
    from ksr.procedures.models import NeedRequest, ProcedureRun, ProcedureTask, VariantChoice  # noqa: F401

LSR_EDITORS = (Role.ENTITY_MANAGER, Role.LSR_COORDINATOR)
REGION_EDITORS = (Role.REGIONAL_ANIMATOR,)


def sees_everything(user: AnyUser) -> bool:
    """National centre, system admins and OSAR staff read every region."""
    scope = scope_for(user)
    if not scope.authenticated:
        return False
    if scope.everything:
        return True
    cached = getattr(user, "_ksr_osar", None)
    if cached is None:
        cached = Organisation.objects.filter(
            pk__in=scope.organisation_ids, kind=OrganisationKind.ANIMATION_CENTRE
        ).exists()
        setattr(user, "_ksr_osar", cached)  # noqa: B010 — a per-request cache on the user object
    return bool(cached)


def _edit_q(scope: Scope, gmina_field: str, network_field: str) -> models.Q:
    q = scope.territory_q(f"{gmina_field}__code", scope.prefixes_for(*REGION_EDITORS))
    lsr_orgs = scope.organisations_for(*LSR_EDITORS)
    if lsr_orgs:
        q |= models.Q(**{f"{network_field}__main_node_id__in": lsr_orgs})
    return q


_M = TypeVar("_M", bound=models.Model)


class _ScopedQuerySet(models.QuerySet[_M]):
    """Nothing for anonymous users; everything for readers of everything (``visible_to``) and for
    system administrators (``editable_by``); otherwise the rows matching ``_visible_q`` / ``_editable_q``."""

    def _visible_q(self, scope: Scope) -> models.Q:
        raise NotImplementedError

    def _editable_q(self, scope: Scope) -> models.Q:
        raise NotImplementedError

    def visible_to(self, user: AnyUser) -> Self:
        scope = scope_for(user)
        if not scope.authenticated:
            return self.none()
        return self if sees_everything(user) else self.filter(self._visible_q(scope))

    def editable_by(self, user: AnyUser) -> Self:
        scope = scope_for(user)
        if not scope.authenticated:
            return self.none()
        return self if scope.has_role(Role.SYSTEM_ADMIN) else self.filter(self._editable_q(scope))


class RunQuerySet(_ScopedQuerySet["ProcedureRun"]):
    def _visible_q(self, scope: Scope) -> models.Q:
        return scope.territory_q("gmina__code") | models.Q(network__main_node_id__in=scope.organisation_ids)

    def _editable_q(self, scope: Scope) -> models.Q:
        return _edit_q(scope, "gmina", "network")


class TaskQuerySet(models.QuerySet["ProcedureTask"]):
    def visible_to(self, user: AnyUser) -> TaskQuerySet:
        from ksr.procedures.models import ProcedureRun

        return self.filter(run__in=ProcedureRun.objects.visible_to(user).values("pk"))

    def completable_by(self, user: AnyUser) -> TaskQuerySet:
        """Tasks ``user`` may complete or cancel: editors of the run, and the task's owner."""
        scope = scope_for(user)
        if not scope.authenticated:
            return self.none()
        if scope.has_role(Role.SYSTEM_ADMIN):
            return self
        return self.filter(
            _edit_q(scope, "run__gmina", "run__network")
            | models.Q(owner_user_id=user.pk)
            | models.Q(owner_organisation_id__in=scope.organisation_ids)
        )


class NeedRequestQuerySet(_ScopedQuerySet["NeedRequest"]):
    def _visible_q(self, scope: Scope) -> models.Q:
        addressed = self.model.objects.filter(
            scope.territory_q("requester__seat__code")
            | models.Q(requester_id__in=scope.organisation_ids)
            | models.Q(addressees__in=scope.organisation_ids)
        )
        return models.Q(pk__in=addressed.values("pk"))

    def _editable_q(self, scope: Scope) -> models.Q:
        """The requesting KIS and the animators of its region may change or close a request."""
        return scope.territory_q("requester__seat__code", scope.prefixes_for(*REGION_EDITORS)) | models.Q(
            requester_id__in=scope.organisations_for(*LSR_EDITORS)
        )


class VariantChoiceQuerySet(_ScopedQuerySet["VariantChoice"]):
    def _visible_q(self, scope: Scope) -> models.Q:
        return scope.territory_q("gmina__code")

    def _editable_q(self, scope: Scope) -> models.Q:
        return _edit_q(scope, "gmina", "network")
