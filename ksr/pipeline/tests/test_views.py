from __future__ import annotations

import pytest
from django.urls import reverse

from ksr.pipeline.choices import Stage
from ksr.pipeline.models import Initiative
from ksr.testing import response_bytes, unit

from .conftest import days_ago


@pytest.fixture
def two_regions(make_initiative):
    waw = make_initiative(Stage.PARTNERS_WON, name="KIS Warszawa-Praga")
    krk = make_initiative(Stage.FIRST_CONTACT, gmina="1261011", name="KIS Nowa Huta")
    return waw, krk


def test_list_anonymous_redirects(client, cast):
    assert client.get(reverse("pipeline:initiative_list")).status_code == 302


@pytest.mark.parametrize("who", ["kis_manager", "partner", "officer", "zenon", "nobody"])
def test_list_wrong_roles_forbidden(login, cast, who):
    assert login(getattr(cast, who)).get(reverse("pipeline:initiative_list")).status_code == 403


def test_list_scoped_to_region(login, cast, two_regions):
    waw, krk = two_regions
    body = login(cast.analyst).get(reverse("pipeline:initiative_list")).content.decode()
    assert waw.name in body and krk.name not in body
    body = login(cast.national).get(reverse("pipeline:initiative_list")).content.decode()
    assert waw.name in body and krk.name in body


def test_list_query_count_constant(login, cast, make_initiative, django_assert_num_queries):
    client = login(cast.animator)
    make_initiative(Stage.PROSPECT)
    client.get(reverse("pipeline:initiative_list"))
    with django_assert_num_queries(8) as few:
        client.get(reverse("pipeline:initiative_list"))
    for n in range(4):
        make_initiative(Stage.ENTERED, name=f"KIS {n}")
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("pipeline:initiative_list"))


def test_list_filter_and_csv_export(login, cast, two_regions):
    client = login(cast.national)
    body = client.get(reverse("pipeline:initiative_list"), {"stage": Stage.FIRST_CONTACT}).content.decode()
    assert "KIS Nowa Huta" in body and "KIS Warszawa-Praga" not in body
    response = client.get(reverse("pipeline:initiative_list"), {"voivodeship": "14", "format": "csv"})
    text = response_bytes(response).decode("utf-8-sig")
    assert "KIS Warszawa-Praga" in text and "KIS Nowa Huta" not in text


def test_detail_other_region_is_404(login, cast, two_regions):
    waw, krk = two_regions
    client = login(cast.animator)
    assert client.get(reverse("pipeline:initiative_detail", args=[krk.pk])).status_code == 404
    body = client.get(reverse("pipeline:initiative_detail", args=[waw.pk])).content.decode()
    assert "Historia etapów" in body or "Stage history" in body
    assert body.count("<tr>") >= 6  # header + 5 changes


def test_transition_form(login, cast, two_regions):
    waw, _krk = two_regions
    client = login(cast.animator)
    url = reverse("pipeline:initiative_transition", args=[waw.pk])
    response = client.post(url, {"to_stage": Stage.FOUNDING_BODY_DECIDED, "on": days_ago(0).isoformat()})
    assert response.status_code == 400  # the mode of creation is missing
    waw.refresh_from_db()
    assert waw.stage == Stage.PARTNERS_WON
    response = client.post(
        url, {"to_stage": Stage.FOUNDING_BODY_DECIDED, "on": days_ago(0).isoformat(), "creation_mode": "ngo"}
    )
    assert response.status_code == 302
    waw.refresh_from_db()
    assert waw.stage == Stage.FOUNDING_BODY_DECIDED and waw.creation_mode == "ngo"
    body = client.get(reverse("pipeline:initiative_detail", args=[waw.pk])).content.decode()
    assert "KRS" in body  # the NGO mode's legal checklist


def test_transition_readers_forbidden(login, cast, two_regions):
    waw, krk = two_regions
    assert login(cast.analyst).get(reverse("pipeline:initiative_transition", args=[waw.pk])).status_code == 403
    assert login(cast.animator).get(reverse("pipeline:initiative_transition", args=[krk.pk])).status_code == 404


def test_legal_step_view(login, cast, make_initiative):
    initiative = make_initiative(Stage.FOUNDING_BODY_DECIDED)
    client = login(cast.animator)
    client.post(reverse("pipeline:initiative_legal_step", args=[initiative.pk]), {"step": "budget_line", "done": "1"})
    assert Initiative.objects.get(pk=initiative.pk).legal_steps_done == ["budget_line"]


def test_create_view(login, cast):
    unit("1432023")
    unit("1261011")
    client = login(cast.animator)
    response = client.post(
        reverse("pipeline:initiative_create"), {"name": "KIS Dąbrówka", "gmina": "1432023", "entity_kind": "kis"}
    )
    assert response.status_code == 302
    assert Initiative.objects.get().gmina.code == "1432023"
    response = client.post(
        reverse("pipeline:initiative_create"), {"name": "KIS Kraków", "gmina": "1261011", "entity_kind": "kis"}
    )
    assert response.status_code == 400 and Initiative.objects.count() == 1
    assert login(cast.analyst).get(reverse("pipeline:initiative_create")).status_code == 403


def test_transition_form_prefills_the_date_the_browser_accepts(login, cast, two_regions):
    """The browser's date input takes only an ISO value: a Polish "02.12.2026" would be dropped."""
    waw, _krk = two_regions
    body = login(cast.animator).get(reverse("pipeline:initiative_transition", args=[waw.pk])).content.decode()
    assert f'type="date" name="on" value="{days_ago(0).isoformat()}"' in body
