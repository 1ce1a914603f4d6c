import itertools

import pytest

from ksr.privacy.choices import CONSENT_MACHINE, ConsentStatus

ALLOWED = {
    (ConsentStatus.AWAITING_HELPER, ConsentStatus.GRANTED),
    (ConsentStatus.AWAITING_HELPER, ConsentStatus.WITHDRAWN),
    (ConsentStatus.GRANTED, ConsentStatus.WITHDRAWN),
}


@pytest.mark.parametrize("pair", list(itertools.product(ConsentStatus.values, repeat=2)))
def test_the_machine_allows_exactly_the_declared_moves(pair):
    source, target = pair
    assert (target in CONSENT_MACHINE.targets(source)) is (pair in ALLOWED)


def test_every_status_has_a_row():
    assert set(CONSENT_MACHINE.table) == set(ConsentStatus.values)
