"""Stages of an initiative creating a KIS/CIS, their state machine and the legal steps per mode."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ksr.core.states import StateMachine
from ksr.registers.choices import CreationMode, EntryStatus

if TYPE_CHECKING:
    from ksr.pipeline.models import Initiative


class Stage(models.TextChoices):
    PROSPECT = "prospect", _("Prospect")
    FIRST_CONTACT = "first_contact", _("First contact")
    READINESS_MEASURED = "readiness_measured", _("Readiness measured")
    SCENARIO_CHOSEN = "scenario_chosen", _("Scenario chosen")
    PARTNERS_WON = "partners_won", _("Partners won")
    FOUNDING_BODY_DECIDED = "founding_body_decided", _("Founding body decided")
    FOUNDING_ACT_ADOPTED = "founding_act_adopted", _("Founding act adopted")
    NOTIFIED = "notified", _("Notified to the voivode")
    ENTERED = "entered", _("Entered in the register")
    OPERATING = "operating", _("Operating with the new service profile")
    SUSTAINED = "sustained", _("Sustained (24 months)")
    STALLED = "stalled", _("Stalled")
    ABANDONED = "abandoned", _("Abandoned")


# The forward path, in order: an initiative moves one step at a time.
PATH: list[str] = [
    Stage.PROSPECT,
    Stage.FIRST_CONTACT,
    Stage.READINESS_MEASURED,
    Stage.SCENARIO_CHOSEN,
    Stage.PARTNERS_WON,
    Stage.FOUNDING_BODY_DECIDED,
    Stage.FOUNDING_ACT_ADOPTED,
    Stage.NOTIFIED,
    Stage.ENTERED,
    Stage.OPERATING,
    Stage.SUSTAINED,
]
ORDINAL: dict[str, int] = {stage: i for i, stage in enumerate(PATH)}
# Stages at which the new entity exists in the voivode's register ("created").
CREATED_STAGES: frozenset[str] = frozenset({Stage.ENTERED, Stage.OPERATING, Stage.SUSTAINED})
# Stages that need a reason (note) when entered.
REASON_REQUIRED: frozenset[str] = frozenset({Stage.STALLED, Stage.ABANDONED})
# Active stages that may stall or be abandoned (everything on the path before "sustained").
ACTIVE: list[str] = PATH[:-1]


def _transitions() -> dict[str, set[str]]:
    table: dict[str, set[str]] = {}
    for i, stage in enumerate(PATH):
        nxt = {PATH[i + 1]} if i + 1 < len(PATH) else set()
        table[stage] = nxt | ({Stage.STALLED, Stage.ABANDONED} if stage in ACTIVE else set())
    # A stalled initiative resumes at the stage where it stalled (the guard ``resumes_at``) or is abandoned.
    table[Stage.STALLED] = set(ACTIVE) | {Stage.ABANDONED}
    table[Stage.ABANDONED] = set()
    return table


# Allowed transitions (the state machine's table; tested both ways).
TRANSITIONS: dict[str, set[str]] = _transitions()

# Months after entry in the register after which the entity counts as sustained
# (Fiszka projektu KSR, milestone 3, tasks of milestone 3: sustainability of the 32 entities is 2 years, Fiszka projektu
# KSR, tasks of milestone 3, further stages after the project).
SUSTAIN_MONTHS = 24

# Default number of days without a transition after which an active initiative counts as stalled.
DEFAULT_STALL_DAYS = 60

# Legal steps of each mode of creation (Prawne aspekty, III.2 „Tryb samorządowy”, „Tryb obywatelski”, „Tryb
# współpartnerski”, „Tryb przekształceniowy”).
LEGAL_STEPS: dict[str, list[tuple[str, Any]]] = {
    CreationMode.SELF_GOVERNMENT_UNIT: [  # Prawne aspekty, III.2 „Tryb samorządowy”
        (
            "arguments",
            _("Arguments prepared to convince the municipal council (Prawne aspekty, III.2 „Tryb samorządowy”)"),
        ),
        (
            "council_resolution",
            _(
                "Council resolution establishing a new municipal organisational unit (Prawne aspekty, III.2 „Tryb "
                "samorządowy”)"
            ),
        ),
        (
            "manager_hired",
            _("The wójt/mayor hired the head of the unit, the KIS manager (Prawne aspekty, III.2 „Tryb samorządowy”)"),
        ),
        ("staff_assembled", _("The KIS manager assembled the staff (Prawne aspekty, III.2 „Tryb samorządowy”)")),
        ("register_notification", _("Notification to the voivode's register (UZS art. 18)")),
    ],
    CreationMode.WITHIN_OPS: [  # Prawne aspekty, III.2 „Tryb samorządowy”
        (
            "ops_statute",
            _("OPS statute supplemented by a council resolution, if needed (Prawne aspekty, III.2 „Tryb samorządowy”)"),
        ),
        (
            "ops_regulations",
            _("OPS organisational regulations supplemented (Prawne aspekty, III.2 „Tryb samorządowy”)"),
        ),
        (
            "coordinator",
            _(
                "Coordinator designated and club staff engaged by the OPS head's order (Prawne aspekty, III.2 „Tryb "
                "samorządowy”)"
            ),
        ),
        (
            "club_regulations",
            _("Organisational regulations of the club approved (Prawne aspekty, III.2 „Tryb samorządowy”)"),
        ),
        ("budget_line", _("Budget line set aside for the club (Prawne aspekty, III.2 „Tryb samorządowy”)")),
        ("register_notification", _("Notification to the voivode's register (UZS art. 18)")),
    ],
    CreationMode.NGO: [  # Prawne aspekty, III.2 „Tryb obywatelski”
        (
            "statute_change",
            _(
                "Statute amended if required and the change reported to the KRS (Prawne aspekty, III.2 „Tryb "
                "obywatelski”)"
            ),
        ),
        ("structure_resolution", _("Resolution of the general meeting or board establishing the structure")),
        ("operating_rules", _("Operating rules set and persons responsible named")),
        ("register_notification", _("Notification to the voivode's register (UZS art. 18)")),
    ],
    CreationMode.PARTNERSHIP: [  # Prawne aspekty, III.2 „Tryb współpartnerski”
        (
            "agreement",
            _(
                "Partnership agreement on creating and running the club signed (Prawne aspekty, III.2 „Tryb "
                "współpartnerski”)"
            ),
        ),
        (
            "roles_and_leader",
            _(
                "Division of roles set out and the partnership leader named (Prawne aspekty, III.2 „Tryb "
                "współpartnerski”)"
            ),
        ),
        ("register_notification", _("Notification to the voivode's register (UZS art. 18)")),
    ],
    CreationMode.TRANSFORMATION: [  # Prawne aspekty, III.2 „Tryb przekształceniowy”
        ("existing_entity", _("Existing entity of the gmina or an NGO identified (Prawne aspekty, III.2)")),
        (
            "transformation_plan",
            _(
                "Transformation plan of the activity and legal-organisational formula (Prawne aspekty, III.2 „Tryb "
                "przekształceniowy”)"
            ),
        ),
        ("register_notification", _("Notification to the voivode's register (UZS art. 18)")),
    ],
}


# --- guards: what must hold before an initiative reaches a stage ------------------------------
# Each guard judges the initiative on the day of the move (the service sets ``stage_since`` to it
# first) and raises ``ValidationError`` listing everything that is missing.


def resumes_at(initiative: Initiative, target: str) -> bool:
    """A stalled initiative resumes only at the stage where it stalled."""
    return target == Stage.ABANDONED or target == initiative.stalled_at


def gate_errors(initiative: Initiative, target: str) -> list[str]:
    """Why ``target`` may not be reached yet: the requirements of every stage up to it."""
    reached = ORDINAL.get(target, -1)
    errors: list[str] = []
    if reached >= ORDINAL[Stage.FOUNDING_BODY_DECIDED] and not initiative.creation_mode:
        errors.append(gettext("Choose the mode of creation first."))
    if reached >= ORDINAL[Stage.FOUNDING_ACT_ADOPTED] and not (
        initiative.founding_act_number and initiative.founding_act_date
    ):
        errors.append(gettext("Record the number and date of the founding act first."))
    if reached >= ORDINAL[Stage.ENTERED]:  # "entered" needs an entry with the status entered
        entry = initiative.register_entry
        if entry is None or entry.status != EntryStatus.ENTERED:
            errors.append(gettext("Link the register entry; it must have the status “entered”."))
    if target == Stage.SUSTAINED:  # "sustained" counts from the end of the project's activities (ADR 0019)
        since = initiative.sustained_from()
        if since is None or since > initiative.stage_since:
            errors.append(
                gettext(
                    "The entity counts as sustained only after the months of durability counted from the end "
                    "of the project's activities (or from its later entry in the register)."
                )
            )
    return errors


def _gate(target: str) -> Callable[[Initiative], None]:
    def guard(initiative: Initiative) -> None:
        errors = gate_errors(initiative, target)
        if errors:
            raise ValidationError(errors)

    return guard


def _resume(target: str) -> Callable[[Initiative], None]:
    def guard(initiative: Initiative) -> None:
        if not resumes_at(initiative, target):
            raise ValidationError(
                gettext("A stalled initiative resumes at the stage where it stalled: “%(stage)s”.")
                % {"stage": Stage(initiative.stalled_at).label if initiative.stalled_at else "—"}
            )
        _gate(target)(initiative)

    return guard


INITIATIVE_MACHINE = StateMachine(
    Stage,
    TRANSITIONS,
    field="stage",
    guards={
        **{stage: _gate(stage) for stage in PATH[1:]},
        **{(Stage.STALLED, stage): _resume(stage) for stage in ACTIVE},
    },
)
