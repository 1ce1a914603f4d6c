"""Records of every kind of document, made for the cast's KIS Warszawa, and reading files back."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from pypdf import PdfReader

from ksr.cases.models import Referral
from ksr.catalogue.models import Activity, Attendance, Certificate, Edition
from ksr.cooperation import services as cooperation
from ksr.cooperation.choices import MeetingKind
from ksr.networks.models import Network
from ksr.plans.choices import ContractKind, PlanStatus
from ksr.plans.models import ActionPlan, Contract, ContractVersion, PlanGoal
from ksr.plans.tests.helpers import make_case, make_contract, make_entry
from ksr.privacy.tests.helpers import consent
from ksr.registers.choices import CreationMode, EntityKind
from ksr.registers.services import do_enter_in_register, do_notify_entity
from ksr.testing import unit

TODAY = dt.date.today()


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def odt_text(content: bytes) -> str:
    from odfdo import Document

    return str(Document(io.BytesIO(content)).get_formatted_text())


def contract(cast: Any, kind: str) -> Contract:
    case = make_case(cast)
    if kind == ContractKind.SOCIAL_CONTRACT:
        return make_contract(cast, case)
    made = Contract.objects.create(case=case, kind=kind)
    ContractVersion.objects.create(contract=made, number=1, content="Udział w zajęciach", valid_from=TODAY)
    return made


def plan(cast: Any) -> ActionPlan:
    made = ActionPlan.objects.create(
        case=make_case(cast), status=PlanStatus.SET, set_on=TODAY, diagnosis_summary="Potrzeba wsparcia"
    )
    PlanGoal.objects.create(plan=made, goal="Podjęcie pracy", actions="Kurs spawania", due_on=TODAY)
    return made


def card(cast: Any) -> Any:
    case = make_case(cast)
    make_entry(cast, case, psychologist_opinion="Opinia psychologa X")
    return case


def activity(cast: Any) -> Activity:
    edition = Edition.objects.create(
        organisation=cast.kis_waw, name="Edycja wiosenna", starts_on=TODAY, ends_on=TODAY + dt.timedelta(days=120)
    )
    made = Activity.objects.create(
        edition=edition, date=TODAY, topic="Trening umiejętności", hours=Decimal(4), mode="group", leader="Anna Lis"
    )
    Attendance.objects.create(activity=made, case=make_case(cast), status="present")
    return made


def certificate(cast: Any) -> Certificate:
    return Certificate.objects.create(
        case=make_case(cast, graduated_at=TODAY), number="CERT-77/2026", issued_on=TODAY, months_attended=7
    )


def referral(cast: Any) -> Referral:
    return Referral.objects.create(
        organisation=cast.kis_waw,
        source="ops",
        sender_organisation=cast.ops_waw,
        sent_on=TODAY,
        first_name="Jan",
        last_name="Nowak",
        justification="Długotrwale bezrobotny",
    )


def register_entry(cast: Any) -> Any:
    entry = do_notify_entity(
        organisation=cast.kis_waw,
        entity_kind=EntityKind.KIS,
        founding_body=cast.ops_waw,
        creation_mode=CreationMode.WITHIN_OPS,
        notification_date=TODAY - dt.timedelta(days=10),
        founding_act_number="Uchwała nr XII/34/2026",
        actor=cast.admin,
    )
    return do_enter_in_register(entry, entry_date=TODAY - dt.timedelta(days=2), actor=cast.admin)


def meeting(cast: Any) -> Any:
    network = Network.objects.create(
        name="LSR Warszawa", level="local", territory=unit("1465011"), main_node=cast.kis_waw
    )
    forum = cooperation.do_create_forum(network, actor=cast.coordinator)
    held = TODAY - dt.timedelta(days=3)
    made = cooperation.do_plan_meeting(
        forum,
        {"kind": MeetingKind.STRATEGIC, "title": "Posiedzenie forum", "planned_on": held},
        agenda=["Sprawozdanie z działań"],
        actor=cast.coordinator,
    )
    return cooperation.do_record_meeting_held(
        made, {"held_on": held, "minutes": "Omówiono plan współpracy."}, representatives=(), actor=cast.coordinator
    )


def participant_consent(cast: Any) -> Any:
    return consent(cast)
