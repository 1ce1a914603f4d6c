"""Every write of the partnerships app: atomic, permission-checked (the network must be editable
by ``actor``), validated (``ValidationError`` with translated messages; nothing written on error)
and audited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ksr.audit.choices import AuditAction
from ksr.audit.services import record, record_create, record_delete, record_update, snapshot
from ksr.core.files import is_pdf
from ksr.core.models import Tracked
from ksr.core.states import StateMachine
from ksr.core.types import AnyUser
from ksr.networks.choices import NetworkLevel
from ksr.networks.models import Network
from ksr.partnerships.choices import (
    CONCLUSION_MACHINE,
    PACT_MACHINE,
    PACT_MINIMUM_SIGNATORIES,
    PARTNERSHIP_MACHINE,
    ConclusionStatus,
    PactStatus,
    PartnerRole,
    PartnershipStatus,
)
from ksr.partnerships.models import (
    ActionTask,
    AgreementVersion,
    AttitudeAssessment,
    Conclusion,
    Contribution,
    Evaluation,
    Pact,
    PactSignatory,
    Partner,
    Partnership,
    SynergyTeam,
    SynergyTeamMember,
    SynergyTeamTask,
)
from ksr.registry.models import Organisation

M = TypeVar("M", bound=Tracked)

MAX_AGREEMENT_BYTES = 10 * 1024 * 1024

PARTNERSHIP_FIELDS = ("name", "goal", "form", "leader", "plan_from_year", "plan_to_year")
PARTNER_FIELDS = ("role", "role_description", "joined_on")
CONTRIBUTION_FIELDS = ("kind", "description", "value")
TASK_FIELDS = ("title", "owner", "responsible_person", "year", "quarter", "starts_on", "ends_on", "status")
EVALUATION_FIELDS = ("held_on", "findings")
CONCLUSION_FIELDS = ("text", "assignee", "due_on")
PACT_FIELDS = ("title", "original_keeper", "copies")
TEAM_FIELDS = (
    "name",
    "formed_by_kind",
    "formed_by_body",
    "act_number",
    "act_date",
    "chosen_form",
    "chosen_on",
    "form_note",
)
MEMBER_FIELDS = ("organisation", "person_name", "function", "joined_on")
TEAM_TASK_FIELDS = ("kind", "description", "due_on", "status")
ATTITUDE_FIELDS = ("organisation", "assessed_on", "attitude", "note")


def _user(actor: AnyUser) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _plain(data: Mapping[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    allowed = set(fields)
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    return dict(data)


def may_edit_network(network: Network, actor: AnyUser) -> bool:
    return Network.objects.editable_by(actor).filter(pk=network.pk).exists()


def _require_network(network: Network, actor: AnyUser) -> None:
    if not may_edit_network(network, actor):
        raise PermissionDenied(_("You may not change the partnerships of this network."))


def _check_visible_organisation(organisation: Organisation | None, actor: AnyUser, field: str) -> None:
    if organisation is not None and not Organisation.objects.visible_to(actor).filter(pk=organisation.pk).exists():
        raise ValidationError({field: _("Choose an organisation you can see.")})


def _save_new(obj: Tracked, *, actor: AnyUser) -> None:
    obj.full_clean()
    obj.created_by = obj.updated_by = _user(actor)
    obj.save()
    record_create(obj, actor=actor)


def _save_changes(obj: Tracked, data: Mapping[str, Any], *, actor: AnyUser) -> None:
    before = snapshot(obj)
    for name, value in data.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.updated_by = _user(actor)
    obj.save()
    record_update(obj, before, actor=actor)


def _create(network: Network, obj: M, data: Mapping[str, Any], fields: Iterable[str], *, actor: AnyUser) -> M:
    """``obj`` (new, tied to its parent) filled with ``data``, validated, saved and audited."""
    plain = _plain(data, fields)
    _require_network(network, actor)
    for name, value in plain.items():
        setattr(obj, name, value)
    _save_new(obj, actor=actor)
    return obj


def _update(
    network: Network,
    obj: M,
    data: Mapping[str, Any],
    fields: Iterable[str],
    *,
    actor: AnyUser,
    check: Callable[[M, dict[str, Any]], None] | None = None,
) -> M:
    """The current row of ``obj`` (locked) changed by ``data``, validated, saved and audited. A new
    status moves through the model's machine first (refused if someone else changed it meanwhile)."""
    plain = _plain(data, fields)
    _require_network(network, actor)
    machine: StateMachine | None = getattr(obj, "state_machine", None)
    if machine is not None and plain.get(machine.field) not in (None, machine.state_of(obj)):
        machine.move(obj, plain[machine.field], actor=actor)
    current: M = _reload(type(obj), obj.pk)
    if check is not None:
        check(current, plain)
    _save_changes(current, plain, actor=actor)
    return current


