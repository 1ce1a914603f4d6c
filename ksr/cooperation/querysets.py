"""Reads of the forum and the assessment cards, scoped to the user.

- forum, meetings and everything in them, improvement actions: visible when the network is
  visible (``Network.objects.visible_to``), editable by those who may edit the network
  (``Network.objects.editable_by``: the KIS, the LSR coordinator, regional staff, administrators);
- assessment cards: the network's editors and the staff of its main node (the KIS) see all cards
  of the LSR, administrators and national analysts all cards, a member organisation's staff the
  cards of their own organisation. Only a member organisation's partner representative or manager
  fills a card, for their own organisation (``fillable_organisations``).
"""

from __future__ import annotations

from typing import Any

from django.db import models

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for
from ksr.core.types import AnyUser
from ksr.networks.models import Network
from ksr.networks.querysets import NetworkChildQuerySet
from ksr.registry.models import Organisation

# Roles that fill an assessment card for their own organisation.
CARD_FILLER_ROLES = (Role.PARTNER_REPRESENTATIVE, Role.ENTITY_MANAGER)


def _networks(user: AnyUser, *, edit: bool) -> Any:
    return Network.objects.editable_by(user) if edit else Network.objects.visible_to(user)


class ForumQuerySet(NetworkChildQuerySet):
    network_path = "network"


class ForumChildQuerySet(NetworkChildQuerySet):
    network_path = "forum__network"


class MeetingQuerySet(NetworkChildQuerySet):
    network_path = "forum__network"


class MeetingChildQuerySet(NetworkChildQuerySet):
    network_path = "meeting__forum__network"


class ImprovementActionQuerySet(NetworkChildQuerySet):
    network_path = "network"


class AssessmentQuerySet(models.QuerySet[Any]):
    def visible_to(self, user: AnyUser) -> AssessmentQuerySet:
        scope = scope_for(user)
        if not scope.authenticated:
            return self.none()
        if scope.everything:
            return self
        visible = _networks(user, edit=False).values("pk")
        editable = _networks(user, edit=True).values("pk")
        q = models.Q(network__in=editable)
        q |= models.Q(network__main_node_id__in=scope.organisation_ids)
        q |= models.Q(organisation_id__in=scope.organisation_ids)
        return self.filter(q, network__in=visible)

    def editable_by(self, user: AnyUser) -> AssessmentQuerySet:
        """Cards the user may change: their own organisation's (filler roles), or any as administrator."""
        scope = scope_for(user)
        if not scope.authenticated:
            return self.none()
        if scope.has_role(Role.SYSTEM_ADMIN):
            return self
        return self.filter(organisation_id__in=scope.organisations_for(*CARD_FILLER_ROLES))


def sees_all_cards(user: AnyUser, network: Any) -> bool:
    """The LSR coordinator, the KIS, the network's editors and national/administrative users."""
    scope = scope_for(user)
    if scope.everything:
        return True
    if network.main_node_id in scope.organisation_ids:
        return True
    return bool(_networks(user, edit=True).filter(pk=network.pk).exists())


def fillable_organisations(user: AnyUser, network: Any) -> models.QuerySet[Organisation]:
    """Organisations for which ``user`` may fill a card in ``network``: their own, if a current member."""
    scope = scope_for(user)
    members = Organisation.objects.filter(
        models.Q(network_memberships__network=network, network_memberships__left_on__isnull=True)
        | models.Q(pk=network.main_node_id)
    )
    if scope.has_role(Role.SYSTEM_ADMIN):
        return members.distinct()
    return members.filter(pk__in=scope.organisations_for(*CARD_FILLER_ROLES)).distinct()


def in_kis(user: AnyUser, network: Any) -> bool:
    """Whether ``user`` works in the network's KIS (its main node): they see exact small counts."""
    return network.main_node_id in scope_for(user).organisation_ids
