"""Reads of the catalogue, always scoped to the user (see ``ksr.accounts.scope``).

- Services, editions and activities (no personal data): the holder KIS/CIS's staff, the
  partner organisation that provides a service, and users who read everything (administrators,
  national analysts).
- Offers: the partner organisation that publishes them and the KIS/CIS they are offered to.
- Bookings, attendance, support instruments and certificates are participant data: only the
  holder organisation's staff (the same rule as ``Case.objects.visible_to``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for
from ksr.core.types import AnyUser

if TYPE_CHECKING:
    from ksr.catalogue.models import (  # noqa: F401 — named in QuerySet["…"]
        Activity,
        Attendance,
        Booking,
        Certificate,
        Edition,
        Offer,
        Service,
        SupportInstrument,
    )

HOLDER_ROLES = (Role.ENTITY_MANAGER, Role.CASE_MANAGER, Role.SPECIALIST)
CATALOGUE_MANAGERS = (Role.ENTITY_MANAGER,)
CASE_WORKERS = (Role.ENTITY_MANAGER, Role.CASE_MANAGER)
CLASS_STAFF = (Role.ENTITY_MANAGER, Role.CASE_MANAGER, Role.SPECIALIST)
PARTNER_ROLES = (Role.PARTNER_REPRESENTATIVE,)


def may_act(user: AnyUser, organisation_id: int | None, roles: tuple[str, ...]) -> bool:
    """Does ``user`` hold one of ``roles`` in ``organisation_id`` (or is a system administrator)?"""
    scope = scope_for(user)
    if not scope.authenticated or organisation_id is None:
        return False
    return scope.has_role(Role.SYSTEM_ADMIN) or organisation_id in scope.organisations_for(*roles)


def holder_ids(user: AnyUser) -> frozenset[int]:
    return scope_for(user).organisations_for(*HOLDER_ROLES)


def partner_ids(user: AnyUser) -> frozenset[int]:
    return scope_for(user).organisations_for(*PARTNER_ROLES)


class ServiceQuerySet(models.QuerySet["Service"]):
    def visible_to(self, user: AnyUser) -> ServiceQuerySet:
        scope = scope_for(user)
        if not scope.authenticated:
            return self.none()
        if scope.everything:
            return self
        return self.filter(models.Q(organisation_id__in=holder_ids(user)) | models.Q(provider_id__in=partner_ids(user)))

    def editable_by(self, user: AnyUser) -> ServiceQuerySet:
        scope = scope_for(user)
        if scope.has_role(Role.SYSTEM_ADMIN):
            return self
        return self.filter(organisation_id__in=scope.organisations_for(*CATALOGUE_MANAGERS))


class OfferQuerySet(models.QuerySet["Offer"]):
    def visible_to(self, user: AnyUser) -> OfferQuerySet:
        scope = scope_for(user)
        if not scope.authenticated:
            return self.none()
        if scope.everything:
            return self
        return self.filter(models.Q(organisation_id__in=partner_ids(user)) | models.Q(holder_id__in=holder_ids(user)))

    def editable_by(self, user: AnyUser) -> OfferQuerySet:
        scope = scope_for(user)
        if scope.has_role(Role.SYSTEM_ADMIN):
            return self
        return self.filter(organisation_id__in=partner_ids(user))

    def with_booking_counts(self) -> OfferQuerySet:
        from ksr.catalogue.choices import CAPACITY_STATUSES

        return self.annotate(
            bookings_count=models.Count("bookings", distinct=True),
            booked_places=models.Sum(
                "bookings__places", filter=models.Q(bookings__status__in=CAPACITY_STATUSES), default=0
            ),
        )


class _HolderDataQuerySet(models.QuerySet[Any]):
    holder_field = "case__organisation_id"

    def visible_to(self, user: AnyUser) -> Any:
        scope = scope_for(user)
        if not scope.authenticated:
            return self.none()
        return self.filter(**{f"{self.holder_field}__in": holder_ids(user)})


class BookingQuerySet(_HolderDataQuerySet):
    pass


class AttendanceQuerySet(_HolderDataQuerySet):
    pass


class SupportInstrumentQuerySet(_HolderDataQuerySet):
    pass


class CertificateQuerySet(_HolderDataQuerySet):
    pass


class EditionQuerySet(models.QuerySet["Edition"]):
    def visible_to(self, user: AnyUser) -> EditionQuerySet:
        scope = scope_for(user)
        if not scope.authenticated:
            return self.none()
        if scope.everything:
            return self
        return self.filter(organisation_id__in=holder_ids(user))


class ActivityQuerySet(models.QuerySet["Activity"]):
    def visible_to(self, user: AnyUser) -> ActivityQuerySet:
        scope = scope_for(user)
        if not scope.authenticated:
            return self.none()
        if scope.everything:
            return self
        return self.filter(edition__organisation_id__in=holder_ids(user))
