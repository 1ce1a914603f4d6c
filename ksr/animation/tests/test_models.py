import itertools

import pytest
from django.utils import translation

from ksr.animation.choices import ANIMATOR_MACHINE, AnimatorStatus, Origin
from ksr.animation.models import Animator
from ksr.animation.scenarios import CATALOGUE, propose_scenario
from ksr.animation.tests.helpers import animator, team
from ksr.registry.choices import OrganisationKind
from ksr.testing import OrganisationFactory


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


ALL_PAIRS = list(itertools.product(AnimatorStatus.values, AnimatorStatus.values))
ALLOWED = {(a, b) for a, b in ALL_PAIRS if b in ANIMATOR_MACHINE.targets(a)}


@pytest.mark.parametrize(("old", "new"), sorted(ALLOWED))
def test_allowed_transitions(old, new):
    assert Animator(status=old).can_move_to(new)


@pytest.mark.parametrize(("old", "new"), sorted(set(ALL_PAIRS) - ALLOWED))
def test_disallowed_transitions(old, new):
    assert not Animator(status=old).can_move_to(new)


def test_certification_only_after_training():
    assert AnimatorStatus.CERTIFIED not in ANIMATOR_MACHINE.targets(AnimatorStatus.CANDIDATE)
    assert AnimatorStatus.ACTIVE not in ANIMATOR_MACHINE.targets(AnimatorStatus.TRAINED)


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        ("low", "inform_and_win_over"),
        ("medium", "joint_diagnosis"),
        ("high", "build_partnership"),
        (None, None),
        ("", None),
    ],
)
def test_propose_scenario_at_each_level(level, expected):
    assert propose_scenario(level) == expected


def test_propose_scenario_refuses_an_unknown_level():
    with pytest.raises(ValueError):
        propose_scenario("very high")


def test_every_scenario_has_tools_with_a_source():
    assert {s.level for s in CATALOGUE.values()} == {"low", "medium", "high"}
    for scenario in CATALOGUE.values():
        assert len(scenario.tools) >= 3
        assert all(tool.source for tool in scenario.tools)


def test_origin_follows_the_home_institution(cast):
    assert animator(cast, cast.ops_waw).origin == Origin.SOCIAL_ASSISTANCE
    assert animator(cast, cast.kis_waw).origin == Origin.SOCIAL_EMPLOYMENT
    assert animator(cast, cast.library_waw).origin == Origin.OTHER


def test_team_flags_small_and_single_origin(cast):
    t = team(cast)
    assert len(t.flags()) == 2  # no members at all
    for i in range(3):
        animator(cast, cast.ops_waw, team_=t, name=f"OPS {i}")
    flags = t.flags()
    assert flags == ["No mixed origin (fewer than 2 sectors)"]


def test_team_valid_with_three_mixed_members(cast):
    t = team(cast)
    ngo = OrganisationFactory(kind=OrganisationKind.ASSOCIATION)
    pup = OrganisationFactory(kind=OrganisationKind.PUP)
    for home in (cast.ops_waw, ngo, pup):
        animator(cast, home, team_=t, name=home.name)
    assert t.flags() == []


def test_team_with_two_members_is_flagged_and_inactive_do_not_count(cast):
    t = team(cast)
    animator(cast, cast.ops_waw, team_=t, name="A")
    animator(cast, cast.kis_waw, team_=t, name="B")
    assert t.flags() == ["Fewer than 3 members"]
    third = animator(cast, cast.kis_waw, team_=t, name="C")
    assert t.flags() == []
    Animator.objects.filter(pk=third.pk).update(status=AnimatorStatus.INACTIVE)
    assert t.flags() == ["Fewer than 3 members"]
