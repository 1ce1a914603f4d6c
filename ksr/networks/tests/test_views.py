import datetime as dt

import pytest
from django.urls import reverse

from ksr.networks import services
from ksr.networks.models import Network, NetworkMembership
from ksr.registry.choices import OrganisationKind as K
from ksr.testing import OrganisationFactory, response_bytes, unit


def make_lsrs(cast, rsr, n):
    for i in range(n):
        kis = OrganisationFactory(name=f"KIS {i}", kind=K.KIS)
        services.do_create_network(
            {
                "name": f"LSR {i:02d}",
                "level": "local",
                "territory": unit("1465011"),
                "main_node": kis,
                "parent": rsr,
                "creation_variant": "civic",
                "civic_leaders": "Liderzy",
            },
            actor=cast.admin,
        )


def test_list_requires_login(client):
    response = client.get(reverse("networks:network_list"))
    assert response.status_code == 302


@pytest.mark.parametrize("extra", [1, 8])
def test_list_query_count_is_fixed(cast, login, rsr, django_assert_num_queries, extra):
    make_lsrs(cast, rsr, extra)
    client = login(cast.analyst)
    with django_assert_num_queries(7):
        response = client.get(reverse("networks:network_list"))
    assert response.status_code == 200
    assert "LSR 00" in response.content.decode()


def test_list_filters_and_exports(cast, login, lsr):
    client = login(cast.admin)
    listed = client.get(reverse("networks:network_list"), {"level": "local"}).context["object_list"]
    assert [n.name for n in listed] == ["LSR Warszawa"]
    listed = client.get(reverse("networks:network_list"), {"variant": "civic", "voivodeship": "12"}).context[
        "object_list"
    ]
    assert list(listed) == []
    response = client.get(reverse("networks:network_list"), {"format": "csv", "level": "local"})
    assert response["Content-Type"].startswith("text/csv")
    assert "LSR Warszawa" in response_bytes(response).decode("utf-8-sig")


