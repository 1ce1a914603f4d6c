import itertools

import pytest

from ksr.privacy.choices import TRANSITIONS, ConsentStatus, can_transition

ALLOWED = {
    (ConsentStatus.AWAITING_HELPER, ConsentStatus.GRANTED),
    (ConsentStatus.AWAITING_HELPER, ConsentStatus.WITHDRAWN),
    (ConsentStatus.GRANTED, ConsentStatus.WITHDRAWN),
}


@pytest.mark.parametrize("pair", sorted(ALLOWED))
def test_allowed_transitions(pair):
    assert can_transition(*pair)


@pytest.mark.parametrize("pair", [p for p in itertools.product(ConsentStatus.values, repeat=2) if p not in ALLOWED])
def test_disallowed_transitions(pair):
    assert not can_transition(*pair)


def test_every_status_has_a_row():
    assert set(TRANSITIONS) == set(ConsentStatus.values)
