"""Conditions of an admission or a graduation that other apps hold the evidence for.

A CIS admits a participant only once the individual social employment programme (IPZS) is signed
(UZS art. 12 ust. 1) — the contracts live in the plans app, which sits above cases. Plans registers
that check here from its ``AppConfig.ready()``; ``do_admit_to_cis`` asks every registered check.
A check returns the message of what is missing, or ``None`` when the condition holds.

The same pattern serves two more rules whose evidence lives elsewhere:

- **every admission** (a KIS taking a participant in, a CIS admitting one): a club operates only
  after its entry into the voivode's register (UZS art. 18 ust. 1), which the registers app holds;
  such a check is about the holder (the organisation), not one case;
- **the KIS graduate status**: at least six months of classes attended after the admission
  (Prawne aspekty, IV.1), counted from the attendance record, which the catalogue app holds.
  A graduation check receives the case and the day of the graduation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ksr.cases.models import Case
    from ksr.registry.models import Organisation

AdmissionCheck = Callable[["Case"], "str | None"]
HolderCheck = Callable[["Organisation"], "str | None"]
GraduationCheck = Callable[["Case", dt.date], "str | None"]

_checks: dict[str, AdmissionCheck] = {}
_admission_checks: dict[str, HolderCheck] = {}
_graduation_checks: dict[str, GraduationCheck] = {}


def register_cis_admission_check(name: str, check: AdmissionCheck) -> AdmissionCheck:
    _checks[name] = check
    return check


def register_admission_check(name: str, check: HolderCheck) -> HolderCheck:
    """A condition of every admission, to a KIS or to a CIS, about the holder itself."""
    _admission_checks[name] = check
    return check


def register_graduation_check(name: str, check: GraduationCheck) -> GraduationCheck:
    """A condition of the graduate status of a KIS participant."""
    _graduation_checks[name] = check
    return check


def cis_admission_checks() -> dict[str, AdmissionCheck]:
    """The registered checks, in registration order (a copy)."""
    return dict(_checks)


def admission_checks() -> dict[str, HolderCheck]:
    return dict(_admission_checks)


def graduation_checks() -> dict[str, GraduationCheck]:
    return dict(_graduation_checks)


def missing_for_admission(holder: Organisation) -> list[str]:
    """Why the KIS/CIS ``holder`` may not admit anyone now (empty when it may)."""
    return [message for check in _admission_checks.values() if (message := check(holder)) is not None]


def missing_for_cis_admission(case: Case) -> list[str]:
    return [message for check in _checks.values() if (message := check(case)) is not None]


def missing_for_graduation(case: Case, day: dt.date) -> list[str]:
    return [message for check in _graduation_checks.values() if (message := check(case, day)) is not None]