def _reload(model: type[models.Model], pk: Any) -> Any:
    return model._default_manager.select_for_update().get(pk=pk)


# Partnerships -----------------------------------------------------------------------------


def _require_open(partnership: Partnership) -> None:
    if partnership.status == PartnershipStatus.DISSOLVED:
        raise ValidationError(_("The partnership is dissolved; it can no longer be changed."))


@transaction.atomic
def do_create_partnership(network: Network, data: Mapping[str, Any], *, actor: AnyUser) -> Partnership:
    """Create a partnership in ``network``; in an LSR its KIS (the main node) leads it, always."""
    plain = _plain(data, PARTNERSHIP_FIELDS)
    _require_network(network, actor)
    if network.level == NetworkLevel.LOCAL or not plain.get("leader"):
        plain["leader"] = network.main_node
    partnership = Partnership(network=network, **plain)
    _save_new(partnership, actor=actor)
    leader = Partner(partnership=partnership, organisation=partnership.leader, role=PartnerRole.LEADER)
    _save_new(leader, actor=actor)
    return partnership


@transaction.atomic
def do_update_partnership(partnership: Partnership, data: Mapping[str, Any], *, actor: AnyUser) -> Partnership:
    plain = _plain(data, PARTNERSHIP_FIELDS)
    _require_network(partnership.network, actor)
    current = _reload(Partnership, partnership.pk)
    _require_open(current)
    old_leader_id = current.leader_id
    _save_changes(current, plain, actor=actor)
    if current.leader_id != old_leader_id:
        for partner in current.partners.filter(role=PartnerRole.LEADER, left_on__isnull=True):
            _save_changes(partner, {"role": PartnerRole.PARTNER}, actor=actor)
        row = current.partners.filter(organisation_id=current.leader_id, left_on__isnull=True).first()
        if row is None:
            _save_new(Partner(partnership=current, organisation=current.leader, role=PartnerRole.LEADER), actor=actor)
        else:
            _save_changes(row, {"role": PartnerRole.LEADER}, actor=actor)
    return current


def _move(machine: StateMachine, obj: Any, status: str, changes: Mapping[str, Any], *, actor: AnyUser) -> Any:
    """Move ``obj`` to ``status`` through ``machine`` (row lock, re-read, guard), then save ``changes``."""
    machine.move(obj, status, actor=actor)
    current = _reload(type(obj), obj.pk)
    _save_changes(current, {machine.field: status, **changes}, actor=actor)
    return current


@transaction.atomic
def do_transition_partnership(
    partnership: Partnership, status: str, *, actor: AnyUser, on: dt.date | None = None
) -> Partnership:
    """Move the partnership along its lifecycle (``choices.PARTNERSHIP_MACHINE``)."""
    _require_network(partnership.network, actor)
    day = on or timezone.localdate()
    changes: dict[str, Any] = {}
    if status == PartnershipStatus.SIGNED:
        changes["signed_on"] = day
    elif status == PartnershipStatus.DISSOLVED:
        changes["dissolved_on"] = day
    elif status == PartnershipStatus.DRAFT:
        changes["signed_on"] = None
    result: Partnership = _move(PARTNERSHIP_MACHINE, partnership, status, changes, actor=actor)
    return result


# Partners and contributions ---------------------------------------------------------------


@transaction.atomic
def do_add_partner(
    partnership: Partnership, organisation: Organisation, data: Mapping[str, Any], *, actor: AnyUser
) -> Partner:
    plain = _plain(data, PARTNER_FIELDS)
    _require_network(partnership.network, actor)
    _require_open(partnership)
    _check_visible_organisation(organisation, actor, "organisation")
    if partnership.partners.filter(organisation=organisation, left_on__isnull=True).exists():
        raise ValidationError({"organisation": _("This organisation is already a partner.")})
    partner = Partner(partnership=partnership, organisation=organisation, **plain)
    _save_new(partner, actor=actor)
    return partner


