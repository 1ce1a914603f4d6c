import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from ksr.animation import services
from ksr.animation.models import Animator, ScenarioChoice
from ksr.animation.tests.helpers import animator, certified, team
from ksr.registry.choices import OrganisationKind
from ksr.testing import OrganisationFactory, response_bytes, unit

D = dt.date(2026, 5, 1)
LISTS = [
    "animation:team_list",
    "animation:animator_list",
    "animation:scenario_list",
    "animation:event_list",
    "animation:visit_list",
]
PAGES = ["animation:index", "animation:scenario_catalogue", "animation:scenario_pick", *LISTS]


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_is_sent_to_login(client, cast, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(reverse(settings.LOGIN_URL))


@pytest.mark.parametrize("name", PAGES)
def test_wrong_role_and_nobody_are_refused(cast, login, name):
    for user in (cast.kis_manager, cast.zenon, cast.nobody):
        assert login(user).get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", PAGES)
def test_allowed_roles_open_the_pages(cast, login, name):
    for user in (cast.animator, cast.analyst, cast.national, cast.admin):
        assert login(user).get(reverse(name)).status_code == 200


def _work(cast, code="14"):
    home = cast.ops_waw if code == "14" else cast.kis_krk
    gmina = unit("1465011" if code == "14" else "1261011")
    t = team(cast, code)
    a = certified(cast, home, code=code, team_=t, name=f"Animator {code}")
    choice = services.do_choose_scenario(gmina, "joint_diagnosis", actor=cast.admin)
    services.do_log_event(
        {"kind": "council_session", "gmina": gmina, "scenario_choice": choice, "held_on": D, "title": f"Sesja {code}"},
        actor=cast.admin,
    )
    entity = cast.kis_waw if code == "14" else cast.kis_krk
    services.do_record_advice_visit(
        {"entity": entity, "visited_on": D, "animator": a, "topics": f"Doradztwo {code}"}, actor=cast.admin
    )
    return t, a


def test_regional_reader_sees_only_their_voivodeship(cast, login):
    _work(cast, "14")
    _work(cast, "12")
    for user in (cast.animator, cast.analyst):
        client = login(user)
        assert "Animator 14" in client.get(reverse("animation:animator_list")).content.decode()
        assert "Animator 12" not in client.get(reverse("animation:animator_list")).content.decode()
        assert "Sesja 12" not in client.get(reverse("animation:event_list")).content.decode()
        assert "Doradztwo 12" not in client.get(reverse("animation:visit_list")).content.decode()
    page = login(cast.national).get(reverse("animation:visit_list")).content.decode()
    assert "Doradztwo 12" in page and "Doradztwo 14" in page


def test_other_region_objects_answer_404(cast, login):
    t12, a12 = _work(cast, "12")
    client = login(cast.animator)
    assert client.get(reverse("animation:animator_detail", args=[a12.pk])).status_code == 404
    assert client.get(reverse("animation:team_detail", args=[t12.pk])).status_code == 404
    assert client.get(reverse("animation:scenario_choose", args=["1261011"])).status_code == 404
    assert client.post(reverse("animation:animator_status", args=[a12.pk]), {"status": "active"}).status_code == 404


def test_analyst_reads_but_cannot_write(cast, login):
    _t, a = _work(cast, "14")
    client = login(cast.analyst)
    assert client.get(reverse("animation:animator_detail", args=[a.pk])).status_code == 200
    assert client.post(reverse("animation:animator_status", args=[a.pk]), {"status": "active"}).status_code == 403
    assert client.get(reverse("animation:event_create")).status_code == 403
    assert (
        client.post(reverse("animation:scenario_choose", args=["1465011"]), {"scenario": "joint_diagnosis"}).status_code
        == 403
    )


def test_index_shows_team_flags(cast, login):
    t, _a = _work(cast, "14")
    page = login(cast.animator).get(reverse("animation:index")).content.decode()
    assert "Mniej niż 3 członków" in page and t.name in page


@pytest.mark.parametrize("name", LISTS)
def test_list_query_count_does_not_grow(cast, login, django_assert_num_queries, name):
    _work(cast, "14")
    client = login(cast.national)
    client.get(reverse(name))  # warm caches (content types, sessions)
    with django_assert_num_queries(_count(client, name)) as _:
        client.get(reverse(name))
    _work(cast, "12")
    ngo = OrganisationFactory(kind=OrganisationKind.ASSOCIATION)
    for i in range(3):
        animator(cast, ngo, name=f"Extra {i}")
    with django_assert_num_queries(_count(client, name)):
        client.get(reverse(name))


def _count(client, name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse(name))
    return len(ctx.captured_queries)


def test_list_query_count_is_fixed(cast, login, django_assert_num_queries):
    """The same fixed number of queries for few and many rows (animator list)."""
    _work(cast, "14")
    client = login(cast.national)
    client.get(reverse("animation:animator_list"))
    with django_assert_num_queries(8):
        client.get(reverse("animation:animator_list"))
    for i in range(5):
        animator(cast, name=f"More {i}")
    with django_assert_num_queries(8):
        client.get(reverse("animation:animator_list"))


def test_export_csv(cast, login):
    _work(cast, "14")
    response = login(cast.animator).get(reverse("animation:animator_list") + "?format=csv")
    assert response.status_code == 200 and "Animator 14" in response_bytes(response).decode("utf-8-sig")


def test_animator_create_and_path_through_pages(cast, login):
    client = login(cast.animator)
    response = client.post(
        reverse("animation:animator_create"),
        {"full_name": "Ewa Zielińska", "home_institution": cast.kis_waw.pk, "region": unit("14").pk},
    )
    a = Animator.objects.get(full_name="Ewa Zielińska")
    assert response.status_code == 302
    client.post(reverse("animation:animator_module", args=[a.pk]), {"title": "Moduł 1", "completed_on": "2026-03-01"})
    client.post(reverse("animation:animator_status", args=[a.pk]), {"status": "trained"})
    client.post(
        reverse("animation:animator_exam", args=[a.pk]), {"taken_on": "2026-04-01", "result": "passed", "score": "90"}
    )
    a.refresh_from_db()
    assert a.status == "certified"
    page = client.get(reverse("animation:animator_detail", args=[a.pk])).content.decode()
    assert "Moduł 1" in page


def test_scenario_page_requires_reason_when_changed(cast, login, monkeypatch):
    from ksr.animation import views
    from ksr.surveys.readiness import Readiness

    fake = lambda gmina: Readiness(value=75.0, level="high", responses=3)  # noqa: E731
    monkeypatch.setattr(views, "gmina_readiness", fake)
    monkeypatch.setattr(services, "gmina_readiness", fake)
    client = login(cast.animator)
    url = reverse("animation:scenario_choose", args=["1465011"])
    page = client.get(url).content.decode()
    assert "Budowanie partnerstwa" in page
    response = client.post(url, {"scenario": "inform_and_win_over"})
    assert response.status_code == 400 and not ScenarioChoice.objects.exists()
    response = client.post(url, {"scenario": "inform_and_win_over", "change_reason": "Instytucje C nieprzekonane."})
    assert response.status_code == 302
    assert ScenarioChoice.objects.get().is_changed


def test_team_create_and_add_member(cast, login):
    client = login(cast.animator)
    response = client.post(
        reverse("animation:team_create"), {"name": "ZRAR Mazowsze", "region": unit("14").pk, "host": cast.rops_maz.pk}
    )
    assert response.status_code == 302
    t = cast.rops_maz.hosted_zrar_teams.get()
    a = animator(cast)
    client.post(reverse("animation:team_add_member", args=[t.pk]), {"animator": a.pk})
    a.refresh_from_db()
    assert a.team == t


def test_event_and_visit_forms(cast, login):
    a = certified(cast)
    client = login(cast.animator)
    response = client.post(
        reverse("animation:event_create"),
        {
            "kind": "seminar",
            "gmina": unit("1465011").pk,
            "held_on": "2026-05-01",
            "title": "Seminarium",
            "invited": [cast.library_waw.pk],
            "present": [cast.library_waw.pk],
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("animation:visit_create"),
        {
            "entity": cast.kis_waw.pk,
            "visited_on": "2026-05-02",
            "animator": a.pk,
            "topics": "Profil",
            "adopted_new_profile": "on",
        },
    )
    assert response.status_code == 400 and "Podaj datę przyjęcia." in response.content.decode()
