"""Every write about participants, referrals, cases and follow-ups: atomic, checked, audited.

Each function re-checks that ``actor`` may write (``PermissionDenied``), validates
(``ValidationError`` with translated messages; nothing is written on error) and writes audit rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ksr.accounts.models import User
from ksr.accounts.scope import is_system_admin
from ksr.audit.services import Snapshot, record_create, record_update, snapshot
from ksr.cases import notices
from ksr.cases.admission import missing_for_admission, missing_for_cis_admission, missing_for_graduation
from ksr.cases.choices import (
    CASE_MACHINE,
    REFERRAL_MACHINE,
    CaseStatus,
    ExitReason,
    ReferralSource,
    ReferralStatus,
    RefusalReason,
)
from ksr.cases.models import (
    FOLLOW_UP_MONTHS,
    KIS_GRADUATE_MONTHS,
    Case,
    CaseCorrection,
    EligibilityCategory,
    FollowUp,
    Participant,
    ParticipantEligibility,
    Referral,
    add_months,
)
from ksr.cases.querysets import case_manager_candidates, sender_organisation_ids, writer_organisation_ids
from ksr.core.models import Tracked
from ksr.core.types import AnyUser
from ksr.core.validators import not_after_today
from ksr.registry.choices import OrganisationKind
from ksr.registry.models import Organisation

PARTICIPANT_FIELDS = (
    "first_name",
    "last_name",
    "pesel",
    "no_pesel_reason",
    "phone",
    "email",
    "street",
    "postal_code",
    "city",
    "residence_gmina",
    "marital_status",
    "household_size",
    "household_composition",
    "dependent_children",
    "dependent_elderly",
    "dependent_disabled",
    "care_duties",
    "education",
    "qualifications",
    "months_without_work",
    "income_source",
    "material_situation",
    "socio_economic_conditions",
    "pup_profile",
    "health_conditions",
    "disability_degree",
    "addiction_notes",
)
# Birth date and sex are typed in only when there is no PESEL (otherwise derived from it).
PARTICIPANT_NO_PESEL_FIELDS = ("birth_date", "sex")
ELIGIBILITY_FIELDS = ("category", "evidence_type", "evidence_number", "evidence_date", "note")
REFERRAL_FIELDS = (
    "organisation",
    "source",
    "sender_organisation",
    "sender_reference",
    "sent_on",
    "first_name",
    "last_name",
    "pesel",
    "birth_date",
    "contact",
    "justification",
)
OPS_AGREEMENT_FIELDS = ("ops_agreement_organisation", "ops_agreement_date", "ops_agreement_reference")
FOLLOW_UP_FIELDS = ("done_on", "findings", "outcome")
CATEGORY_FIELDS = ("code", "name", "legal_reference", "description", "is_active", "order")
HOLDER_KINDS = (OrganisationKind.KIS, OrganisationKind.CIS)


def _user(actor: AnyUser) -> User | None:
    return actor if isinstance(actor, User) and actor.is_authenticated else None


def _only(data: Mapping[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    return dict(data)


def _require_writer(organisation_id: int, actor: AnyUser) -> None:
    if organisation_id not in writer_organisation_ids(actor):
        raise PermissionDenied(_("You may not change the participants of this organisation."))


def _today() -> dt.date:
    return timezone.localdate()


def _assign(obj: Tracked, values: Mapping[str, Any]) -> None:
    for name, value in values.items():
        setattr(obj, name, value)


def _save_new(obj: Tracked, actor: AnyUser) -> None:
    obj.full_clean()
    obj.save()
    record_create(obj, actor=actor)


def _save_update(obj: Tracked, before: Snapshot, actor: AnyUser, *, clean: bool = False) -> None:
    if clean:
        obj.full_clean()
    obj.updated_by = _user(actor)
    obj.save()
    record_update(obj, before, actor=actor)


# Participants ----------------------------------------------------------------------------------


def _refuse_pesel_duplicate(participant: Participant) -> None:
    if not participant.pesel:
        return
    same = Participant.objects.filter(
        organisation_id=participant.organisation_id, pesel=participant.pesel, anonymised_at__isnull=True
    ).exclude(pk=participant.pk)
    if same.exists():
        raise ValidationError(
            {"pesel": [_("A participant with this PESEL number is already registered in this organisation.")]}
        )


def _save_participant(participant: Participant, actor: AnyUser) -> None:
    participant.full_clean()
    _refuse_pesel_duplicate(participant)
    participant.updated_by = _user(actor)
    participant.save()


@transaction.atomic
def do_create_participant(organisation: Organisation, data: Mapping[str, Any], *, actor: AnyUser) -> Participant:
    """Register a participant of ``organisation`` (a KIS/CIS the actor manages or works in)."""
    _require_writer(organisation.pk, actor)
    values = _only(data, PARTICIPANT_FIELDS + PARTICIPANT_NO_PESEL_FIELDS)
    participant = Participant(organisation=organisation, created_by=_user(actor), **values)
    _save_participant(participant, actor)
    record_create(participant, actor=actor)
    return participant


@transaction.atomic
def do_update_participant(participant: Participant, data: Mapping[str, Any], *, actor: AnyUser) -> Participant:
    _require_writer(participant.organisation_id, actor)
    values = _only(data, PARTICIPANT_FIELDS + PARTICIPANT_NO_PESEL_FIELDS)
    before = snapshot(participant)
    _assign(participant, values)
    _save_participant(participant, actor)
    record_update(participant, before, actor=actor)
    return participant


# Eligibility -----------------------------------------------------------------------------------


@transaction.atomic
def do_add_eligibility(participant: Participant, data: Mapping[str, Any], *, actor: AnyUser) -> ParticipantEligibility:
    """Record that the participant belongs to a target group, with the evidence."""
    _require_writer(participant.organisation_id, actor)
    values = _only(data, ELIGIBILITY_FIELDS)
    category = values.get("category")
    if not isinstance(category, EligibilityCategory) or not category.is_active:
        raise ValidationError({"category": [_("Choose an active target group.")]})
    if participant.eligibilities.filter(category=category).exists():
        raise ValidationError({"category": [_("This target group is already recorded for the participant.")]})
    eligibility = ParticipantEligibility(participant=participant, created_by=_user(actor), **values)
    _save_new(eligibility, actor)
    return eligibility


@transaction.atomic
def do_verify_eligibility(eligibility: ParticipantEligibility, *, actor: AnyUser) -> ParticipantEligibility:
    """The actor confirms having seen the evidence."""
    _require_writer(eligibility.participant.organisation_id, actor)
    if eligibility.verified_at is not None:
        raise ValidationError(_("This eligibility has already been verified."))
    before = snapshot(eligibility)
    eligibility.verified_by = _user(actor)
    eligibility.verified_at = timezone.now()
    _save_update(eligibility, before, actor)
    return eligibility


@transaction.atomic
def do_save_eligibility_category(
    category: EligibilityCategory | None, data: Mapping[str, Any], *, actor: AnyUser
) -> EligibilityCategory:
    """Create or change a target group of the configurable list (system administrators)."""
    if not is_system_admin(actor):
        raise PermissionDenied(_("Only system administrators change the list of target groups."))
    values = _only(data, CATEGORY_FIELDS)
    if category is None:
        category = EligibilityCategory(created_by=_user(actor), **values)
        _save_new(category, actor)
        return category
    before = snapshot(category)
    _assign(category, values)
    _save_update(category, before, actor, clean=True)
    return category


# Cases -----------------------------------------------------------------------------------------


def _check_case_manager(organisation_id: int, user: User | None) -> None:
    if user is None:
        return
    if not case_manager_candidates(organisation_id).filter(pk=user.pk).exists():
        raise ValidationError({"case_manager": [_("The case manager must work in this KIS/CIS.")]})


@transaction.atomic
def do_open_case(
    participant: Participant, *, actor: AnyUser, case_manager: User | None = None, opened_on: dt.date | None = None
) -> Case:
    """Open a qualified case of the participant in its holder organisation."""
    _require_writer(participant.organisation_id, actor)
    if participant.cases.open().exists():
        raise ValidationError(_("The participant already has an open case."))
    _check_case_manager(participant.organisation_id, case_manager)
    case = Case(
        participant=participant,
        organisation_id=participant.organisation_id,
        status=CaseStatus.QUALIFIED,
        case_manager=case_manager,
        responsible_helper=case_manager,
        opened_on=opened_on or _today(),
        created_by=_user(actor),
    )
    _save_new(case, actor)
    return case


@transaction.atomic
def do_assign_case_manager(case: Case, case_manager: User | None, *, actor: AnyUser) -> Case:
    _require_writer(case.organisation_id, actor)
    _check_case_manager(case.organisation_id, case_manager)
    before = snapshot(case)
    case.case_manager = case_manager
    if case.responsible_helper_id is None:
        case.responsible_helper = case_manager
    _save_update(case, before, actor)
    return case


def _admit(case: Case, actor: AnyUser, admitted_on: dt.date | None) -> Case:
    """The case becomes active on the admission day (today by default).

    Refused while the holder may not admit anyone (e.g. a club not yet entered in the voivode's
    register, UZS art. 18 ust. 1): the conditions registered in ``cases.admission``.
    """
    problems = missing_for_admission(case.organisation)
    if problems:
        raise ValidationError(problems)
    not_after_today(admitted_on, Case._meta.get_field("admitted_on").verbose_name, "admitted_on")
    before = snapshot(case)
    CASE_MACHINE.move(case, CaseStatus.ACTIVE, actor=actor)
    case.admitted_on = admitted_on or _today()
    _save_update(case, before, actor)
    return case


@transaction.atomic
def do_start_participation(case: Case, *, actor: AnyUser, admitted_on: dt.date | None = None) -> Case:
    """A KIS takes a qualified participant in (a CIS admits through ``do_admit_to_cis``)."""
    _require_writer(case.organisation_id, actor)
    if case.is_cis:
        raise ValidationError(_("A CIS admits a participant through the admission (IPZS and OPS agreement)."))
    return _admit(case, actor, admitted_on)


@transaction.atomic
def do_record_ops_agreement(case: Case, data: Mapping[str, Any], *, actor: AnyUser) -> Case:
    """Record the agreement of the head of the OPS of the participant's residence (UZS art. 12 ust. 4)."""
    _require_writer(case.organisation_id, actor)
    values = _only(data, OPS_AGREEMENT_FIELDS)
    ops = values.get("ops_agreement_organisation")
    errors: dict[str, list[str]] = {}
    if not isinstance(ops, Organisation) or ops.kind != OrganisationKind.OPS:
        errors["ops_agreement_organisation"] = [_("Choose the social assistance centre (OPS).")]
    if not values.get("ops_agreement_date"):
        errors["ops_agreement_date"] = [_("Give the date of the agreement.")]
    elif values["ops_agreement_date"] > _today():
        errors["ops_agreement_date"] = [_("The date of the agreement cannot be in the future.")]
    if errors:
        raise ValidationError(errors)
    before = snapshot(case)
    _assign(case, values)
    _save_update(case, before, actor)
    return case


