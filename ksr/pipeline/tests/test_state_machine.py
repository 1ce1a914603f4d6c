"""The stage state machine, tested both ways: every allowed and every disallowed pair."""

from __future__ import annotations

import pytest

from ksr.pipeline.choices import ACTIVE, PATH, TRANSITIONS, Stage


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
