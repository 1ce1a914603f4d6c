"""Conditions of a CIS admission that other apps hold the evidence for.

A CIS admits a participant only once the individual social employment programme (IPZS) is signed
(UZS art. 12 ust. 1) — the contracts live in the plans app, which sits above cases. Plans registers
that check here from its ``AppConfig.ready()``; ``do_admit_to_cis`` asks every registered check.
A check returns the message of what is missing, or ``None`` when the condition holds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ksr.cases.models import Case

AdmissionCheck = Callable[["Case"], "str | None"]

_checks: dict[str, AdmissionCheck] = {}


def register_cis_admission_check(name: str, check: AdmissionCheck) -> AdmissionCheck:
    _checks[name] = check
    return check


def cis_admission_checks() -> dict[str, AdmissionCheck]:
    """The registered checks, in registration order (a copy)."""
    return dict(_checks)


def missing_for_cis_admission(case: Case) -> list[str]:
    return [message for check in _checks.values() if (message := check(case)) is not None]
