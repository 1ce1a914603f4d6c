"""A participant with one of every record that belongs to them, for the tests that walk every surface.

The special-category values are unique markers, so a test can look for them in any response body.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from ksr.cases.models import Case, FollowUp, Participant
from ksr.catalogue.choices import Dimension, Mode, ServiceArea, ServiceForm, ServiceType
from ksr.catalogue.models import Service
from ksr.catalogue.services import do_create_booking
from ksr.plans.choices import CardPart, ContractKind, OutcomeKind, OutcomeMeasure
from ksr.plans.models import ServiceCardEntry
from ksr.plans.services import (
    do_add_card_entry,
    do_create_contract,
    do_create_outcome_assessment,
    do_create_potential_assessment,
    do_record_outcome,
    do_save_action_plan,
)
from ksr.privacy.models import Consent
from ksr.privacy.tests.helpers import case as make_case
from ksr.privacy.tests.helpers import consent as make_consent
from ksr.testing import Cast

# Special-category values: each marker is unique, so finding it anywhere is a leak.
HEALTH = "HEALTHMARKQX71"
ADDICTION = "ADDICTMARKQX72"
CARD_HEALTH = "CARDHEALTHMARKQX73"
PSYCHOLOGIST = "PSYCHMARKQX74"
MARKERS = (HEALTH, ADDICTION, CARD_HEALTH, PSYCHOLOGIST)
SURNAME = "Zdzisławczyk"


@dataclass
class World:
    participant: Participant
    case: Case
    entries: list[ServiceCardEntry]
    consent: Consent
    follow_up: FollowUp
    objects: dict[str, Any]

    def ids(self) -> set[int]:
        return {obj.pk for obj in self.objects.values()}


def build_world(cast: Cast, *, surname: str = SURNAME, special: bool = True, consent_scope: Any = None) -> World:
    today = timezone.localdate()
    extra = (
        {"health_conditions": HEALTH, "addiction_notes": ADDICTION, "disability_degree": "moderate"} if special else {}
    )
    person = Participant.objects.create(
        organisation=cast.kis_waw, first_name="Zofia", last_name=surname, no_pesel_reason="cudzoziemka", **extra
    )
    the_case = make_case(cast, person)
    actor = cast.case_manager
    entries = []
    if special:
        entries = [
            do_add_card_entry(
                the_case,
                {"part": CardPart.GENERAL, "entered_on": today, "health_conditions": CARD_HEALTH, "education": ""},
                actor=actor,
            ),
            do_add_card_entry(
                the_case,
                {"part": CardPart.DETAILED, "entered_on": today, "psychologist_opinion": PSYCHOLOGIST},
                actor=actor,
            ),
        ]
    contract = do_create_contract(
        the_case,
        {"kind": ContractKind.SOCIAL_CONTRACT, "content": "Udział", "participant_words": "Chcę", "valid_from": today},
        actor=actor,
    )
    plan = do_save_action_plan(the_case, {"diagnosis_summary": "Podsumowanie"}, actor=actor)
    potential = do_create_potential_assessment(
        the_case,
        {"assessed_on": today, "summary": "s"},
        [{"dimension": "individual", "area": "social_skills", "kind": "deficit", "level": 2, "note": "n"}],
        actor=actor,
    )
    outcome = do_create_outcome_assessment(
        the_case,
        {"assessed_on": today},
        [{"measure": m.value, "score": 3, "comment": ""} for m in OutcomeMeasure],
        actor=actor,
    )
    event = do_record_outcome(the_case, {"kind": OutcomeKind.JOB, "occurred_on": today}, actor=actor)
    scope = consent_scope if consent_scope is not None else ["name", "booked_service", "attendance"]
    the_consent = make_consent(cast, the_case, data_scope=scope)
    follow_up = FollowUp.objects.create(case=the_case, due_on=today + dt.timedelta(days=180))
    service = Service.objects.create(
        organisation=cast.kis_waw,
        provider=cast.kis_waw,
        name="Warsztaty rękodzieła",
        service_type=ServiceType.BUILDING,
        dimension=Dimension.PROMOTIONAL,
        area=ServiceArea.CULTURE,
        form=ServiceForm.WORKSHOP,
        mode=Mode.GROUP,
    )
    booking = do_create_booking(the_case, {"service": service, "starts_on": today}, actor=actor)
    objects: dict[str, Any] = {
        "participant": person,
        "case": the_case,
        "contract": contract,
        "action_plan": plan,
        "potential": potential,
        "outcome": outcome,
        "event": event,
        "consent": the_consent,
        "follow_up": follow_up,
        "booking": booking,
        **{f"entry{i}": e for i, e in enumerate(entries)},
    }
    return World(person, the_case, entries, the_consent, follow_up, objects)
