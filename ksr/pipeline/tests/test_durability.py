"""Durability counted from the end of the project's activities (ADR 0019), at its boundary through
the service, the API and the page; a region's 2–4 new entities and the national target flagged."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ksr.pipeline.choices import Stage
from ksr.pipeline.funnel import progress
from ksr.pipeline.models import Initiative, ProgrammeTarget, add_months
from ksr.pipeline.services import do_transition_initiative

DAY = dt.timedelta(days=1)


def _end(on):
    target = ProgrammeTarget.current()
    target.activities_end_on = on
    target.save()


def test_sustained_counts_from_the_end_of_activities_not_the_entry(cast, make_initiative):
    today = timezone.localdate()
    initiative = make_initiative(Stage.OPERATING)  # entered 800 days ago: long past 24 months
    _end(add_months(today, -24) + DAY)  # the 24 months since the end of activities end tomorrow
    assert initiative.sustained_from() == today + DAY
    with pytest.raises(ValidationError):
        do_transition_initiative(initiative, Stage.SUSTAINED, on=today, actor=cast.animator)
    assert Initiative.objects.get(pk=initiative.pk).stage == Stage.OPERATING
    _end(add_months(today, -24))  # ... end today
    initiative = do_transition_initiative(
        Initiative.objects.get(pk=initiative.pk), Stage.SUSTAINED, on=today, actor=cast.animator
    )
    assert initiative.stage == Stage.SUSTAINED


def test_without_the_end_of_activities_nothing_is_sustained(cast, make_initiative):
    initiative = make_initiative(Stage.OPERATING)
    _end(None)
    assert initiative.sustained_from() is None
    with pytest.raises(ValidationError):
        do_transition_initiative(initiative, Stage.SUSTAINED, actor=cast.animator)


def test_an_entity_entered_after_the_end_counts_from_its_entry(cast, make_initiative, make_entry):
    today = timezone.localdate()
    _end(today - dt.timedelta(days=900))
    initiative = make_initiative(Stage.OPERATING)
    assert initiative.sustained_from() == add_months(initiative.register_entry.entry_date, 24)


def test_api_transition_boundary(cast, login, make_initiative):
    today = timezone.localdate()
    initiative = make_initiative(Stage.OPERATING)
    client = login(cast.animator)
    url = f"/api/v1/pipeline/initiatives/{initiative.pk}/transition/"
    body = {"to_stage": Stage.SUSTAINED, "on": today.isoformat()}
    _end(add_months(today, -24) + DAY)
    assert client.post(url, body, content_type="application/json").status_code == 400
    _end(add_months(today, -24))
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 200 and response.json()["stage"] == Stage.SUSTAINED
    funnel = client.get("/api/v1/pipeline/funnel/").json()
    assert funnel["activities_end_on"] == add_months(today, -24).isoformat()
    assert funnel["total_below_target"] is True


def test_a_region_over_four_and_the_national_target_are_flagged(cast, make_initiative):
    for n in range(5):
        make_initiative(Stage.ENTERED, name=f"KIS {n}")
    for n in range(2):
        make_initiative(Stage.ENTERED, gmina="1261011", name=f"KIS K{n}")
    prog = progress(Initiative.objects.all())
    by_code = {r.code: r for r in prog.regions}
    assert by_code["14"].created == 5 and by_code["14"].above_target and not by_code["14"].below_target
    assert by_code["12"].created == 2 and not by_code["12"].above_target and not by_code["12"].below_target
    assert prog.regions_at_target == 1 and prog.regions_below is True and prog.total_below is True


def test_four_in_a_region_is_within_the_target(cast, make_initiative):
    for n in range(4):
        make_initiative(Stage.ENTERED, name=f"KIS {n}")
    region = progress(Initiative.objects.all()).regions[0]
    assert region.created == 4 and not region.above_target and not region.below_target


def test_funnel_page_shows_the_flags_and_the_end_of_activities(cast, login, make_initiative):
    for n in range(5):
        make_initiative(Stage.ENTERED, name=f"KIS {n}")
    page = login(cast.national).get(reverse("pipeline:funnel")).content.decode()
    assert "powyżej celu" in page and "poniżej celu" in page
    assert ProgrammeTarget.current().activities_end_on.strftime("%d.%m.%Y") in page