@transaction.atomic
def do_update_partner(partner: Partner, data: Mapping[str, Any], *, actor: AnyUser) -> Partner:
    return _update(partner.partnership.network, partner, data, PARTNER_FIELDS, actor=actor)


@transaction.atomic
def do_remove_partner(partner: Partner, *, actor: AnyUser, on: dt.date | None = None) -> Partner:
    """The partner leaves (dated; its row and contributions stay as history). The leader cannot."""
    _require_network(partner.partnership.network, actor)
    current = _reload(Partner, partner.pk)
    if current.organisation_id == current.partnership.leader_id:
        raise ValidationError(_("The leader cannot leave the partnership."))
    if current.left_on:
        raise ValidationError(_("This partner has already left."))
    _save_changes(current, {"left_on": on or timezone.localdate()}, actor=actor)
    return current


@transaction.atomic
def do_add_contribution(partner: Partner, data: Mapping[str, Any], *, actor: AnyUser) -> Contribution:
    return _create(partner.partnership.network, Contribution(partner=partner), data, CONTRIBUTION_FIELDS, actor=actor)


@transaction.atomic
def do_delete_contribution(contribution: Contribution, *, actor: AnyUser) -> None:
    _require_network(contribution.partner.partnership.network, actor)
    record_delete(contribution, actor=actor)
    contribution.delete()


# Agreement -------------------------------------------------------------------------------