@transaction.atomic
def do_admit_to_cis(case: Case, *, actor: AnyUser, admitted_on: dt.date | None = None) -> Case:
    """Admit a participant to a CIS: only after the IPZS is signed AND the OPS head agreed.

    UZS art. 12 ust. 4 (Prawne aspekty, II.2 (organisational model of the CIS)): the CIS manager admits a referred
    person after the
    individual social employment programme is signed, in agreement with the head of the OPS of
    the person's place of residence or stay.
    """
    _require_writer(case.organisation_id, actor)
    if not case.is_cis:
        raise ValidationError(_("Only a social integration centre (CIS) admits participants this way."))
    problems = missing_for_admission(case.organisation) + missing_for_cis_admission(case)
    if not case.has_ops_agreement:
        problems.append(
            _("The agreement of the head of the OPS of the participant's place of residence has not been recorded.")
        )
    if problems:
        raise ValidationError(problems)
    return _admit(case, actor, admitted_on)


@transaction.atomic
def do_exit_case(case: Case, *, actor: AnyUser, reason: str, exited_on: dt.date | None = None, note: str = "") -> Case:
    """End the participation with its reason and schedule the follow-up six months later."""
    _require_writer(case.organisation_id, actor)
    if reason not in ExitReason.values:
        raise ValidationError({"exit_reason": [_("Choose the reason for the exit.")]})
    exited_on = exited_on or _today()
    if case.admitted_on and exited_on < case.admitted_on:
        raise ValidationError({"exited_on": [_("The exit cannot be earlier than the admission.")]})
    if exited_on > _today():
        raise ValidationError({"exited_on": [_("The exit date cannot be in the future.")]})
    before = snapshot(case)
    CASE_MACHINE.move(case, CaseStatus.EXITED, actor=actor)
    case.exited_on = exited_on
    case.exit_reason = reason
    case.exit_note = note
    _save_update(case, before, actor)
    follow_up = FollowUp.objects.create(
        case=case, due_on=add_months(exited_on, FOLLOW_UP_MONTHS), created_by=_user(actor)
    )
    record_create(follow_up, actor=actor)
    return case


