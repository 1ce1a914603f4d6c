"""Special-category data reach only those who work with the person — on every surface, for every role.

The surfaces are enumerated, not listed: every GET operation of the API, every page of the apps that
show participants (with every id of the participant's records), every list's CSV and XLSX export
and its search. The participant's special-category values are unique markers; a marker found in
any answer to a role other than the holder's case manager or specialist is a leak (ADR 0004, 0010).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from ksr.accounts.choices import Role
from ksr.cases.api import ParticipantSerializer
from ksr.cases.models import Participant
from ksr.cases.special import SpecialCategorySerializerMixin, special_category_models, special_fields
from ksr.plans.api import ServiceCardEntrySerializer
from ksr.plans.models import ServiceCardEntry
from ksr.privacy.tests.surfaces import (
    api_get_endpoints,
    body_text,
    page_urls,
    participant_pages,
    participant_path,
    participant_serializers,
    serializer_model,
)
from ksr.privacy.tests.world import ADDICTION, CARD_HEALTH, HEALTH, MARKERS, PSYCHOLOGIST, SURNAME, World, build_world

pytestmark = pytest.mark.django_db

READERS = {"case_manager", "specialist"}
EVERYONE = [
    "admin",
    "kis_manager",
    "case_manager",
    "specialist",
    "partner",
    "ops_worker",
    "coordinator",
    "animator",
    "analyst",
    "officer",
    "national",
    "zenon",
    "nobody",
]


def test_the_declaration_is_on_the_models():
    models = special_category_models()
    assert Participant in models and ServiceCardEntry in models
    assert set(special_fields(Participant)) == {"health_conditions", "disability_degree", "addiction_notes"}
    for model in models:
        names = {f.name for f in model._meta.get_fields()}
        assert set(special_fields(model)) <= names, model


def test_every_serializer_of_a_model_with_special_fields_derives_from_the_declaration():
    found = participant_serializers()
    assert ParticipantSerializer in found and ServiceCardEntrySerializer in found
    for serializer_class in found:
        model = serializer_model(serializer_class)
        exposed = set(special_fields(model)) & set(serializer_class(context={}).fields)
        if exposed:
            assert issubclass(serializer_class, SpecialCategorySerializerMixin), (serializer_class, exposed)


# The audit trail records the values of a participant's changes today; issue 9 section 2 (the audit
# helper's) makes it record field names only. It is walked by its own test below until then.
AUDIT_TRAIL = "/api/v1/audit/"
# Searches for the special-category values, and one for nothing (a list that ignores ``q`` shows the
# participant for both; a search that matches special data shows them for the first only).
NO_MATCH = "?q=QQNOMATCHQQ"
SEARCHES = (f"?q={HEALTH}", f"?q={ADDICTION}", f"?q={CARD_HEALTH}", NO_MATCH)


def _answers(client: Any, world: World, *, audit_trail: bool = False) -> dict[str, str]:
    """Every surface's answer (URL → body text) for the signed-in user."""
    bodies: dict[str, str] = {}

    def get(url: str) -> None:
        response = client.get(url)
        if response.status_code == 200:
            bodies[url] = body_text(response)

    owned = world.objects
    for endpoint in api_get_endpoints():
        if endpoint.path.startswith(AUDIT_TRAIL) != audit_trail:
            continue
        if not endpoint.is_detail:
            for query in ("?page_size=500", *SEARCHES):
                get(endpoint.url() + query)
            continue
        model = endpoint.model()
        if model is None or participant_path(model) is None:
            continue
        for obj in owned.values():
            if isinstance(obj, model):
                get(endpoint.url(obj.pk))
    if audit_trail:
        return bodies
    ids = {
        "participant_pk": [world.participant.pk],
        "case_pk": [world.case.pk],
        "pk": sorted(world.ids()),
    }
    for name, kwargs in participant_pages():
        for url in page_urls(name, kwargs, ids):
            if not kwargs:
                for query in ("", "?format=csv", "?format=xlsx", *SEARCHES):
                    get(url + query)
            else:
                get(url)
                if "case_pk" in kwargs:
                    for entry in world.entries:
                        get(f"{url}?corrects={entry.pk}")
    return bodies


