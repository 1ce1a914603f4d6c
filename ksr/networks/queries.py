"""Public read functions other apps call. They are not scoped to a user: callers scope first."""

from __future__ import annotations

from django.db.models import QuerySet

from ksr.networks.choices import NetworkLevel
from ksr.networks.models import Network, NetworkMembership
from ksr.registry.models import Organisation


def current_members(network: Network) -> QuerySet[Organisation]:
    """Organisations that are members of ``network`` today (left_on not set), the main node included."""
    ids = NetworkMembership.objects.current().filter(network=network).values("organisation_id")
    return Organisation.objects.filter(pk__in=ids)


def lsrs_of_organisation(org: Organisation) -> QuerySet[Network]:
    """Active LSRs ``org`` currently belongs to or is the main node of."""
    member_of = NetworkMembership.objects.current().filter(organisation=org).values("network_id")
    return Network.objects.filter(level=NetworkLevel.LOCAL, is_active=True).filter(
        pk__in=member_of
    ) | Network.objects.filter(level=NetworkLevel.LOCAL, is_active=True, main_node=org)


def partner_organisations(org: Organisation) -> QuerySet[Organisation]:
    """Current members of the active LSRs whose main node is ``org`` (its partner organisations), ``org`` excluded."""
    ids = NetworkMembership.objects.current().filter(
        network__level=NetworkLevel.LOCAL, network__is_active=True, network__main_node=org
    )
    return Organisation.objects.filter(pk__in=ids.values("organisation_id")).exclude(pk=org.pk)


def lsrs_in(territory_code_prefix: str) -> QuerySet[Network]:
    """Active LSRs whose territory code starts with the TERYT prefix ("" for the whole country)."""
    return Network.objects.filter(
        level=NetworkLevel.LOCAL, is_active=True, territory__code__startswith=territory_code_prefix
    )