@transaction.atomic
def do_transfer_to_cis(
    case: Case, cis: Organisation, *, actor: AnyUser, exited_on: dt.date | None = None, note: str = ""
) -> Referral:
    """Exit the case with "transferred to a CIS" and send a referral of the person to ``cis``."""
    _require_writer(case.organisation_id, actor)
    if cis.kind != OrganisationKind.CIS or not cis.is_active:
        raise ValidationError({"cis": [_("Choose an active social integration centre (CIS).")]})
    if cis.pk == case.organisation_id:
        raise ValidationError({"cis": [_("Choose another CIS.")]})
    do_exit_case(case, actor=actor, reason=ExitReason.TRANSFER_CIS, exited_on=exited_on, note=note)
    participant = case.participant
    referral = Referral(
        organisation=cis,
        source=ReferralSource.OTHER_INSTITUTION,
        sender_organisation_id=case.organisation_id,
        sent_by=_user(actor),
        sent_on=case.exited_on or _today(),
        first_name=participant.first_name,
        last_name=participant.last_name,
        pesel=participant.pesel,
        birth_date=participant.birth_date,
        justification=note,
        from_case=case,
        created_by=_user(actor),
    )
    _save_new(referral, actor)
    return referral


@transaction.atomic
def do_mark_graduate(case: Case, *, actor: AnyUser, graduated_at: dt.date | None = None) -> Case:
    """Give the graduate status (KIS: after at least 6 months of participation, Prawne aspekty, IV.1 (organisational
    standard of the KIS))."""
    _require_writer(case.organisation_id, actor)
    graduated_at = graduated_at or case.exited_on or _today()
    not_after_today(graduated_at, Case._meta.get_field("graduated_at").verbose_name, "graduated_at")
    if case.graduated_at is not None:
        raise ValidationError(_("The participant already has the graduate status."))
    if case.status not in (CaseStatus.ACTIVE, CaseStatus.EXITED) or case.admitted_on is None:
        raise ValidationError(_("Only an admitted participant can become a graduate."))
    earliest = case.graduation_earliest()
    if earliest and graduated_at < earliest:
        raise ValidationError(
            {
                "graduated_at": [
                    _("A KIS graduate must have taken part for at least 6 months (from %(date)s).")
                    % {"date": earliest.isoformat()}
                ]
            }
        )
    if not case.is_cis:
        problems = missing_for_graduation(case, graduated_at)
        if problems:
            raise ValidationError({"graduated_at": problems})
    before = snapshot(case)
    case.graduated_at = graduated_at
    _save_update(case, before, actor)
    return case


