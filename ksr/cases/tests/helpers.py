"""Test helpers of the participants app."""

from __future__ import annotations

from typing import Any

from ksr.cases import services
from ksr.cases.choices import ReferralSource
from ksr.cases.models import Case, Participant, Referral
from ksr.plans import queries as plans_queries
from ksr.registry.choices import OrganisationKind
from ksr.testing import OrganisationFactory, unit

VALID_PESELS = ["44051401359", "02070803628", "85010112342", "90090515836", "75122012383"]


def pesel_for(n: int) -> str:
    """A valid PESEL (born 1980-01-01 + n days is not needed: vary the serial and fix the checksum)."""
    base = f"8001011{n:03d}"
    weights = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
    check = (10 - sum(int(d) * w for d, w in zip(base, weights, strict=True)) % 10) % 10
    return base + str(check)


def participant(cast: Any, n: int = 1, **extra: Any) -> Participant:
    data = {"first_name": "Jan", "last_name": f"Testowy{n}", "pesel": pesel_for(n), **extra}
    return services.do_create_participant(cast.kis_waw, data, actor=cast.kis_manager)


def open_case(cast: Any, n: int = 1) -> Case:
    return services.do_open_case(participant(cast, n), actor=cast.kis_manager, case_manager=cast.case_manager)


def cis(cast: Any) -> Any:
    return OrganisationFactory(name="CIS Warszawa", kind=OrganisationKind.CIS, seat=unit("1465011"))


def fake_ipzs(monkeypatch: Any, signed: bool) -> None:
    """Make the CIS admission see a signed IPZS (or none) without writing a contract."""
    monkeypatch.setattr(plans_queries, "has_signed_ipzs", lambda case: signed)


def referral_from_ops(cast: Any) -> Referral:
    """A referral sent by the Warsaw OPS worker to the Warsaw KIS (Marek Wolny)."""
    return services.do_send_referral(
        {
            "organisation": cast.kis_waw,
            "source": ReferralSource.OPS,
            "sender_organisation": cast.ops_waw,
            "first_name": "Marek",
            "last_name": "Wolny",
            "pesel": pesel_for(7),
        },
        actor=cast.ops_worker,
    )
