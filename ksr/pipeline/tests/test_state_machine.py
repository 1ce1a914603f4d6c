"""The stage state machine, tested both ways: every allowed and every disallowed pair."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ksr.pipeline.choices import ACTIVE, INITIATIVE_MACHINE, PATH, TRANSITIONS, Stage
from ksr.pipeline.models import Initiative
from ksr.pipeline.services import do_transition_initiative


def test_forward_path_is_one_step_at_a_time():
    for i, stage in enumerate(PATH[:-1]):
        assert PATH[i + 1] in TRANSITIONS[stage]
        for later in PATH[i + 2 :]:
            assert later not in TRANSITIONS[stage]


@pytest.mark.parametrize("source", list(Stage.values))
@pytest.mark.parametrize("target", list(Stage.values))
def test_every_pair(source, target):
    if source in PATH:
        i = PATH.index(source)
        expected = (i + 1 < len(PATH) and PATH[i + 1] == target) or (
            source in ACTIVE and target in {Stage.STALLED, Stage.ABANDONED}
        )
    elif source == Stage.STALLED:
        expected = target in ACTIVE or target == Stage.ABANDONED
    else:  # abandoned is final
        expected = False
    assert (target in TRANSITIONS[source]) is expected


def test_sustained_and_abandoned_are_final():
    assert TRANSITIONS[Stage.SUSTAINED] == set()
    assert TRANSITIONS[Stage.ABANDONED] == set()


def test_the_machine_is_built_from_the_table():
    for source, targets in TRANSITIONS.items():
        assert INITIATIVE_MACHINE.targets(source) == frozenset(targets)


@pytest.mark.django_db
def test_an_undeclared_move_is_refused(cast, make_initiative):
    initiative = make_initiative(Stage.PROSPECT)
    with pytest.raises(ValidationError) as exc:
        do_transition_initiative(initiative, Stage.NOTIFIED, actor=cast.animator)
    assert exc.value.code == "invalid_transition"


@pytest.mark.django_db
def test_a_stale_initiative_is_refused_already_changed(cast, make_initiative):
    initiative = make_initiative(Stage.PROSPECT)
    stale = Initiative.objects.get(pk=initiative.pk)
    do_transition_initiative(initiative, Stage.FIRST_CONTACT, actor=cast.animator)
    with pytest.raises(ValidationError) as exc:
        do_transition_initiative(stale, Stage.ABANDONED, note="Brak zgody", actor=cast.animator)
    assert exc.value.code == "already_changed"
    assert Initiative.objects.get(pk=initiative.pk).stage == Stage.FIRST_CONTACT
    assert stale.stage == Stage.PROSPECT  # the caller's object is left as it was


@pytest.mark.django_db
def test_guards_entered_needs_an_entered_entry_and_sustained_24_months(cast, make_initiative, make_entry):
    notified = make_initiative(Stage.NOTIFIED)
    with pytest.raises(ValidationError, match="wpisany"):
        INITIATIVE_MACHINE.check(notified, Stage.ENTERED)
    operating = make_initiative(Stage.OPERATING)
    operating.register_entry = make_entry(notified=400, entered=300)
    with pytest.raises(ValidationError, match="zakończenia działań projektu"):
        INITIATIVE_MACHINE.check(operating, Stage.SUSTAINED)


@pytest.mark.django_db
def test_a_stalled_initiative_resumes_only_where_it_stalled(cast, make_initiative):
    initiative = make_initiative(Stage.FIRST_CONTACT)
    initiative = do_transition_initiative(initiative, Stage.STALLED, note="Wybory", actor=cast.animator)
    with pytest.raises(ValidationError):
        INITIATIVE_MACHINE.check(initiative, Stage.PROSPECT)
    INITIATIVE_MACHINE.check(initiative, Stage.FIRST_CONTACT)
