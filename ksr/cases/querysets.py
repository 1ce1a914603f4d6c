"""Reads of participants and cases: the privacy rules in one place.

- The holder organisation's staff (KIS/CIS manager, case manager, specialist) read its
  participants, cases, referrals and follow-ups; the manager and case managers write.
- The sender of a referral (the sending user, and staff of the sending organisation) sees only
  the referrals it sent, and of them only the status and the refusal reason
  (``ReferralQuerySet.sent_by_user``); never the participant or the case.
- A partner institution reads a participant only through the privacy app (two consents).
- Above the club (LSR coordinator, region, nation) nobody reads persons: aggregates only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q

from ksr.accounts.choices import Role
from ksr.accounts.models import Membership, User
from ksr.accounts.scope import scope_for
from ksr.cases.choices import CaseStatus
from ksr.core.types import AnyUser

if TYPE_CHECKING:
    from ksr.cases.models import Case, FollowUp, Participant, ParticipantEligibility, Referral  # noqa: F401

# Roles of the holder organisation that read its participants' records.
HOLDER_ROLES = (Role.ENTITY_MANAGER, Role.CASE_MANAGER, Role.SPECIALIST)
# Roles of the holder organisation that write them.
WRITER_ROLES = (Role.ENTITY_MANAGER, Role.CASE_MANAGER)
# Roles that may send a referral on behalf of their organisation.
SENDER_ROLES = (Role.OPS_SOCIAL_WORKER, Role.ENTITY_MANAGER, Role.CASE_MANAGER)


def holder_organisation_ids(user: AnyUser) -> frozenset[int]:
    """Organisations whose participants ``user`` reads."""
    scope = scope_for(user)
    if not scope.authenticated:
        return frozenset()
    return scope.organisations_for(*HOLDER_ROLES)


def writer_organisation_ids(user: AnyUser) -> frozenset[int]:
    """Organisations whose participants ``user`` writes."""
    scope = scope_for(user)
    if not scope.authenticated:
        return frozenset()
    return scope.organisations_for(*WRITER_ROLES)


def case_manager_candidates(organisation_id: int) -> models.QuerySet[User]:
    """Who may manage a case of the organisation: its manager and case managers (active memberships)."""
    staff = Membership.objects.active().filter(organisation_id=organisation_id, role__in=WRITER_ROLES)
    return User.objects.filter(memberships__in=staff).distinct().order_by("last_name", "username")


def sender_organisation_ids(user: AnyUser) -> frozenset[int]:
    scope = scope_for(user)
    if not scope.authenticated:
        return frozenset()
    return scope.organisations_for(*SENDER_ROLES)


class ParticipantQuerySet(models.QuerySet["Participant"]):
    def visible_to(self, user: AnyUser) -> ParticipantQuerySet:
        return self.filter(organisation_id__in=holder_organisation_ids(user))

    def editable_by(self, user: AnyUser) -> ParticipantQuerySet:
        return self.filter(organisation_id__in=writer_organisation_ids(user))

    def possible_duplicates(
        self,
        organisation_id: int,
        *,
        pesel: str = "",
        first_name: str = "",
        last_name: str = "",
        birth_date: Any = None,
    ) -> ParticipantQuerySet:
        """Participants of the organisation with the same PESEL, or the same name and birth date."""
        q = Q(pk__in=[])
        if pesel:
            q |= Q(pesel=pesel)
        if first_name and last_name and birth_date:
            q |= Q(first_name__iexact=first_name.strip(), last_name__iexact=last_name.strip(), birth_date=birth_date)
        return self.filter(q, organisation_id=organisation_id, anonymised_at__isnull=True)


class EligibilityQuerySet(models.QuerySet["ParticipantEligibility"]):
    def visible_to(self, user: AnyUser) -> EligibilityQuerySet:
        return self.filter(participant__organisation_id__in=holder_organisation_ids(user))


class CaseQuerySet(models.QuerySet["Case"]):
    def visible_to(self, user: AnyUser) -> CaseQuerySet:
        return self.filter(organisation_id__in=holder_organisation_ids(user))

    def editable_by(self, user: AnyUser) -> CaseQuerySet:
        return self.filter(organisation_id__in=writer_organisation_ids(user))

    def open(self) -> CaseQuerySet:
        return self.filter(status__in=(CaseStatus.REFERRED, CaseStatus.QUALIFIED, CaseStatus.ACTIVE))


class ReferralQuerySet(models.QuerySet["Referral"]):
    def visible_to(self, user: AnyUser) -> ReferralQuerySet:
        """Referrals received by the user's KIS/CIS (full) or sent by the user or their organisation."""
        return self.filter(Q(organisation_id__in=holder_organisation_ids(user)) | self._sender_q(user))

    def received_by(self, user: AnyUser) -> ReferralQuerySet:
        """Referrals addressed to the KIS/CIS whose participants the user reads (the full record)."""
        return self.filter(organisation_id__in=holder_organisation_ids(user))

    def sent_by_user(self, user: AnyUser) -> ReferralQuerySet:
        """Referrals the user or the user's organisation sent (status and refusal reason only)."""
        return self.filter(self._sender_q(user))

    @staticmethod
    def _sender_q(user: AnyUser) -> Q:
        scope = scope_for(user)
        if not scope.authenticated:
            return Q(pk__in=[])
        return Q(sent_by_id=user.pk) | Q(sender_organisation_id__in=scope.organisations_for(*SENDER_ROLES))


class FollowUpQuerySet(models.QuerySet["FollowUp"]):
    def visible_to(self, user: AnyUser) -> FollowUpQuerySet:
        return self.filter(case__organisation_id__in=holder_organisation_ids(user))

    def editable_by(self, user: AnyUser) -> FollowUpQuerySet:
        return self.filter(case__organisation_id__in=writer_organisation_ids(user))
