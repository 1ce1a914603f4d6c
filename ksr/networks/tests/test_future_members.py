"""A member that has not joined yet is not recorded, so it is never counted as current (issue 10, §3).

The join date is not after today: today accepted, tomorrow refused, through the service, the HTML form
and the API; a refusal writes nothing.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ksr.networks import services
from ksr.networks.models import NetworkMembership
from ksr.networks.queries import current_members
from ksr.testing import unit

pytestmark = pytest.mark.django_db
FUTURE = "nie może przypadać po dniu dzisiejszym"


def _today():
    return timezone.localdate()


def _tomorrow():
    return _today() + dt.timedelta(days=1)


def test_service_joining_tomorrow_refused_today_accepted(cast, lsr):
    with pytest.raises(ValidationError) as refused:
        services.do_add_member(lsr, cast.library_waw, joined_on=_tomorrow(), actor=cast.coordinator)
    assert FUTURE in str(refused.value.message_dict["joined_on"])
    assert cast.library_waw not in current_members(lsr)
    assert not NetworkMembership.objects.filter(network=lsr, organisation=cast.library_waw).exists()
    services.do_add_member(lsr, cast.library_waw, joined_on=_today(), actor=cast.coordinator)
    assert cast.library_waw in current_members(lsr)


def test_form_joining_tomorrow_refused(cast, login, lsr):
    client = login(cast.coordinator)
    url = reverse("networks:member_add", args=[lsr.pk])
    response = client.post(url, {"organisation": cast.library_waw.pk, "joined_on": _tomorrow().isoformat()})
    assert response.status_code in (200, 400) and FUTURE in response.content.decode()
    assert not NetworkMembership.objects.filter(network=lsr, organisation=cast.library_waw).exists()
    response = client.post(url, {"organisation": cast.library_waw.pk, "joined_on": _today().isoformat()})
    assert response.status_code == 302
    assert NetworkMembership.objects.filter(network=lsr, organisation=cast.library_waw).exists()


def test_api_joining_in_2030_refused(cast, login, lsr):
    client = login(cast.coordinator)
    body = {"network": lsr.pk, "organisation": cast.library_waw.pk}
    url = "/api/v1/networks/memberships/"
    response = client.post(url, {**body, "joined_on": "2030-01-01"}, content_type="application/json")
    assert response.status_code == 400 and FUTURE in response.json()["joined_on"][0]
    assert not NetworkMembership.objects.filter(network=lsr, organisation=cast.library_waw).exists()
    response = client.post(url, {**body, "joined_on": _today().isoformat()}, content_type="application/json")
    assert response.status_code == 201, response.content


def test_a_network_recorded_before_its_establishment_has_its_main_node_join_today(cast, rsr):
    network = services.do_create_network(
        {
            "name": "LSR Przyszła",
            "level": "local",
            "territory": unit("1465011"),
            "main_node": cast.kis_waw,
            "parent": rsr,
            "creation_variant": "civic",
            "civic_leaders": "Sołtys",
            "established_on": _today() + dt.timedelta(days=30),
        },
        actor=cast.admin,
    )
    own = NetworkMembership.objects.get(network=network, organisation=cast.kis_waw)
    assert own.joined_on == _today()
