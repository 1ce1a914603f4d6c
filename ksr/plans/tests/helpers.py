from __future__ import annotations

import datetime as dt
from typing import Any

from ksr.cases.models import Case, Participant
from ksr.plans.choices import CardPart, ContractKind
from ksr.plans.services import do_add_card_entry, do_create_contract, do_create_potential_assessment

TODAY = dt.date(2026, 3, 2)


def make_case(cast: Any, organisation: Any = None, **extra: Any) -> Case:
    organisation = organisation or cast.kis_waw
    participant = Participant.objects.create(organisation=organisation, first_name="Jan", last_name="Nowak")
    values = {"opened_on": TODAY - dt.timedelta(days=60), "status": "active", "case_manager": cast.case_manager}
    values.update(extra)
    return Case.objects.create(participant=participant, organisation=organisation, **values)


def make_contract(cast: Any, case: Case, kind: str = ContractKind.SOCIAL_CONTRACT, signed: bool = False) -> Any:
    contract = do_create_contract(
        case,
        {"kind": kind, "content": "Udział w zajęciach", "participant_words": "Chcę", "valid_from": TODAY},
        actor=cast.kis_manager,
    )
    if signed:
        from ksr.plans.services import do_sign_contract_version

        do_sign_contract_version(
            contract.versions.get(), {"participant_signed_on": TODAY, "worker_signed_on": TODAY}, actor=cast.kis_manager
        )
        contract.refresh_from_db()
    return contract


def make_entry(cast: Any, case: Case, **data: Any) -> Any:
    actor = data.pop("actor", cast.case_manager)
    values = {"part": CardPart.DETAILED, "entered_on": TODAY, "social_needs": "Wsparcie w kontaktach"}
    values.update(data)
    return do_add_card_entry(case, values, actor=actor)


def diagnose(cast: Any, case: Case, on: dt.date | None = None) -> Any:
    """A diagnosis of reintegration potential (needed before the IPD is set), dated ``on``."""
    return do_create_potential_assessment(
        case,
        {"assessed_on": on or case.opened_on, "summary": "Diagnoza"},
        [{"dimension": "individual", "area": "social_skills", "kind": "deficit", "level": 2}],
        actor=cast.case_manager,
    )