@transaction.atomic
def do_correct_admission_date(case: Case, admitted_on: dt.date, *, reason: str, actor: AnyUser) -> CaseCorrection:
    """Correct a wrongly entered admission date: a recorded correction with its reason.

    The status does not move (the case stays active or exited); the case's ``admitted_on`` changes
    and the correction (old date, new date, reason, who) is kept and audited. The corrected date
    must still fit the case: not after today, not after the exit, and a graduate's status must still
    come at least six months after it (KIS).
    """
    _require_writer(case.organisation_id, actor)
    reason = (reason or "").strip()
    errors: dict[str, list[str]] = {}
    if case.admitted_on is None:
        raise ValidationError(_("Only the admission date of an admitted participant can be corrected."))
    if not reason:
        errors["reason"] = [_("Give the reason for the correction.")]
    if admitted_on is None:
        errors["admitted_on"] = [_("Give the correct admission date.")]
    elif admitted_on == case.admitted_on:
        errors["admitted_on"] = [_("This is already the admission date.")]
    elif admitted_on > _today():
        errors["admitted_on"] = [_("The admission date cannot be in the future.")]
    elif case.exited_on and admitted_on > case.exited_on:
        errors["admitted_on"] = [_("The admission cannot be later than the exit.")]
    elif case.graduated_at and not case.is_cis and case.graduated_at < add_months(admitted_on, KIS_GRADUATE_MONTHS):
        errors["admitted_on"] = [
            _("The participant graduated on %(date)s, less than 6 months after this admission date.")
            % {"date": case.graduated_at.isoformat()}
        ]
    if errors:
        raise ValidationError(errors)
    before = snapshot(case)
    correction = CaseCorrection(
        case=case,
        field=CaseCorrection.ADMITTED_ON,
        old_value=case.admitted_on,
        new_value=admitted_on,
        reason=reason,
        created_by=_user(actor),
    )
    _save_new(correction, actor)
    case.admitted_on = admitted_on
    _save_update(case, before, actor)
    return correction