def test_detail_shows_health_members_and_history(cast, login, lsr, four_sector_members):
    m = services.do_add_member(lsr, cast.library_waw, joined_on=dt.date(2025, 1, 1), actor=cast.admin)
    services.do_end_membership(m, left_on=dt.date(2025, 5, 1), actor=cast.admin)
    client = login(cast.coordinator)
    response = client.get(reverse("networks:network_detail", args=[lsr.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Biblioteka Publiczna Warszawa" in body  # history
    assert "Model KSR, II.3, poziom lokalny" in body  # health rule source
    assert reverse("networks:auspices_add", args=[lsr.pk]) in body  # fix link
    assert body.count("<h1") == 1


@pytest.mark.parametrize("who", ["zenon", "nobody"])
def test_other_voivodeship_gets_404(cast, login, lsr, who):
    client = login(getattr(cast, who))
    assert client.get(reverse("networks:network_detail", args=[lsr.pk])).status_code == 404
    assert client.get(reverse("networks:member_add", args=[lsr.pk])).status_code == 404


def test_wrong_role_gets_403_on_edit(cast, login, lsr):
    client = login(cast.case_manager)
    assert client.get(reverse("networks:network_detail", args=[lsr.pk])).status_code == 200
    assert client.get(reverse("networks:network_update", args=[lsr.pk])).status_code == 403
    assert client.post(reverse("networks:member_add", args=[lsr.pk]), {}).status_code == 403


def test_create_lsr_in_both_variants(cast, login, rsr):
    client = login(cast.kis_manager)
    url = reverse("networks:network_create") + "?level=local"
    assert client.get(url).status_code == 200
    base = {"name": "LSR Nowa", "territory": "1465011", "main_node": cast.kis_waw.pk, "parent": rsr.pk}
    response = client.post(url, {**base, "creation_variant": "administrative"})
    assert response.status_code == 400 and not Network.objects.filter(name="LSR Nowa").exists()
    assert "creation_act_number" in response.context["form"].errors
    response = client.post(
        url,
        {
            **base,
            "creation_variant": "administrative",
            "creation_act_kind": "resolution",
            "creation_act_number": "XII/45/2026",
            "creation_act_date": "2026-02-01",
        },
    )
    network = Network.objects.get(name="LSR Nowa")
    assert response.status_code == 302 and network.creation_act_number == "XII/45/2026"
    response = client.post(
        url, {**base, "name": "LSR Obywatelska", "creation_variant": "civic", "civic_leaders": "Sołtys"}
    )
    assert Network.objects.get(name="LSR Obywatelska").civic_leaders == "Sołtys"
    assert login(cast.partner).get(url).status_code == 403


def test_add_member_and_end_membership(cast, login, lsr):
    client = login(cast.coordinator)
    url = reverse("networks:member_add", args=[lsr.pk])
    response = client.post(url, {"organisation": cast.library_waw.pk, "joined_on": "2026-01-10"})
    assert response.status_code == 302
    m = NetworkMembership.objects.get(network=lsr, organisation=cast.library_waw)
    response = client.post(reverse("networks:membership_end", args=[lsr.pk, m.pk]), {"left_on": "2026-03-01"})
    assert response.status_code == 302
    m.refresh_from_db()
    assert m.left_on == dt.date(2026, 3, 1)


def test_auspices_page(cast, login, lsr, rsr):
    client = login(cast.kis_manager)
    response = client.post(
        reverse("networks:auspices_add", args=[lsr.pk]),
        {"kind": "decision", "number": "Zarz. 5/2026", "date": "2026-01-02"},
    )
    assert response.status_code == 302 and lsr.auspices_acts.count() == 1
    assert login(cast.admin).get(reverse("networks:auspices_add", args=[rsr.pk])).status_code == 404


def test_regional_pages(cast, login, rsr, lsr, rowr):
    from ksr.testing import PersonFactory

    person = PersonFactory(organisation=rowr)
    client = login(cast.analyst)
    r = client.post(
        reverse("networks:team", args=[rsr.pk]),
        {"person": person.pk, "team_role": "Koordynatorka", "competences": "Sieciowanie"},
    )
    assert r.status_code == 302 and rsr.team.count() == 1
    r = client.post(
        reverse("networks:assistance", args=[rsr.pk]),
        {"lsr": lsr.pk, "provided_on": "2026-01-05", "form": "advice", "subject": "Konsultacja", "outcome": "pending"},
    )
    assert r.status_code == 302 and rsr.assistance_given.count() == 1
    r = client.post(
        reverse("networks:regional_tasks", args=[rsr.pk]),
        {"task_type": "strategy_review", "title": "Opinia strategii", "owner": person.pk},
    )
    assert r.status_code == 302
    task = rsr.regional_tasks.get()
    r = client.post(
        reverse("networks:regional_task_update", args=[rsr.pk, task.pk]),
        {"task_type": "strategy_review", "title": "Opinia strategii", "status": "done"},
    )
    assert r.status_code == 400  # planned → done is not allowed
    assert login(cast.coordinator).post(reverse("networks:team", args=[rsr.pk]), {}).status_code == 403
    assert login(cast.zenon).get(reverse("networks:assistance", args=[rsr.pk])).status_code == 404


def test_knowledge_base(cast, login, ksr, lsr):
    client = login(cast.national)
    r = client.post(
        reverse("networks:recommendations", args=[ksr.pk]),
        {"title": "Stałe finansowanie", "evidence": "Doświadczenia LSR", "source_lsrs": [lsr.pk]},
    )
    assert r.status_code == 302 and ksr.recommendations.get().source_lsrs.get() == lsr
    body = login(cast.analyst).get(reverse("networks:recommendations", args=[ksr.pk])).content.decode()
    assert "Stałe finansowanie" in body


@pytest.mark.parametrize("extra", [1, 6])
def test_overview_query_count_sort_and_export(cast, login, rsr, django_assert_num_queries, extra):
    make_lsrs(cast, rsr, extra)
    client = login(cast.analyst)
    with django_assert_num_queries(10):
        response = client.get(reverse("networks:lsr_overview"), {"sort": "-name"})
    names = [n.name for n in response.context["object_list"]]
    assert names == sorted(names, reverse=True)
    response = client.get(reverse("networks:lsr_overview"), {"sort": "health", "format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_overview_filters_by_voivodeship_and_needs_a_regional_role(cast, login, lsr):
    client = login(cast.national)
    assert len(client.get(reverse("networks:lsr_overview"), {"voivodeship": "12"}).context["object_list"]) == 0
    assert len(client.get(reverse("networks:lsr_overview"), {"voivodeship": "14"}).context["object_list"]) == 1
    assert login(cast.case_manager).get(reverse("networks:lsr_overview")).status_code == 403
