"""The CIS admission asks the apps that hold its conditions (the registry in ``cases.admission``)."""

from ksr.cases.admission import cis_admission_checks
from ksr.plans.queries import ipzs_missing


def test_plans_registers_the_signed_ipzs_condition() -> None:
    # A renamed or unregistered check fails here instead of silently admitting without an IPZS.
    assert cis_admission_checks()["plans"] is ipzs_missing