@transaction.atomic
def do_record_follow_up(follow_up: FollowUp, data: Mapping[str, Any], *, actor: AnyUser) -> FollowUp:
    """Record the follow-up: the date it was done, what was found and the outcome."""
    _require_writer(follow_up.case.organisation_id, actor)
    values = _only(data, FOLLOW_UP_FIELDS)
    before = snapshot(follow_up)
    _assign(follow_up, values)
    if follow_up.done_on is None:
        raise ValidationError({"done_on": [_("Give the date of the follow-up.")]})
    if follow_up.case.exited_on and follow_up.done_on < follow_up.case.exited_on:
        raise ValidationError({"done_on": [_("The follow-up cannot be earlier than the exit.")]})
    _save_update(follow_up, before, actor, clean=True)
    return follow_up


# Referrals -------------------------------------------------------------------------------------


@transaction.atomic
def do_send_referral(data: Mapping[str, Any], *, actor: AnyUser) -> Referral:
    """Send (or register) a referral to a KIS/CIS.

    An OPS social worker (or KIS/CIS staff) sends on behalf of their own organisation; the
    receiving KIS/CIS's manager and case managers also register referrals that came on paper
    from a PUP or another institution, or a person who came on their own.
    """
    values = _only(data, REFERRAL_FIELDS)
    target = values.get("organisation")
    if not isinstance(target, Organisation) or target.kind not in HOLDER_KINDS or not target.is_active:
        raise ValidationError({"organisation": [_("Choose an active KIS or CIS.")]})
    sender = values.get("sender_organisation")
    receiving_staff = target.pk in writer_organisation_ids(actor)
    if not receiving_staff and (sender is None or sender.pk not in sender_organisation_ids(actor)):
        raise PermissionDenied(_("You may send referrals only on behalf of your own organisation."))
    if values.get("source") == ReferralSource.SELF:
        values["sender_organisation"] = None
    referral = Referral(sent_by=_user(actor), created_by=_user(actor), status=ReferralStatus.SENT, **values)
    if not referral.sent_on:
        referral.sent_on = _today()
    _save_new(referral, actor)
    notices.referral_received(referral, actor=actor)
    return referral


