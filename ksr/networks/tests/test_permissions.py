"""Permission matrix of Network and NetworkMembership: who sees and who edits which network."""

import pytest

from ksr.accounts.scope import forget_scope
from ksr.networks.models import Network, NetworkMembership
from ksr.networks.querysets import may_edit_network

# role/user → (visible networks, editable networks) among ksr, rsr, lsr (Warsaw).
EXPECTED = {
    "admin": ({"ksr", "rsr", "lsr"}, {"ksr", "rsr", "lsr"}),
    "kis_manager": ({"ksr", "rsr", "lsr"}, {"lsr"}),
    "coordinator": ({"ksr", "rsr", "lsr"}, {"lsr"}),
    "case_manager": ({"ksr", "rsr", "lsr"}, set()),
    "specialist": ({"ksr", "rsr", "lsr"}, set()),
    "partner": ({"ksr", "lsr"}, set()),
    "ops_worker": ({"ksr", "lsr"}, set()),
    "animator": ({"ksr", "rsr", "lsr"}, {"rsr"}),
    "analyst": ({"ksr", "rsr", "lsr"}, {"rsr"}),
    "officer": ({"ksr", "rsr", "lsr"}, set()),
    "national": ({"ksr", "rsr", "lsr"}, {"ksr"}),
    "zenon": ({"ksr"}, set()),
    "nobody": ({"ksr"}, set()),
}


@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_network_matrix(cast, ksr, rsr, lsr, who):
    user = getattr(cast, who)
    forget_scope(user)
    names = {ksr.pk: "ksr", rsr.pk: "rsr", lsr.pk: "lsr"}
    visible, editable = EXPECTED[who]
    assert {names[n.pk] for n in Network.objects.visible_to(user)} == visible
    assert {names[n.pk] for n in Network.objects.editable_by(user)} == editable
    # The Python predicate used before a network exists agrees with the queryset.
    assert {names[n.pk] for n in (ksr, rsr, lsr) if may_edit_network(user, n)} == editable
    memberships = NetworkMembership.objects.filter(network__in=[ksr, rsr, lsr])
    assert {names[m.network_id] for m in memberships.visible_to(user)} == visible
    assert {names[m.network_id] for m in memberships.editable_by(user)} == editable


def test_anonymous_sees_and_edits_nothing(ksr, rsr, lsr):
    from django.contrib.auth.models import AnonymousUser

    assert not Network.objects.visible_to(AnonymousUser()).exists()
    assert not Network.objects.editable_by(AnonymousUser()).exists()
    assert not may_edit_network(AnonymousUser(), lsr)
