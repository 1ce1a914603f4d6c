"""One MLW Pact in force per LSR (issue 10, §3): a second is refused until the first is dissolved.

Through the service, the HTML form and the API; a refusal writes nothing.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ksr.networks.models import Network
from ksr.partnerships import services
from ksr.partnerships.models import Pact
from ksr.testing import unit

from .helpers import lsr

pytestmark = pytest.mark.django_db
IN_FORCE = "ma już Pakt na rzecz MLW w mocy"


def _signed_pact(cast, network):
    pact = services.do_create_pact(network, {"original_keeper": "Urząd"}, actor=cast.admin)
    rows = [services.do_join_pact(pact, o, actor=cast.admin) for o in (cast.kis_waw, cast.ops_waw, cast.library_waw)]
    services.do_transition_pact(pact, "consultation", actor=cast.admin)
    services.do_transition_pact(pact, "signed", actor=cast.admin)
    return pact, rows


def test_service_second_pact_refused_while_one_is_in_force_accepted_after_dissolution(cast):
    network = lsr(cast)
    _pact, rows = _signed_pact(cast, network)
    with pytest.raises(ValidationError) as refused:
        services.do_create_pact(network, {"original_keeper": "Urząd"}, actor=cast.admin)
    assert IN_FORCE in " ".join(refused.value.messages)
    assert Pact.objects.count() == 1
    services.do_withdraw_from_pact(rows[1], actor=cast.admin)
    services.do_create_pact(network, {"original_keeper": "Urząd"}, actor=cast.admin)
    assert Pact.objects.count() == 2


def test_service_a_draft_cannot_be_signed_while_another_is_in_force(cast):
    network = lsr(cast)
    draft = services.do_create_pact(network, {"original_keeper": "Urząd"}, actor=cast.admin)
    for org in (cast.kis_waw, cast.ops_waw, cast.library_waw):
        services.do_join_pact(draft, org, actor=cast.admin)
    services.do_transition_pact(draft, "consultation", actor=cast.admin)
    # Another pact signed meanwhile (as older data may hold): the draft cannot come into force too.
    Pact.objects.create(network=network, original_keeper="Urząd", status="signed")
    with pytest.raises(ValidationError):
        services.do_transition_pact(draft, "signed", actor=cast.admin)
    draft.refresh_from_db()
    assert draft.status == "consultation"


def test_a_pact_in_another_lsr_is_no_obstacle(cast):
    _signed_pact(cast, lsr(cast))
    other = Network.objects.create(name="LSR Druga", level="local", territory=unit("1465011"), main_node=cast.kis_waw)
    services.do_create_pact(other, {"original_keeper": "Urząd"}, actor=cast.admin)
    assert Pact.objects.filter(network=other).count() == 1


def test_form_second_pact_refused(cast, login):
    network = lsr(cast)
    _signed_pact(cast, network)
    response = login(cast.coordinator).post(
        reverse("partnerships:pact_create", args=[network.pk]), {"original_keeper": "Urząd", "title": "Pakt"}
    )
    assert response.status_code in (200, 400) and IN_FORCE in response.content.decode()
    assert Pact.objects.count() == 1


def test_api_second_pact_refused(cast, login):
    network = lsr(cast)
    _signed_pact(cast, network)
    response = login(cast.coordinator).post(
        "/api/v1/partnerships/pacts/",
        {"network": network.pk, "original_keeper": "Urząd"},
        content_type="application/json",
    )
    assert response.status_code == 400 and IN_FORCE in str(response.json())
    assert Pact.objects.count() == 1