def validate_pdf(upload: UploadedFile) -> None:
    """A PDF (parsed by ``core.files.is_pdf``, not judged by its first bytes) within the size limit."""
    size = upload.size or 0
    if size > MAX_AGREEMENT_BYTES:
        raise ValidationError(
            {"file": _("The file is too large (%(size)d MB at most).") % {"size": MAX_AGREEMENT_BYTES // (1024 * 1024)}}
        )
    if size == 0 or not is_pdf(upload):
        raise ValidationError({"file": _("The file is not a PDF document. Upload the agreement as a PDF.")})


@transaction.atomic
def do_upload_agreement(
    partnership: Partnership,
    upload: UploadedFile,
    *,
    actor: AnyUser,
    signed_on: dt.date | None = None,
    note: str = "",
) -> AgreementVersion:
    """Store a new version of the agreement (numbered 1, 2, …); older versions are kept."""
    _require_network(partnership.network, actor)
    current = _reload(Partnership, partnership.pk)
    validate_pdf(upload)
    number = (current.agreement_versions.aggregate(n=models.Max("number"))["n"] or 0) + 1
    version = AgreementVersion(
        partnership=current,
        number=number,
        original_name=(getattr(upload, "name", "") or "")[:255],
        size=upload.size or 0,
        uploaded_by=_user(actor),
        signed_on=signed_on,
        note=note,
    )
    version.file.save(f"v{number}.pdf", upload, save=False)
    try:
        version.full_clean()
        version.created_by = version.updated_by = _user(actor)
        version.save()
    except Exception:
        version.file.delete(save=False)
        raise
    # The file field is recorded by its stored name (the audit snapshot takes plain values only).
    values = snapshot_without_file(version)
    record(AuditAction.CREATE, version, actor=actor, changes={k: [None, v] for k, v in values.items()})
    return version


def snapshot_without_file(version: AgreementVersion) -> dict[str, Any]:
    data: dict[str, Any] = {"file": version.file.name}
    for name in ("partnership_id", "number", "original_name", "size", "uploaded_by_id", "note"):
        data[name] = getattr(version, name)
    data["signed_on"] = version.signed_on.isoformat() if version.signed_on else None
    data["uploaded_at"] = version.uploaded_at.isoformat()
    return data


# Action plan ------------------------------------------------------------------------------


def _check_owner(partnership: Partnership, owner: Organisation | None, field: str) -> None:
    if owner is not None and not partnership.partners.filter(organisation=owner, left_on__isnull=True).exists():
        raise ValidationError({field: _("Choose one of the partnership's current partners.")})


@transaction.atomic
def do_create_task(partnership: Partnership, data: Mapping[str, Any], *, actor: AnyUser) -> ActionTask:
    plain = _plain(data, TASK_FIELDS)
    _require_network(partnership.network, actor)
    _require_open(partnership)
    _check_owner(partnership, plain.get("owner"), "owner")
    task = ActionTask(partnership=partnership, **plain)
    _save_new(task, actor=actor)
    return task


@transaction.atomic
def do_update_task(task: ActionTask, data: Mapping[str, Any], *, actor: AnyUser) -> ActionTask:
    def new_owner_is_a_partner(current: ActionTask, plain: dict[str, Any]) -> None:
        if plain.get("owner") is not None and plain["owner"].pk != current.owner_id:
            _check_owner(current.partnership, plain["owner"], "owner")

    return _update(task.partnership.network, task, data, TASK_FIELDS, actor=actor, check=new_owner_is_a_partner)


# Evaluations and binding conclusions ------------------------------------------------------


@transaction.atomic
def do_create_evaluation(partnership: Partnership, data: Mapping[str, Any], *, actor: AnyUser) -> Evaluation:
    return _create(partnership.network, Evaluation(partnership=partnership), data, EVALUATION_FIELDS, actor=actor)


@transaction.atomic
def do_add_conclusion(evaluation: Evaluation, data: Mapping[str, Any], *, actor: AnyUser) -> Conclusion:
    """A conclusion binds one current partner by a due date."""
    plain = _plain(data, CONCLUSION_FIELDS)
    _require_network(evaluation.partnership.network, actor)
    _check_owner(evaluation.partnership, plain.get("assignee"), "assignee")
    conclusion = Conclusion(evaluation=evaluation, **plain)
    _save_new(conclusion, actor=actor)
    return conclusion


@transaction.atomic
def do_set_conclusion_status(
    conclusion: Conclusion, status: str, *, actor: AnyUser, on: dt.date | None = None
) -> Conclusion:
    """Mark a conclusion done or reopen it (``choices.CONCLUSION_MACHINE``); the same status changes nothing."""
    _require_network(conclusion.evaluation.partnership.network, actor)
    if status not in ConclusionStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    if status == conclusion.status:
        return conclusion
    done_on = (on or timezone.localdate()) if status == ConclusionStatus.DONE else None
    result: Conclusion = _move(CONCLUSION_MACHINE, conclusion, status, {"done_on": done_on}, actor=actor)
    return result


# The MLW Pact -----------------------------------------------------------------------------


@transaction.atomic
def do_create_pact(network: Network, data: Mapping[str, Any], *, actor: AnyUser) -> Pact:
    return _create(network, Pact(network=network), data, PACT_FIELDS, actor=actor)


@transaction.atomic
def do_update_pact(pact: Pact, data: Mapping[str, Any], *, actor: AnyUser) -> Pact:
    plain = _plain(data, PACT_FIELDS)
    _require_network(pact.network, actor)
    current = _reload(Pact, pact.pk)
    if current.status == PactStatus.DISSOLVED:
        raise ValidationError(_("A dissolved Pact can no longer be changed."))
    _save_changes(current, plain, actor=actor)
    return current


def active_signatory_count(pact: Pact) -> int:
    return pact.signatories.filter(withdrawn_on__isnull=True).count()


@transaction.atomic
def do_transition_pact(pact: Pact, status: str, *, actor: AnyUser, on: dt.date | None = None) -> Pact:
    """draft ⇄ consultation → signed (``choices.PACT_MACHINE``); signing needs three active signatories."""
    _require_network(pact.network, actor)
    changes = {"signed_on": on or timezone.localdate()} if status == PactStatus.SIGNED else {}
    result: Pact = _move(PACT_MACHINE, pact, status, changes, actor=actor)
    return result


@transaction.atomic
def do_join_pact(
    pact: Pact,
    organisation: Organisation,
    *,
    actor: AnyUser,
    joined_on: dt.date | None = None,
    representative: str = "",
) -> PactSignatory:
    """An organisation joins the (open) Pact at any time, unless it is dissolved."""
    _require_network(pact.network, actor)
    current = _reload(Pact, pact.pk)
    if current.status == PactStatus.DISSOLVED:
        raise ValidationError(_("The Pact is dissolved; nobody can join it."))
    _check_visible_organisation(organisation, actor, "organisation")
    if current.signatories.filter(organisation=organisation, withdrawn_on__isnull=True).exists():
        raise ValidationError({"organisation": _("This organisation is already a signatory.")})
    signatory = PactSignatory(
        pact=current,
        organisation=organisation,
        representative=representative,
        joined_on=joined_on or timezone.localdate(),
    )
    _save_new(signatory, actor=actor)
    return signatory


@transaction.atomic
def do_withdraw_from_pact(
    signatory: PactSignatory, *, actor: AnyUser, on: dt.date | None = None, reason: str = ""
) -> PactSignatory:
    """A signatory withdraws (dated, kept in the history). A signed Pact left with fewer than
    three active signatories is dissolved at once (Pact §5)."""
    _require_network(signatory.pact.network, actor)
    pact = _reload(Pact, signatory.pact_id)
    current = _reload(PactSignatory, signatory.pk)
    if current.withdrawn_on is not None:
        raise ValidationError(_("This signatory has already withdrawn."))
    day = on or timezone.localdate()
    if day < current.joined_on:
        raise ValidationError({"withdrawn_on": _("A signatory cannot withdraw before joining.")})
    if pact.signed_on and day < pact.signed_on:
        raise ValidationError({"withdrawn_on": _("A signatory cannot withdraw before the Pact was signed.")})
    _save_changes(current, {"withdrawn_on": day, "withdrawal_reason": reason}, actor=actor)
    if pact.status == PactStatus.SIGNED and active_signatory_count(pact) < PACT_MINIMUM_SIGNATORIES:
        changes = {
            "dissolved_on": day,
            "dissolution_reason": _("Fewer than three active signatories remained (Pact §5)."),
        }
        _move(PACT_MACHINE, pact, PactStatus.DISSOLVED, changes, actor=actor)
        record(AuditAction.UPDATE, pact, actor=actor, part="dissolved", changes={})
    return current


# Local Synergy Team -----------------------------------------------------------------------


@transaction.atomic
def do_create_team(network: Network, data: Mapping[str, Any], *, actor: AnyUser) -> SynergyTeam:
    return _create(network, SynergyTeam(network=network), data, TEAM_FIELDS, actor=actor)


@transaction.atomic
def do_update_team(team: SynergyTeam, data: Mapping[str, Any], *, actor: AnyUser) -> SynergyTeam:
    return _update(team.network, team, data, TEAM_FIELDS, actor=actor)


@transaction.atomic
def do_add_team_member(team: SynergyTeam, data: Mapping[str, Any], *, actor: AnyUser) -> SynergyTeamMember:
    plain = _plain(data, MEMBER_FIELDS)
    _require_network(team.network, actor)
    _check_visible_organisation(plain.get("organisation"), actor, "organisation")
    member = SynergyTeamMember(team=team, **plain)
    _save_new(member, actor=actor)
    return member


@transaction.atomic
def do_end_team_membership(
    member: SynergyTeamMember, *, actor: AnyUser, on: dt.date | None = None
) -> SynergyTeamMember:
    _require_network(member.team.network, actor)
    current = _reload(SynergyTeamMember, member.pk)
    if current.left_on:
        raise ValidationError(_("This member has already left."))
    _save_changes(current, {"left_on": on or timezone.localdate()}, actor=actor)
    return current


@transaction.atomic
def do_create_team_task(team: SynergyTeam, data: Mapping[str, Any], *, actor: AnyUser) -> SynergyTeamTask:
    return _create(team.network, SynergyTeamTask(team=team), data, TEAM_TASK_FIELDS, actor=actor)


@transaction.atomic
def do_update_team_task(task: SynergyTeamTask, data: Mapping[str, Any], *, actor: AnyUser) -> SynergyTeamTask:
    return _update(task.team.network, task, data, TEAM_TASK_FIELDS, actor=actor)


# Stakeholder attitudes --------------------------------------------------------------------


@transaction.atomic
def do_record_attitude(network: Network, data: Mapping[str, Any], *, actor: AnyUser) -> AttitudeAssessment:
    plain = _plain(data, ATTITUDE_FIELDS)
    _require_network(network, actor)
    _check_visible_organisation(plain.get("organisation"), actor, "organisation")
    organisation = plain.get("organisation")
    if (
        organisation is not None
        and plain.get("assessed_on")
        and AttitudeAssessment.objects.filter(
            network=network, organisation=organisation, assessed_on=plain["assessed_on"]
        ).exists()
    ):
        raise ValidationError({"assessed_on": _("This organisation was already assessed on that day.")})
    assessment = AttitudeAssessment(network=network, **plain)
    _save_new(assessment, actor=actor)
    return assessment
