"""Declared state machines: a model's states, its transitions, who may take each and its guard.

A lifecycle is declared once, next to the model's choices::

    REFERRAL_MACHINE = StateMachine(
        ReferralStatus,
        {ReferralStatus.SENT: {ReferralStatus.ACCEPTED, ReferralStatus.REFUSED}, ...},
    )

and a service moves an object with ``REFERRAL_MACHINE.move(referral, ReferralStatus.ACCEPTED,
actor=actor)`` inside its transaction. ``move`` locks the row (``SELECT … FOR UPDATE``), re-reads
the state, and refuses with a clear message if someone else changed it in the meantime — so of
two people deciding one referral at the same moment exactly one wins and the other is told the
referral has already been decided. Models mix in ``HasStateMachine`` to expose ``can_move_to``
for templates and forms.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import TextChoices
from django.utils.translation import gettext as _

from ksr.core.types import AnyUser

Guard = Callable[[Any], None]
"""Raises ``ValidationError`` when the transition may not be taken for this object."""
Permission = Callable[[Any, Any], bool]
"""``(obj, actor) -> bool``: whether ``actor`` may take the transition."""


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    allowed: Permission | None = None
    guard: Guard | None = None


@dataclass
class StateMachine:
    """The allowed moves of one status field.

    ``transitions`` maps each state to the states it may move to. ``allowed`` and ``guards``
    optionally map a target state (or a ``(source, target)`` pair) to who may take that move and
    to the rule that must hold.
    """

    choices: type[TextChoices]
    transitions: Mapping[str, Iterable[str]]
    field: str = "status"
    allowed: Mapping[Any, Permission] = dataclasses.field(default_factory=dict)
    guards: Mapping[Any, Guard] = dataclasses.field(default_factory=dict)

    def __post_init__(self) -> None:
        self.table: dict[str, frozenset[str]] = {
            str(s): frozenset(str(t) for t in ts) for s, ts in self.transitions.items()
        }
        unknown = ({*self.table} | {t for ts in self.table.values() for t in ts}) - set(self.choices.values)
        if unknown:
            raise ValueError(f"{self.choices.__name__}: unknown states in the machine: {sorted(unknown)}")
        # A rule keyed by a move the machine does not declare would never run: refuse it here.
        targets = {t for ts in self.table.values() for t in ts}
        for kind, rules in (("allowed", self.allowed), ("guards", self.guards)):
            for key in rules:
                declared = (
                    str(key[1]) in self.table.get(str(key[0]), frozenset())
                    if isinstance(key, tuple)
                    else str(key) in targets
                )
                if not declared:
                    raise ValueError(f"{self.choices.__name__}: {kind} names an undeclared move: {key!r}")

    # Reading -------------------------------------------------------------------------------
    def state_of(self, obj: Any) -> str:
        return str(getattr(obj, self.field))

    def targets(self, state: str) -> frozenset[str]:
        return self.table.get(str(state), frozenset())

    def can_move(self, obj: Any, target: str) -> bool:
        return str(target) in self.targets(self.state_of(obj))

    def is_final(self, state: str) -> bool:
        return not self.targets(state)

    def transition(self, source: str, target: str) -> Transition | None:
        if str(target) not in self.targets(source):
            return None
        key_pair = (str(source), str(target))
        return Transition(
            source=str(source),
            target=str(target),
            allowed=self.allowed.get(key_pair) or self.allowed.get(str(target)),
            guard=self.guards.get(key_pair) or self.guards.get(str(target)),
        )

    def label(self, state: str) -> str:
        try:
            return str(self.choices(state).label)
        except ValueError:
            return str(state)

    # Writing -------------------------------------------------------------------------------
    def lock(self, obj: models.Model) -> str:
        """Re-read ``obj``'s state under a row lock (inside the caller's transaction); returns it."""
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("StateMachine.lock() must run inside transaction.atomic")
        fresh = type(obj)._default_manager.select_for_update().only(self.field).get(pk=obj.pk)
        setattr(obj, self.field, getattr(fresh, self.field))
        return self.state_of(obj)

    def check(self, obj: Any, target: str, *, actor: AnyUser | None = None) -> Transition:
        """The transition from ``obj``'s current state to ``target``, or a clear refusal.

        ``allowed`` is checked only when an ``actor`` is given (``None`` is the system itself:
        a migration, a management command).
        """
        state = self.state_of(obj)
        move = self.transition(state, target)
        if move is None:
            raise ValidationError(
                _("The status cannot change from “%(old)s” to “%(new)s”.")
                % {"old": self.label(state), "new": self.label(target)},
                code="invalid_transition",
            )
        if move.allowed is not None and actor is not None and not move.allowed(obj, actor):
            raise PermissionDenied(_("You may not take this decision."))
        if move.guard is not None:
            move.guard(obj)
        return move

    def move(self, obj: models.Model, target: str, *, actor: AnyUser | None = None, save: bool = False) -> Transition:
        """Lock the row, re-read the state, check the move and set the new state on ``obj``.

        If the state read under the lock is not the one the caller saw, someone else acted first:
        the caller is told so ("already changed") rather than getting a generic refusal.
        ``save=True`` also writes the status field; otherwise the calling service saves.
        """
        seen = self.state_of(obj)
        current = self.lock(obj)
        if current != seen:
            raise ValidationError(
                _("Someone else has already changed the status: it is now “%(state)s”. Reload the page.")
                % {"state": self.label(current)},
                code="already_changed",
            )
        move = self.check(obj, target, actor=actor)
        setattr(obj, self.field, str(target))
        if save:
            obj.save(update_fields=[self.field])
        return move


class HasStateMachine:
    """Mixin for models whose status follows a declared ``state_machine``."""

    state_machine: ClassVar[StateMachine]

    def can_move_to(self, status: str) -> bool:
        return self.state_machine.can_move(self, status)

    @property
    def next_states(self) -> list[str]:
        return sorted(self.state_machine.targets(self.state_machine.state_of(self)))
