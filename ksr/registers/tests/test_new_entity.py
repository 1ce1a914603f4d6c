"""The register officer's work: the home panel and menu entry, and notifying a new club (page, API, service)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ksr.registers.choices import EntryStatus
from ksr.registers.models import RegisterEntry
from ksr.registers.services import do_notify_new_entity
from ksr.registry.models import Organisation
from ksr.testing import unit

from .conftest import days_ago

pytestmark = pytest.mark.django_db
CREATE = reverse("registers:entry_create")
ENTRIES = "/api/v1/registers/entries/"


def notification(cast, **extra):
    return {
        "entity_kind": "kis",
        "founding_body": cast.ops_waw.pk,
        "creation_mode": "within_ops",
        "notification_date": days_ago(2).isoformat(),
        **extra,
    }


def test_the_form_offers_the_clubs_and_gminas_of_the_officers_voivodeship(cast, login):
    form = login(cast.officer).get(CREATE).context["form"]
    clubs = list(form.fields["organisation"].queryset)
    assert cast.kis_waw in clubs and cast.kis_krk not in clubs
    seats = form.fields["seat"].queryset
    assert seats.filter(code="1465011").exists() and not seats.filter(code="1261011").exists()


def test_the_form_no_longer_offers_a_club_once_notified(cast, make_entry, login):
    make_entry(cast.kis_waw)
    assert cast.kis_waw not in login(cast.officer).get(CREATE).context["form"].fields["organisation"].queryset


def test_the_officer_notifies_a_new_club_through_the_page(cast, login):
    response = login(cast.officer).post(
        CREATE, notification(cast, name="Klub Integracji Społecznej „Przystań”", seat=unit("1465011").pk)
    )
    entry = RegisterEntry.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("registers:entry_detail", args=[entry.pk])
    assert entry.status == EntryStatus.NOTIFIED and entry.voivodeship.code == "14"
    club = entry.organisation
    assert club.name == "Klub Integracji Społecznej „Przystań”" and club.kind == "kis" and club.seat.code == "1465011"
    assert club.created_by == cast.officer


@pytest.mark.parametrize(
    "extra",
    [
        {},  # neither a recorded club nor a new one
        {"name": "Klub bez siedziby"},  # a new one without its seat
        {"organisation": "kis_waw", "name": "Klub podwójny", "seat": "1465011"},  # both
        {"name": "Klub w Krakowie", "seat": "1261011"},  # a gmina of another voivodeship
    ],
)
def test_the_page_refuses_an_incomplete_notification_and_writes_nothing(cast, login, extra):
    extra = dict(extra)
    if "organisation" in extra:
        extra["organisation"] = cast.kis_waw.pk
    if "seat" in extra:
        extra["seat"] = unit(extra["seat"]).pk
    organisations = Organisation.objects.count()
    response = login(cast.officer).post(CREATE, notification(cast, **extra))
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
    assert not RegisterEntry.objects.exists() and Organisation.objects.count() == organisations


def test_the_officer_notifies_a_new_club_through_the_api(cast, login):
    response = login(cast.officer).post(
        ENTRIES,
        notification(cast, name="Centrum Integracji Społecznej „Horyzont”", seat="1465011", entity_kind="cis"),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    entry = RegisterEntry.objects.get(pk=response.json()["id"])
    assert entry.organisation.kind == "cis" and entry.status == EntryStatus.NOTIFIED
    assert response.json()["organisation_name"] == "Centrum Integracji Społecznej „Horyzont”"


def test_the_api_refuses_both_or_neither_and_another_voivodeship(cast, login):
    api = login(cast.officer)
    organisations = Organisation.objects.count()
    both = notification(cast, organisation=cast.kis_waw.pk, name="Klub", seat="1465011")
    for body in (notification(cast), both, notification(cast, name="Klub")):
        response = api.post(ENTRIES, body, content_type="application/json")
        assert response.status_code == 400 and "organisation" in response.json(), response.content
    response = api.post(
        ENTRIES, notification(cast, name="Klub w Krakowie", seat="1261011"), content_type="application/json"
    )
    assert response.status_code == 403
    assert not RegisterEntry.objects.exists() and Organisation.objects.count() == organisations


def test_the_service_refuses_another_voivodeship_and_a_blank_name(cast):
    organisations = Organisation.objects.count()
    data = {
        "entity_kind": "kis",
        "founding_body": cast.ops_waw,
        "creation_mode": "within_ops",
        "notification_date": days_ago(2),
        "actor": cast.officer,
    }
    with pytest.raises(PermissionDenied):
        do_notify_new_entity(name="Klub w Krakowie", seat=unit("1261011"), **data)
    with pytest.raises(ValidationError) as refused:
        do_notify_new_entity(name="  ", seat=unit("1465011"), **data)
    assert "name" in refused.value.message_dict
    assert not RegisterEntry.objects.exists() and Organisation.objects.count() == organisations


def test_the_officer_has_a_home_panel_and_a_menu_entry(cast, make_entry, login):
    late = make_entry(cast.kis_waw, notified=35)
    make_entry(name="Klub Integracji Mokotów", notified=3)
    make_entry(cast.kis_krk, seat="1261011", notified=3)  # another voivodeship: not the officer's work
    response = login(cast.officer).get(reverse("core:home"))
    html = response.content.decode()
    assert response.context["register_waiting_count"] == 2 and response.context["register_overdue_count"] == 1
    assert response.context["register_waiting"][0] == late
    assert reverse("registers:entry_create") in html
    assert f'href="{reverse("registers:entry_list")}"' in html  # the menu's registers entry leads to the work area


def test_others_have_no_register_panel_and_the_public_register_in_the_menu(cast, login):
    response = login(cast.analyst).get(reverse("core:home"))
    assert "registers/_officer_panel.html" not in response.context["home_panels"]
    assert f'href="{reverse("registers:entry_list")}"' not in response.content.decode()