def _require_decider(referral: Referral, actor: AnyUser) -> None:
    if referral.organisation_id not in writer_organisation_ids(actor):
        raise PermissionDenied(_("Only the receiving KIS/CIS decides on a referral."))


@transaction.atomic
def do_start_review(referral: Referral, *, actor: AnyUser, qualification_team: str = "") -> Referral:
    """The joint OPS–KIS qualification team takes the referral up."""
    _require_decider(referral, actor)
    before = snapshot(referral)
    REFERRAL_MACHINE.move(referral, ReferralStatus.UNDER_REVIEW, actor=actor)
    referral.review_started_on = _today()
    if qualification_team:
        referral.qualification_team = qualification_team
    _save_update(referral, before, actor)
    return referral


def _team(referral: Referral, qualification_team: str) -> None:
    team = (qualification_team or referral.qualification_team).strip()
    if not team:
        raise ValidationError({"qualification_team": [_("Record the members of the qualification team.")]})
    referral.qualification_team = team


@transaction.atomic
def do_accept_referral(
    referral: Referral,
    *,
    actor: AnyUser,
    qualification_team: str = "",
    participant: Participant | None = None,
    case_manager: User | None = None,
    decided_on: dt.date | None = None,
) -> Case:
    """Accept the referral: creates (or links) the participant and opens a qualified case.

    ``decided_on`` records a decision taken earlier (e.g. on paper); it defaults to today.
    """
    _require_decider(referral, actor)
    decided_on = decided_on or _today()
    if decided_on > _today():
        raise ValidationError(_("The decision date cannot be in the future."))
    if referral.sent_on and decided_on < referral.sent_on:
        raise ValidationError(_("The decision date cannot be earlier than the date the referral was sent."))
    before = snapshot(referral)
    REFERRAL_MACHINE.move(referral, ReferralStatus.ACCEPTED, actor=actor)
    _team(referral, qualification_team)
    if participant is None:
        existing = Participant.objects.possible_duplicates(
            referral.organisation_id,
            pesel=referral.pesel,
            first_name=referral.first_name,
            last_name=referral.last_name,
            birth_date=referral.birth_date,
        ).first()
        if existing is not None and referral.pesel and existing.pesel == referral.pesel:
            participant = existing
    if participant is None:
        data: dict[str, Any] = {"first_name": referral.first_name, "last_name": referral.last_name}
        if referral.pesel:
            data["pesel"] = referral.pesel
        else:
            data["no_pesel_reason"] = _("Not given in the referral")
            data["birth_date"] = referral.birth_date
        participant = do_create_participant(referral.organisation, data, actor=actor)
    elif participant.organisation_id != referral.organisation_id:
        raise ValidationError(_("The participant belongs to another organisation."))
    case = do_open_case(participant, actor=actor, case_manager=case_manager, opened_on=decided_on)
    referral.participant = participant
    referral.case = case
    referral.decided_on = decided_on
    referral.decided_by = _user(actor)
    _save_update(referral, before, actor, clean=True)
    notices.referral_decided(referral, actor=actor)
    return case


@transaction.atomic
def do_refuse_referral(
    referral: Referral, *, actor: AnyUser, reason: str, note: str = "", qualification_team: str = ""
) -> Referral:
    """Refuse the referral with a reason (the KIS's right to reject, Model KSR, II.4 „KIS ma własną tożsamość
    instytucjonalną”)."""
    _require_decider(referral, actor)
    before = snapshot(referral)
    REFERRAL_MACHINE.move(referral, ReferralStatus.REFUSED, actor=actor)
    _team(referral, qualification_team)
    if reason not in RefusalReason.values:
        raise ValidationError({"refusal_reason": [_("Choose the reason for the refusal.")]})
    if reason == RefusalReason.OTHER and not note.strip():
        raise ValidationError({"refusal_note": [_("Explain the other reason.")]})
    referral.refusal_reason = reason
    referral.refusal_note = note
    referral.decided_on = _today()
    referral.decided_by = _user(actor)
    _save_update(referral, before, actor, clean=True)
    notices.referral_decided(referral, actor=actor)
    return referral
