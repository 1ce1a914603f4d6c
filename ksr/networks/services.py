"""Every write to the networks: atomic, permission-checked, validated, audited.

Views, the API, the admin, the demo and tests call these functions. Each raises
``PermissionDenied`` when ``actor`` may not change the network and ``ValidationError``
(translated messages) on bad input; either way nothing is written.

``data`` dicts hold model field names → values (instances for foreign keys), as produced by a
form's ``cleaned_data`` or a serializer's ``validated_data``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ksr.audit.services import record_create, record_delete, record_update, snapshot
from ksr.core.models import Tracked
from ksr.core.states import StateMachine
from ksr.core.types import AnyUser
from ksr.networks.choices import (
    RECOMMENDATION_MACHINE,
    TASK_MACHINE,
    CreationVariant,
    NetworkLevel,
    RecommendationStatus,
    TaskStatus,
)
from ksr.networks.models import (
    AuspicesAct,
    Network,
    NetworkChild,
    NetworkMembership,
    Recommendation,
    RegionalTask,
    TeamMember,
    TechnicalAssistance,
)
from ksr.networks.querysets import may_edit_network
from ksr.registry.models import Organisation

NETWORK_FIELDS = (
    "name",
    "level",
    "territory",
    "main_node",
    "parent",
    "creation_variant",
    "creation_act_kind",
    "creation_act_number",
    "creation_act_date",
    "civic_leaders",
    "established_on",
    "description",
    "is_active",
)
# Fields that make no sense once the variant is chosen are cleared, so stale data is not kept.
ADMINISTRATIVE_ONLY = ("creation_act_kind", "creation_act_number", "creation_act_date")
AUSPICES_FIELDS = ("kind", "number", "date", "document_note")
TEAM_FIELDS = ("person", "team_role", "competences", "since")
ASSISTANCE_FIELDS = ("lsr", "provided_on", "form", "subject", "outcome", "outcome_note")
TASK_FIELDS = ("task_type", "title", "owner", "due_on", "status", "outcome")
RECOMMENDATION_FIELDS = ("title", "evidence", "status")
RECOMMENDATION_M2M = ("source_lsrs",)

M = TypeVar("M", bound=Tracked)
C = TypeVar("C", bound=NetworkChild)


def _actor_user(actor: AnyUser) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _plain(data: Mapping[str, Any], fields: Iterable[str], m2m: Iterable[str] = ()) -> tuple[dict, dict]:
    allowed, relations = set(fields), set(m2m)
    unknown = set(data) - allowed - relations
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    return (
        {k: v for k, v in data.items() if k in allowed},
        {k: list(v or []) for k, v in data.items() if k in relations},
    )


def _require_editable(network: Network, actor: AnyUser) -> Network:
    """The current row of ``network``, locked, if ``actor`` may change it."""
    current = Network.objects.editable_by(actor).select_for_update().filter(pk=network.pk).first()
    if current is None:
        raise PermissionDenied(_("You may not change this network."))
    return current


def _save(obj: M, *, actor: AnyUser, creating: bool) -> M:
    obj.full_clean()
    user = _actor_user(actor)
    if creating:
        obj.created_by = user
    obj.updated_by = user
    obj.save()
    return obj


def _today() -> dt.date:
    return timezone.localdate()


# Networks ---------------------------------------------------------------------------------


def _apply_variant(network: Network) -> None:
    if network.creation_variant == CreationVariant.CIVIC:
        network.creation_act_kind, network.creation_act_number, network.creation_act_date = "", "", None
    elif network.creation_variant == CreationVariant.ADMINISTRATIVE:
        network.civic_leaders = ""


def _check_visible_org(org: Organisation | None, actor: AnyUser, field: str) -> None:
    if org is not None and not Organisation.objects.visible_to(actor).filter(pk=org.pk).exists():
        raise ValidationError({field: [_("Choose an organisation you can see.")]})


@transaction.atomic
def do_create_network(data: Mapping[str, Any], *, actor: AnyUser) -> Network:
    """Create an LSR, RSR or the KSR. The main node joins as a member; a parent gets it as member."""
    plain, _unused = _plain(data, NETWORK_FIELDS)
    network = Network(**plain)
    if not may_edit_network(actor, network):
        raise PermissionDenied(_("You may not create this network."))
    _check_visible_org(plain.get("main_node"), actor, "main_node")
    _apply_variant(network)
    _save(network, actor=actor, creating=True)
    record_create(network, actor=actor)
    # The main node joins on the establishment, or today when the network is recorded before it.
    joined = min(network.established_on or _today(), _today())
    _add_membership(network, network.main_node, joined_on=joined, note="", member_network=None, actor=actor)
    if network.parent is not None:
        _add_membership(
            network.parent, network.main_node, joined_on=joined, note="", member_network=network, actor=actor
        )
    return network


@transaction.atomic
def do_update_network(network: Network, data: Mapping[str, Any], *, actor: AnyUser) -> Network:
    """Change the fields given in ``data``; moving to another parent moves the membership too."""
    plain, _unused = _plain(data, NETWORK_FIELDS)
    current = _require_editable(network, actor)
    if "level" in plain and plain["level"] != current.level:
        raise ValidationError({"level": [_("The level of a network cannot be changed.")]})
    before = snapshot(current)
    old_parent_id = current.parent_id
    for name, value in plain.items():
        setattr(current, name, value)
    if "main_node" in plain:
        _check_visible_org(plain["main_node"], actor, "main_node")
    if not may_edit_network(actor, current):
        raise PermissionDenied(_("You may not give the network this main node or territory."))
    _apply_variant(current)
    _save(current, actor=actor, creating=False)
    record_update(current, before, actor=actor)
    if current.parent_id != old_parent_id:
        today = _today()
        rows = NetworkMembership.objects.current().filter(member_network=current)
        if current.parent_id is not None:
            rows = rows.exclude(network_id=current.parent_id)
        for row in rows:
            _end(row, left_on=today, actor=actor)
        if current.parent is not None:
            _add_membership(
                current.parent, current.main_node, joined_on=today, note="", member_network=current, actor=actor
            )
    return current


# Members ----------------------------------------------------------------------------------


def _add_membership(
    network: Network,
    organisation: Organisation,
    *,
    joined_on: dt.date,
    note: str,
    member_network: Network | None,
    actor: AnyUser,
) -> NetworkMembership:
    already = NetworkMembership.objects.current().filter(network=network, organisation=organisation)
    if member_network is not None:
        already = NetworkMembership.objects.current().filter(network=network, member_network=member_network)
    if already.exists():
        raise ValidationError({"organisation": [_("This organisation is already a member of the network.")]})
    membership = NetworkMembership(
        network=network, organisation=organisation, member_network=member_network, joined_on=joined_on, note=note
    )
    _save(membership, actor=actor, creating=True)
    record_create(membership, actor=actor)
    return membership


@transaction.atomic
def do_add_member(
    network: Network,
    organisation: Organisation | None = None,
    *,
    joined_on: dt.date | None = None,
    note: str = "",
    member_network: Network | None = None,
    actor: AnyUser,
) -> NetworkMembership:
    """An organisation (or, for an RSR/KSR, a member network) joins; rejoining is a new row."""
    current = _require_editable(network, actor)
    if member_network is not None:
        organisation = member_network.main_node
    if organisation is None:
        raise ValidationError({"organisation": [_("Choose the organisation that joins.")]})
    _check_visible_org(organisation, actor, "organisation")
    if joined_on is None:
        joined_on = _today()
    return _add_membership(
        current, organisation, joined_on=joined_on, note=note, member_network=member_network, actor=actor
    )


def _end(membership: NetworkMembership, *, left_on: dt.date, actor: AnyUser) -> NetworkMembership:
    if membership.left_on is not None:
        raise ValidationError({"left_on": [_("This membership has already ended.")]})
    before = snapshot(membership)
    membership.left_on = left_on
    _save(membership, actor=actor, creating=False)
    record_update(membership, before, actor=actor)
    return membership


@transaction.atomic
def do_end_membership(
    membership: NetworkMembership, *, left_on: dt.date | None = None, actor: AnyUser
) -> NetworkMembership:
    """The member leaves on ``left_on`` (today by default); the row stays as history."""
    _require_editable(membership.network, actor)
    current = NetworkMembership.objects.select_for_update().get(pk=membership.pk)
    if current.organisation_id == current.network.main_node_id and current.member_network_id is None:
        raise ValidationError({"left_on": [_("The main node cannot leave its own network; change the main node.")]})
    return _end(current, left_on=left_on or _today(), actor=actor)


# Records of one network -------------------------------------------------------------------


def _create_child(
    model: type[M], network: Network, data: Mapping[str, Any], fields: Iterable[str], actor: AnyUser
) -> M:
    plain, _unused = _plain(data, fields)
    current = _require_editable(network, actor)
    obj = model(network=current, **plain)
    _save(obj, actor=actor, creating=True)
    record_create(obj, actor=actor)
    return obj


def _update_child(
    obj: C,
    data: Mapping[str, Any],
    fields: Iterable[str],
    actor: AnyUser,
    m2m: Iterable[str] = (),
    machine: StateMachine | None = None,
) -> C:
    """Change ``obj``; with a ``machine``, a new status moves through it (row lock, re-read)."""
    plain, related = _plain(data, fields, m2m)
    _require_editable(obj.network, actor)
    if machine is not None and plain.get(machine.field) is not None:
        # An unchanged status is left as it is; a new one moves through the machine, which
        # locks the row and refuses if someone else changed the status meanwhile.
        target = str(plain.pop(machine.field))
        if target != machine.state_of(obj):
            machine.move(obj, target, actor=actor)
            plain[machine.field] = target
    current = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    before = snapshot(current, m2m=m2m)
    for name, value in plain.items():
        setattr(current, name, value)
    _save(current, actor=actor, creating=False)
    for name, values in related.items():
        getattr(current, name).set(values)
    record_update(current, before, actor=actor, m2m=m2m)
    return current


def _delete_child(obj: NetworkChild, actor: AnyUser) -> None:
    _require_editable(obj.network, actor)
    record_delete(obj, actor=actor)
    obj.delete()


@transaction.atomic
def do_record_auspices(network: Network, data: Mapping[str, Any], *, actor: AnyUser) -> AuspicesAct:
    """Record the act placing the LSR's KIS under the auspices of the wójt/burmistrz/prezydent (Model KSR, II.3,
    local level)."""
    return _create_child(AuspicesAct, network, data, AUSPICES_FIELDS, actor)


@transaction.atomic
def do_delete_auspices(act: AuspicesAct, *, actor: AnyUser) -> None:
    _delete_child(act, actor)


@transaction.atomic
def do_add_team_member(network: Network, data: Mapping[str, Any], *, actor: AnyUser) -> TeamMember:
    if TeamMember.objects.filter(network=network, person=data.get("person")).exists():
        raise ValidationError({"person": [_("This person is already in the team.")]})
    return _create_child(TeamMember, network, data, TEAM_FIELDS, actor)


@transaction.atomic
def do_update_team_member(member: TeamMember, data: Mapping[str, Any], *, actor: AnyUser) -> TeamMember:
    return _update_child(member, data, TEAM_FIELDS, actor)


@transaction.atomic
def do_remove_team_member(member: TeamMember, *, actor: AnyUser) -> None:
    _delete_child(member, actor)


@transaction.atomic
def do_log_assistance(network: Network, data: Mapping[str, Any], *, actor: AnyUser) -> TechnicalAssistance:
    """Record technical assistance the RSR gave to one of its LSRs."""
    return _create_child(TechnicalAssistance, network, data, ASSISTANCE_FIELDS, actor)


@transaction.atomic
def do_update_assistance(entry: TechnicalAssistance, data: Mapping[str, Any], *, actor: AnyUser) -> TechnicalAssistance:
    return _update_child(entry, data, ASSISTANCE_FIELDS, actor)


@transaction.atomic
def do_create_regional_task(network: Network, data: Mapping[str, Any], *, actor: AnyUser) -> RegionalTask:
    """Plan a piece of work on one of the six RPW tasks (it starts as planned)."""
    if data.get("status") not in (None, TaskStatus.PLANNED):
        raise ValidationError({"status": [_("A new task starts as planned.")]})
    return _create_child(RegionalTask, network, data, TASK_FIELDS, actor)


@transaction.atomic
def do_update_regional_task(task: RegionalTask, data: Mapping[str, Any], *, actor: AnyUser) -> RegionalTask:
    """Change a task; a status change goes through ``choices.TASK_MACHINE``."""
    return _update_child(task, data, TASK_FIELDS, actor, machine=TASK_MACHINE)


@transaction.atomic
def do_create_recommendation(network: Network, data: Mapping[str, Any], *, actor: AnyUser) -> Recommendation:
    """Add a recommendation to the KSR knowledge base (it starts as a draft)."""
    plain, related = _plain(data, RECOMMENDATION_FIELDS, RECOMMENDATION_M2M)
    if plain.get("status") not in (None, RecommendationStatus.DRAFT):
        raise ValidationError({"status": [_("A new recommendation starts as a draft.")]})
    sources = related.get("source_lsrs", [])
    _check_sources(sources)
    current = _require_editable(network, actor)
    recommendation = Recommendation(network=current, **plain)
    _save(recommendation, actor=actor, creating=True)
    recommendation.source_lsrs.set(sources)
    record_create(recommendation, actor=actor, m2m=RECOMMENDATION_M2M)
    return recommendation


def _check_sources(lsrs: Iterable[Network]) -> None:
    if any(lsr.level != NetworkLevel.LOCAL for lsr in lsrs):
        raise ValidationError({"source_lsrs": [_("A recommendation is drawn from local networks (LSR) only.")]})


@transaction.atomic
def do_update_recommendation(
    recommendation: Recommendation, data: Mapping[str, Any], *, actor: AnyUser
) -> Recommendation:
    """Change a recommendation; a status change goes through ``choices.RECOMMENDATION_MACHINE``."""
    if "source_lsrs" in data:
        _check_sources(data["source_lsrs"] or [])
    return _update_child(
        recommendation, data, RECOMMENDATION_FIELDS, actor, m2m=RECOMMENDATION_M2M, machine=RECOMMENDATION_MACHINE
    )


__all__ = [
    "do_add_member",
    "do_add_team_member",
    "do_create_network",
    "do_create_recommendation",
    "do_create_regional_task",
    "do_delete_auspices",
    "do_end_membership",
    "do_log_assistance",
    "do_record_auspices",
    "do_remove_team_member",
    "do_update_assistance",
    "do_update_network",
    "do_update_recommendation",
    "do_update_regional_task",
    "do_update_team_member",
]