@pytest.mark.parametrize("who", EVERYONE)
def test_special_category_values_never_reach_the_wrong_role(cast, login, who):
    world = build_world(cast)
    user = getattr(cast, who)
    bodies = _answers(login(user), world)
    assert bodies, "no surface answered at all"
    # A search echoes its own words back (the search box): its answer is checked by what it finds.
    shown = {url: body for url, body in bodies.items() if "?q=" not in url}
    leaks = {url: [m for m in MARKERS if m in body] for url, body in shown.items()}
    leaks = {url: found for url, found in leaks.items() if found}
    # Search never matches special-category data, for anybody.
    searched = [
        url
        for url, body in bodies.items()
        if "?q=" in url
        and url.split("?")[0] + NO_MATCH in bodies
        and SURNAME in body
        and SURNAME not in bodies[url.split("?")[0] + NO_MATCH]
    ]
    assert not searched, searched
    if who in READERS:
        # The control: those who work with the person do read them, so the walk does see them.
        seen = {m for found in leaks.values() for m in found}
        assert seen == set(MARKERS), seen
        assert any(url.startswith("/api/v1/cases/participants/") for url in leaks)
        assert any(url.startswith("/api/v1/plans/card-entries/") for url in leaks)
    else:
        assert not leaks, leaks


@pytest.mark.parametrize("who", ["admin", "kis_manager"])
def test_the_audit_trail_does_not_hold_special_category_values(cast, login, who):
    world = build_world(cast)
    bodies = _answers(login(getattr(cast, who)), world, audit_trail=True)
    assert bodies
    assert not any(m in body for body in bodies.values() for m in MARKERS)


def test_the_api_drops_the_fields_not_nulls_them(cast, login):
    world = build_world(cast)
    url = f"/api/v1/cases/participants/{world.participant.pk}/"
    manager = login(cast.kis_manager).get(url).json()
    assert manager["last_name"] == SURNAME
    assert not set(special_fields(Participant)) & set(manager)
    reader = login(cast.case_manager).get(url).json()
    assert reader["health_conditions"] == HEALTH and reader["disability_degree"] == "moderate"
    entry = login(cast.kis_manager).get(f"/api/v1/plans/card-entries/{world.entries[0].pk}/").json()
    assert "health_conditions" not in entry and "psychologist_opinion" not in entry


def test_a_write_by_the_manager_leaves_the_special_fields_alone(cast, login):
    world = build_world(cast)
    client = login(cast.kis_manager)
    url = f"/api/v1/cases/participants/{world.participant.pk}/"
    response = client.patch(url, {"health_conditions": "nadpisane", "city": "Radom"}, content_type="application/json")
    assert response.status_code == 200, response.content
    world.participant.refresh_from_db()
    assert world.participant.city == "Radom" and world.participant.health_conditions == HEALTH
    assert "health_conditions" not in response.json()


def test_the_edit_form_of_the_manager_has_no_special_fields(cast, login):
    world = build_world(cast)
    url = reverse("cases:participant_update", kwargs={"pk": world.participant.pk})
    manager = login(cast.kis_manager).get(url)
    assert manager.status_code == 200
    assert 'name="health_conditions"' not in manager.content.decode()
    data = {k: v for k, v in manager.context["form"].initial.items() if v is not None}
    data |= {"last_name": SURNAME, "first_name": "Zofia", "no_pesel_reason": "cudzoziemka", "city": "Płock"}
    data.pop("residence_gmina", None)
    assert login(cast.kis_manager).post(url, data).status_code == 302
    world.participant.refresh_from_db()
    assert world.participant.city == "Płock" and world.participant.addiction_notes == ADDICTION
    assert 'name="health_conditions"' in login(cast.case_manager).get(url).content.decode()


def test_the_participants_own_copy_includes_everything(cast, login):
    world = build_world(cast)
    url = reverse("privacy:participant_export", kwargs={"participant_pk": world.participant.pk}) + "?format=json"
    text = body_text(login(cast.case_manager).get(url))
    for marker in (HEALTH, ADDICTION, CARD_HEALTH, PSYCHOLOGIST):
        assert marker in text


def test_roles_that_read_special_data_are_those_of_adr_0004():
    from ksr.privacy.access import SPECIAL_CATEGORY_ROLES

    assert set(SPECIAL_CATEGORY_ROLES) == {Role.CASE_MANAGER, Role.SPECIALIST}
