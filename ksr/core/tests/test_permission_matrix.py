"""The generated permission matrix: every scoped queryset × every role × where the role is held.

Every model whose default manager has ``visible_to`` is discovered from the app registry, so a
new scoped model cannot escape: it fails ``test_every_scoped_model_has_a_builder_and_a_table``
until it gets a builder (``BUILDERS``) and an expected table (``EXPECTED``).

The world, built once per module (inside a transaction rolled back at the end):
- "own": KIS Warszawa (gmina 1465011, powiat 1465, woj. 14) — every built object belongs to it;
- "region": KIS Dąbrówka (powiat wołomiński 1432), another organisation in the same voivodeship;
- "elsewhere": KIS Kraków (woj. 12), another voivodeship;
- for every role of ``accounts.choices.Role`` and every place, one user holding that role there;
  plus an anonymous visitor and a signed-in user with no membership ("nobody").

Each cell (model × role × place) is its own test: the object is in ``visible_to(user)`` exactly
when the table says "v", in ``editable_by(user)`` exactly when it says "e". The tables are
written out from the rules in docs/architecture.md, docs/decisions/0002-access-model.md and the
querysets' docstrings, so any change to an access rule shows up in review as a diff of this file.
The hand-made cast tables (several objects per model, founding bodies, sign-in rows) stay in
``test_matrix_cast.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import cached_property
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db import models, transaction

from ksr.accounts.choices import Role
from ksr.accounts.models import User
from ksr.audit.choices import AuditAction
from ksr.audit.services import record
from ksr.registry.choices import OrganisationKind
from ksr.testing import OrganisationFactory, forget_rolled_back_rows, member, restore_reference_data, unit

# Each cell runs in its own savepoint inside the module's transaction (and pytest-django only
# creates the test database for marked tests).
pytestmark = pytest.mark.django_db

PLACES = ("own", "region", "elsewhere")
OUTSIDERS = ("anonymous", "nobody")
DAY = dt.date(2026, 3, 2)


def model(label: str) -> type[models.Model]:
    return apps.get_model(label)


def scoped_models() -> list[str]:
    """Labels of every model whose default manager scopes reads by user."""
    return sorted(m._meta.label for m in apps.get_models() if hasattr(m._default_manager, "visible_to"))


# --- the expected tables --------------------------------------------------------------------
# role: (own, region, elsewhere); "v" visible, "e" editable, "-" neither.
A, EM, CM, SP = (Role.SYSTEM_ADMIN, Role.ENTITY_MANAGER, Role.CASE_MANAGER, Role.SPECIALIST)
PR = Role.PARTNER_REPRESENTATIVE
OPS, LSR, AN, RA, RO, NA = (
    Role.OPS_SOCIAL_WORKER,
    Role.LSR_COORDINATOR,
    Role.REGIONAL_ANIMATOR,
    Role.REGIONAL_ANALYST,
    Role.REGISTER_OFFICER,
    Role.NATIONAL_ANALYST,
)
Table = dict[str, tuple[str, str, str]]

# Registry: read by territorial reach (own organisation and its powiat, voivodeship, country);
# written by administrators, the manager of the organisation, the LSR coordinator in the powiat,
# regional analysts and animators in the voivodeship; national analysts read everything, edit nothing.
TERRITORIAL: Table = {
    A: ("ve", "ve", "ve"),
    EM: ("ve", "-", "-"),
    CM: ("v", "-", "-"),
    SP: ("v", "-", "-"),
    PR: ("v", "-", "-"),
    OPS: ("v", "-", "-"),
    LSR: ("ve", "-", "-"),
    AN: ("ve", "ve", "-"),
    RA: ("ve", "ve", "-"),
    RO: ("v", "v", "-"),
    NA: ("v", "v", "v"),
}

# Voivode's register: read in the voivodeship by regional roles, by the entity and its founding
# body; a powiat reach does not cover a voivodeship register. Only the voivode's register officer
# (and administrators) write.
REGISTER: Table = {
    A: ("ve", "ve", "ve"),
    EM: ("v", "-", "-"),
    CM: ("v", "-", "-"),
    SP: ("v", "-", "-"),
    PR: ("v", "-", "-"),
    OPS: ("v", "-", "-"),
    LSR: ("v", "-", "-"),
    AN: ("v", "v", "-"),
    RA: ("v", "v", "-"),
    RO: ("ve", "ve", "-"),
    NA: ("v", "v", "v"),
}

# The audit trail: administrators everything, a KIS/CIS manager their organisation's rows; a
# national reach does not open it. Nobody edits (no ``editable_by``).
AUDIT: Table = {
    A: ("v", "v", "v"),
    EM: ("v", "-", "-"),
    **dict.fromkeys((CM, SP, PR, OPS, LSR, AN, RA, RO, NA), ("-", "-", "-")),
}

# An LSR (main node: the own KIS, territory: its powiat) and everything that hangs on it: read
# in its territory, by its main node and by members; written by its KIS (manager) and LSR
# coordinator, and administrators. Regional editors write regional networks only.
NETWORK: Table = {
    A: ("ve", "ve", "ve"),
    EM: ("ve", "-", "-"),
    CM: ("v", "-", "-"),
    SP: ("v", "-", "-"),
    PR: ("v", "-", "-"),
    OPS: ("v", "-", "-"),
    LSR: ("ve", "-", "-"),
    AN: ("v", "v", "-"),
    RA: ("v", "v", "-"),
    RO: ("v", "v", "-"),
    NA: ("v", "v", "v"),
}

# A cooperation assessment card of the own organisation in its LSR: the LSR's editors, the
# staff of its main node and of the assessed organisation, administrators and national analysts
# read it; only the organisation's partner representative or manager fills it in.
ASSESSMENT: Table = {
    A: ("ve", "ve", "ve"),
    EM: ("ve", "-", "-"),
    CM: ("v", "-", "-"),
    SP: ("v", "-", "-"),
    PR: ("ve", "-", "-"),
    OPS: ("v", "-", "-"),
    LSR: ("v", "-", "-"),
    # Held in the main node, they are its staff; a regional reach alone opens no card of an LSR.
    AN: ("v", "-", "-"),
    RA: ("v", "-", "-"),
    RO: ("v", "-", "-"),
    NA: ("v", "v", "v"),
}

# Participant data: nobody outside the holder reads it — not administrators, not the LSR, the
# region or the nation (they see aggregates). The holder's manager, case managers and
# specialists read; the manager and case managers write.
PARTICIPANT: Table = {
    A: ("-", "-", "-"),
    EM: ("ve", "-", "-"),
    CM: ("ve", "-", "-"),
    SP: ("v", "-", "-"),
    **dict.fromkeys((PR, OPS, LSR, AN, RA, RO, NA), ("-", "-", "-")),
}

# Services of the catalogue (no personal data): the holder's staff, the providing partner,
# administrators and national analysts read; the holder's manager and administrators write.
SERVICE: Table = {
    # Reads only: who may add or change a service is checked by the catalogue's services
    # (``catalogue.querysets.may_act``), tested in ksr/catalogue/tests.
    A: ("v", "v", "v"),
    EM: ("v", "-", "-"),
    CM: ("v", "-", "-"),
    SP: ("v", "-", "-"),
    **dict.fromkeys((PR, OPS, LSR, AN, RA, RO), ("-", "-", "-")),
    NA: ("v", "v", "v"),
}

# An offer published by the own organisation (as a partner) to another KIS: the publishing
# partner's representative reads and writes it; administrators and national analysts read.
OFFER: Table = {
    A: ("v", "v", "v"),
    PR: ("v", "-", "-"),
    **dict.fromkeys((EM, CM, SP, OPS, LSR, AN, RA, RO), ("-", "-", "-")),
    NA: ("v", "v", "v"),
}

# Regional work placed by a TERYT code (pipeline, surveys, animation): regional animators and
# analysts read their voivodeship, animators write there; administrators and the national
# centre read everything; only administrators write everywhere.
REGIONAL: Table = {
    A: ("ve", "ve", "ve"),
    **dict.fromkeys((EM, CM, SP, PR, OPS, LSR, RO), ("-", "-", "-")),
    AN: ("ve", "ve", "-"),
    RA: ("v", "v", "-"),
    NA: ("v", "v", "v"),
}

# Procedures placed in the own gmina and the own LSR: read by reach (KIS/OPS roles their powiat,
# regional roles their voivodeship, the nation everything); written by regional animators of the
# voivodeship, the LSR's KIS manager and coordinator, administrators.
PROCEDURE: Table = {
    A: ("ve", "ve", "ve"),
    EM: ("ve", "-", "-"),
    CM: ("v", "-", "-"),
    SP: ("v", "-", "-"),
    PR: ("v", "-", "-"),
    OPS: ("v", "-", "-"),
    LSR: ("ve", "-", "-"),
    AN: ("ve", "ve", "-"),
    RA: ("v", "v", "-"),
    RO: ("v", "v", "-"),
    NA: ("v", "v", "v"),
}


def _read_only(table: Table) -> Table:
    """The same readers where the queryset has no ``editable_by`` (the services check writes)."""
    return {role: (own.rstrip("e"), here.rstrip("e"), far.rstrip("e")) for role, (own, here, far) in table.items()}


PARTICIPANT_READ = _read_only(PARTICIPANT)  # eligibility, referrals, plans, bookings, consents
EDITION = _read_only(SERVICE)  # editions and activities

# A user's own notifications and notification preferences: the one user (here the case manager
# at the own organisation), nobody else — administrators included.
PERSONAL: Table = {role: ("v", "-", "-") if role == CM else ("-", "-", "-") for role in Role}

EXPECTED: dict[str, Table] = {
    "audit.AuditEntry": AUDIT,
    "notifications.Notification": PERSONAL,
    "notifications.NotificationPreference": PERSONAL,
    "registry.Organisation": TERRITORIAL,
    "registry.Person": TERRITORIAL,
    "registers.RegisterEntry": REGISTER,
    **{
        f"networks.{name}": NETWORK
        for name in (
            "Network",
            "NetworkMembership",
            "AuspicesAct",
            "TeamMember",
            "TechnicalAssistance",  # hung on the LSR: the queryset scopes by ``network`` only
            "RegionalTask",
            "Recommendation",
        )
    },
    **{
        f"partnerships.{name}": NETWORK
        for name in (
            "Partnership",
            "Partner",
            "AgreementVersion",
            "ActionTask",
            "Evaluation",
            "Conclusion",
            "Pact",
            "SynergyTeam",
            "AttitudeAssessment",
        )
    },
    **{
        f"cooperation.{name}": NETWORK
        for name in (
            "Forum",
            "TaskGroup",
            "Representative",
            "Meeting",
            "AgendaItem",
            "Attendance",
            "Decision",
            "ActionItem",
            "MinutesDispatch",
            "ImprovementAction",
        )
    },
    "cooperation.CooperationAssessment": ASSESSMENT,
    "cases.Participant": PARTICIPANT,
    "cases.Case": PARTICIPANT,
    "cases.FollowUp": PARTICIPANT,
    "cases.ParticipantEligibility": PARTICIPANT_READ,
    "cases.Referral": PARTICIPANT_READ,  # received by the own KIS; no sender recorded
    **{
        f"plans.{name}": PARTICIPANT_READ
        for name in (
            "Contract",
            "ContractVersion",
            "ContractReview",
            "SanctionDecision",
            "ActionPlan",
            "PotentialAssessment",
            "ServiceCardEntry",
            "OutcomeAssessment",
            "OutcomeEvent",
        )
    },
    "catalogue.Service": SERVICE,
    "catalogue.Edition": EDITION,
    "catalogue.Activity": EDITION,
    "catalogue.Offer": OFFER,
    **{f"catalogue.{name}": PARTICIPANT_READ for name in ("Booking", "Attendance", "SupportInstrument", "Certificate")},
    "privacy.Consent": PARTICIPANT_READ,
    "pipeline.Initiative": REGIONAL,
    "surveys.Survey": REGIONAL,
    "surveys.Interview": _read_only(REGIONAL),
    **{
        f"animation.{name}": REGIONAL
        for name in (
            "ZrarTeam",
            "Animator",
            "TrainingModule",
            "Examination",
            "ScenarioChoice",
            "AnimationEvent",
            "AdviceVisit",
        )
    },
    "procedures.ProcedureRun": PROCEDURE,
    "procedures.ProcedureTask": _read_only(PROCEDURE),  # completable_by is not a scope
    "procedures.NeedRequest": PROCEDURE,
    "procedures.VariantChoice": PROCEDURE,
}


# --- the world --------------------------------------------------------------------------------


class World:
    """The three places, one user per role and place, and the shared parents of built objects."""

    def __init__(self) -> None:
        K = OrganisationKind
        self.own = OrganisationFactory(name="KIS Warszawa", kind=K.KIS, seat=unit("1465011"))
        self.region = OrganisationFactory(name="KIS Dąbrówka", kind=K.KIS, seat=unit("1432023"))
        self.elsewhere = OrganisationFactory(name="KIS Kraków", kind=K.KIS, seat=unit("1261011"))
        # A bystander organisation for foreign keys that must name someone else (a provider,
        # a consent's partner, an offer's receiving KIS); nobody in the matrix works there.
        self.bystander = OrganisationFactory(name="Biblioteka Łódź", kind=K.LIBRARY, seat=unit("1061011"))
        self.users: dict[tuple[str, str], Any] = {}
        for place in PLACES:
            for role in Role:
                self.users[str(role), place] = member(f"{role}-{place}", getattr(self, place), role)
        self.users["anonymous", ""] = AnonymousUser()
        self.users["nobody", ""] = User.objects.create(username="nobody-at-all")
        self.clerk: User = self.users[str(Role.CASE_MANAGER), "own"]

    def create(self, label: str, **fields: Any) -> Any:
        return model(label)._default_manager.create(**fields)

    # Shared parents, created on first use.
    @cached_property
    def network(self) -> Any:
        return self.create(
            "networks.Network", name="LSR Warszawa", level="local", territory=unit("1465"), main_node=self.own
        )

    @cached_property
    def partnership(self) -> Any:
        return self.create("partnerships.Partnership", network=self.network, name="P", goal="G", leader=self.own)

    @cached_property
    def evaluation(self) -> Any:
        return self.create("partnerships.Evaluation", partnership=self.partnership, held_on=DAY, findings="F")

    @cached_property
    def forum(self) -> Any:
        return self.create("cooperation.Forum", network=self.network)

    @cached_property
    def meeting(self) -> Any:
        return self.create("cooperation.Meeting", forum=self.forum, kind="strategic", title="M", planned_on=DAY)

    @cached_property
    def participant(self) -> Any:
        return self.create("cases.Participant", organisation=self.own, first_name="Jan", last_name="Nowak")

    @cached_property
    def case(self) -> Any:
        return self.create("cases.Case", participant=self.participant, organisation=self.own, opened_on=DAY)

    @cached_property
    def contract(self) -> Any:
        return self.create("plans.Contract", case=self.case, kind="social_contract")

    @cached_property
    def edition(self) -> Any:
        return self.create(
            "catalogue.Edition", organisation=self.own, name="E", starts_on=DAY, ends_on=DAY + dt.timedelta(days=90)
        )

    @cached_property
    def activity(self) -> Any:
        return self.create(
            "catalogue.Activity", edition=self.edition, date=DAY, topic="T", hours=Decimal(2), mode="group", leader="L"
        )

    @cached_property
    def animator(self) -> Any:
        return self.create("animation.Animator", full_name="Ala", home_institution=self.own, region=unit("14"))

    @cached_property
    def run(self) -> Any:
        card = self.create(
            "procedures.ProcedureCard",
            number=901,
            group="lsr",
            introducing_institution="I",
            name="Karta",
            name_en="Card",
        )
        self.step = self.create(
            "procedures.CardStep", card=card, number=1, text="K", text_en="S", product_kind="analysis"
        )
        return self.create(
            "procedures.ProcedureRun", card=card, gmina=unit("1465011"), network=self.network, started_by=self.clerk
        )


Builder = Callable[[World], models.Model]
GMINA = "1465011"
SCORES = ("goals", "composition", "commitment", "trust", "management", "plan", "communication", "resources")

# One builder per scoped model: each creates one object belonging to the own organisation.
BUILDERS: dict[str, Builder] = {
    "audit.AuditEntry": lambda w: record(AuditAction.UPDATE, w.own, actor=w.clerk),
    "notifications.Notification": lambda w: w.create(
        "notifications.Notification", recipient=w.clerk, kind="referral_received", title="T", organisation=w.own
    ),
    "notifications.NotificationPreference": lambda w: w.create(
        "notifications.NotificationPreference", user=w.clerk, kind="referral_received", delivery="digest"
    ),
    "registry.Organisation": lambda w: w.own,
    "registry.Person": lambda w: w.create(
        "registry.Person", organisation=w.own, first_name="Anna", last_name="W", function="social_worker"
    ),
    "registers.RegisterEntry": lambda w: w.create(
        "registers.RegisterEntry",
        organisation=w.own,
        entity_kind="kis",
        voivodeship=unit("14"),
        founding_body=w.own,
        creation_mode="ngo",
        notification_date=DAY,
    ),
    "networks.Network": lambda w: w.network,
    "networks.NetworkMembership": lambda w: w.create(
        "networks.NetworkMembership", network=w.network, organisation=w.bystander, joined_on=DAY
    ),
    "networks.AuspicesAct": lambda w: w.create("networks.AuspicesAct", network=w.network, kind="decision", date=DAY),
    "networks.TeamMember": lambda w: w.create(
        "networks.TeamMember",
        network=w.network,
        person=BUILDERS["registry.Person"](w),
        team_role="R",
        competences="C",
    ),
    "networks.TechnicalAssistance": lambda w: w.create(
        "networks.TechnicalAssistance", network=w.network, lsr=w.network, provided_on=DAY, subject="S"
    ),
    "networks.RegionalTask": lambda w: w.create(
        "networks.RegionalTask", network=w.network, task_type="coverage_analysis", title="T"
    ),
    "networks.Recommendation": lambda w: w.create(
        "networks.Recommendation", network=w.network, title="T", evidence="E"
    ),
    "partnerships.Partnership": lambda w: w.partnership,
    "partnerships.Partner": lambda w: w.create(
        "partnerships.Partner", partnership=w.partnership, organisation=w.bystander
    ),
    "partnerships.AgreementVersion": lambda w: w.create(
        "partnerships.AgreementVersion", partnership=w.partnership, number=1, file="partnerships/agreement.pdf"
    ),
    "partnerships.ActionTask": lambda w: w.create(
        "partnerships.ActionTask", partnership=w.partnership, title="T", owner=w.own
    ),
    "partnerships.Evaluation": lambda w: w.evaluation,
    "partnerships.Conclusion": lambda w: w.create(
        "partnerships.Conclusion", evaluation=w.evaluation, text="T", assignee=w.own, due_on=DAY
    ),
    "partnerships.Pact": lambda w: w.create("partnerships.Pact", network=w.network, original_keeper="K"),
    "partnerships.SynergyTeam": lambda w: w.create(
        "partnerships.SynergyTeam", network=w.network, formed_by_kind="order", formed_by_body="B"
    ),
    "partnerships.AttitudeAssessment": lambda w: w.create(
        "partnerships.AttitudeAssessment",
        network=w.network,
        organisation=w.bystander,
        assessed_on=DAY,
        attitude="neutral",
    ),
    "cooperation.Forum": lambda w: w.forum,
    "cooperation.TaskGroup": lambda w: w.create("cooperation.TaskGroup", forum=w.forum, name="N", topic="T"),
    "cooperation.Representative": lambda w: w.create(
        "cooperation.Representative", forum=w.forum, organisation=w.own, role="head"
    ),
    "cooperation.Meeting": lambda w: w.meeting,
    "cooperation.AgendaItem": lambda w: w.create("cooperation.AgendaItem", meeting=w.meeting, title="T"),
    "cooperation.Attendance": lambda w: w.create("cooperation.Attendance", meeting=w.meeting, organisation=w.own),
    "cooperation.Decision": lambda w: w.create("cooperation.Decision", meeting=w.meeting, text="T", method="consensus"),
    "cooperation.ActionItem": lambda w: w.create(
        "cooperation.ActionItem", meeting=w.meeting, title="T", owner=w.own, due_on=DAY
    ),
    "cooperation.MinutesDispatch": lambda w: w.create("cooperation.MinutesDispatch", meeting=w.meeting),
    "cooperation.CooperationAssessment": lambda w: w.create(
        "cooperation.CooperationAssessment",
        network=w.network,
        organisation=w.own,
        year=2026,
        half="H1",
        **{f"score_{name}": 3 for name in SCORES},
    ),
    "cooperation.ImprovementAction": lambda w: w.create(
        "cooperation.ImprovementAction", network=w.network, title="T", owner=w.own, due_on=DAY
    ),
    "cases.Participant": lambda w: w.participant,
    "cases.ParticipantEligibility": lambda w: w.create(
        "cases.ParticipantEligibility",
        participant=w.participant,
        category=model("cases.EligibilityCategory")._default_manager.order_by("pk").first(),
        evidence_type="ops_certificate",
    ),
    "cases.Case": lambda w: w.case,
    "cases.Referral": lambda w: w.create(
        "cases.Referral", organisation=w.own, source="self", sent_on=DAY, first_name="Jan", last_name="Nowak"
    ),
    "cases.FollowUp": lambda w: w.create("cases.FollowUp", case=w.case, due_on=DAY),
    "plans.Contract": lambda w: w.contract,
    "plans.ContractVersion": lambda w: w.create(
        "plans.ContractVersion", contract=w.contract, number=1, content="C", valid_from=DAY
    ),
    "plans.ContractReview": lambda w: w.create(
        "plans.ContractReview", contract=w.contract, reviewed_on=DAY, outcome="kept", reviewed_by=w.clerk
    ),
    "plans.SanctionDecision": lambda w: w.create(
        "plans.SanctionDecision", contract=w.contract, decision="keep", reason="R", decided_on=DAY, decided_by=w.clerk
    ),
    "plans.ActionPlan": lambda w: w.create("plans.ActionPlan", case=w.case),
    "plans.PotentialAssessment": lambda w: w.create(
        "plans.PotentialAssessment", case=w.case, assessed_on=DAY, assessed_by=w.clerk
    ),
    "plans.ServiceCardEntry": lambda w: w.create(
        "plans.ServiceCardEntry", case=w.case, part="general", entered_on=DAY, author=w.clerk
    ),
    "plans.OutcomeAssessment": lambda w: w.create(
        "plans.OutcomeAssessment", case=w.case, assessed_on=DAY, assessed_by=w.clerk
    ),
    "plans.OutcomeEvent": lambda w: w.create(
        "plans.OutcomeEvent", case=w.case, kind="job", occurred_on=DAY, recorded_by=w.clerk
    ),
    "catalogue.Service": lambda w: w.create(
        "catalogue.Service",
        organisation=w.own,
        provider=w.bystander,
        name="S",
        service_type="building",
        dimension="preventive",
        area="education",
        form="workshop",
        mode="group",
    ),
    "catalogue.Offer": lambda w: w.create(
        "catalogue.Offer",
        organisation=w.own,
        holder=w.bystander,
        title="O",
        kind="places",
        area="education",
        capacity=5,
        available_from=DAY,
        available_to=DAY + dt.timedelta(days=30),
    ),
    "catalogue.Booking": lambda w: w.create("catalogue.Booking", case=w.case, area="education", starts_on=DAY),
    "catalogue.Edition": lambda w: w.edition,
    "catalogue.Activity": lambda w: w.activity,
    "catalogue.Attendance": lambda w: w.create(
        "catalogue.Attendance", activity=w.activity, case=w.case, status="present"
    ),
    "catalogue.SupportInstrument": lambda w: w.create(
        "catalogue.SupportInstrument", case=w.case, kind="transport", barrier="transport", starts_on=DAY
    ),
    "catalogue.Certificate": lambda w: w.create(
        "catalogue.Certificate", case=w.case, number="1/2026", issued_on=DAY, months_attended=6
    ),
    "privacy.Consent": lambda w: w.create(
        "privacy.Consent",
        participant=w.participant,
        case=w.case,
        partner=w.bystander,
        service="S",
        participant_consent_on=DAY,
        participant_consent_form="written",
        valid_from=DAY,
        valid_until=DAY + dt.timedelta(days=90),
    ),
    "pipeline.Initiative": lambda w: w.create("pipeline.Initiative", name="I", gmina=unit(GMINA)),
    "procedures.ProcedureRun": lambda w: w.run,
    "procedures.ProcedureTask": lambda w: w.create(
        "procedures.ProcedureTask", run=w.run, step=w.step, number=1, product_kind="analysis"
    ),
    "procedures.NeedRequest": lambda w: w.create(
        "procedures.NeedRequest",
        requester=w.own,
        kind="knowledge",
        description="D",
        needed_by=DAY,
        answer_by=DAY,
    ),
    "procedures.VariantChoice": lambda w: w.create(
        "procedures.VariantChoice",
        gmina=unit(GMINA),
        network=w.network,
        proposed_variant="civic",
        variant="civic",
        chosen_by=w.clerk,
    ),
    "surveys.Survey": lambda w: w.create(
        "surveys.Survey", gmina=unit(GMINA), title="S", starts_on=DAY, ends_on=DAY + dt.timedelta(days=30)
    ),
    "surveys.Interview": lambda w: w.create(
        "surveys.Interview",
        gmina=unit(GMINA),
        kind="idi",
        held_on=DAY,
        duration_minutes=60,
        moderator="M",
        rating=3,
    ),
    "animation.ZrarTeam": lambda w: w.create("animation.ZrarTeam", region=unit("14"), host=w.own, name="Z"),
    "animation.Animator": lambda w: w.animator,
    "animation.TrainingModule": lambda w: w.create(
        "animation.TrainingModule", animator=w.animator, title="T", completed_on=DAY
    ),
    "animation.Examination": lambda w: w.create(
        "animation.Examination", animator=w.animator, taken_on=DAY, result="passed"
    ),
    "animation.ScenarioChoice": lambda w: w.create(
        "animation.ScenarioChoice", gmina=unit(GMINA), scenario="joint_diagnosis"
    ),
    "animation.AnimationEvent": lambda w: w.create(
        "animation.AnimationEvent", kind="seminar", gmina=unit(GMINA), held_on=DAY, title="T"
    ),
    "animation.AdviceVisit": lambda w: w.create(
        "animation.AdviceVisit", entity=w.own, visited_on=DAY, animator=w.animator, topics="T"
    ),
}


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[tuple[World, dict[str, models.Model]]]:
    """Everything built once for the module, rolled back when the module ends."""
    with django_db_blocker.unblock(), transaction.atomic():
        restore_reference_data()
        built = World()
        objects = {label: BUILDERS[label](built) for label in scoped_models() if label in BUILDERS}
        yield built, objects
        transaction.set_rollback(True)
    forget_rolled_back_rows()


def _cells() -> Iterator[Any]:
    for label in scoped_models():
        for role in Role:
            for index, place in enumerate(PLACES):
                yield pytest.param(label, str(role), place, index, id=f"{label}-{role}-{place}")
        for who in OUTSIDERS:
            yield pytest.param(label, who, "", None, id=f"{label}-{who}")


def test_every_scoped_model_has_a_builder_and_a_table() -> None:
    missing = [label for label in scoped_models() if label not in BUILDERS or label not in EXPECTED]
    assert not missing, f"add a builder and an expected table for: {missing}"
    assert set(BUILDERS) == set(EXPECTED) == set(scoped_models()), "builders or tables for models no longer scoped"


def test_every_table_covers_every_role_and_edits_only_what_it_reads() -> None:
    for label, table in EXPECTED.items():
        assert set(table) == set(Role), label
        for role, cells in table.items():
            assert len(cells) == len(PLACES), (label, role)
            for cell in cells:
                assert cell in {"ve", "v", "-"}, (label, role, cell)
        if not hasattr(model(label)._default_manager, "editable_by"):
            assert all("e" not in cell for cells in table.values() for cell in cells), f"{label} has no editable_by"


def test_nobody_outside_the_holder_reads_participant_data() -> None:
    """The participant-data tables themselves keep the rule: only the holder's staff, only at home."""
    participant_data = [label for label, table in EXPECTED.items() if table in (PARTICIPANT, PARTICIPANT_READ)]
    assert {"cases.Participant", "privacy.Consent", "plans.ServiceCardEntry"} <= set(participant_data)
    for label in participant_data:
        for role, (own, region, elsewhere) in EXPECTED[label].items():
            assert region == elsewhere == "-", (label, role)
            if role not in {EM, CM, SP}:
                assert own == "-", (label, role)


@pytest.mark.parametrize(("label", "who", "place", "index"), list(_cells()))
def test_matrix(world: tuple[World, dict[str, models.Model]], label: str, who: str, place: str, index: Any) -> None:
    built, objects = world
    obj = objects[label]
    user = built.users[who, place]
    manager: Any = model(label)._default_manager
    expected = "-" if index is None else EXPECTED[label][who][index]
    where = f"{label}: {who} at {place or 'no organisation'}"
    seen = manager.visible_to(user).filter(pk=obj.pk).exists()
    assert seen == ("v" in expected), f"{where} should see: {'v' in expected}"
    if hasattr(manager, "editable_by"):
        edits = manager.editable_by(user).filter(pk=obj.pk).exists()
        assert edits == ("e" in expected), f"{where} should edit: {'e' in expected}"
