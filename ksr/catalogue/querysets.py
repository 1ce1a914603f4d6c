"""Reads of the catalogue, always scoped to the user (see ``ksr.accounts.scope``).

- Services, editions and activities (no personal data): the holder KIS/CIS's staff, the
  partner organisation that provides a service, and users who read everything (administrators,
  national analysts).
- Offers: the partner organisation that publishes them and the KIS/CIS they are offered to.
- Bookings, attendance, support instruments and certificates are participant data: only the
  holder organisation's staff (the same rule as ``Case.objects.visible_to``).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from functools import reduce
from typing import TYPE_CHECKING, ClassVar, Self, TypeVar

from django.db import models

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for
from ksr.catalogue.choices import CAPACITY_STATUSES
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


_M = TypeVar("_M", bound=models.Model)
OrganisationIds = Callable[[AnyUser], frozenset[int]]


class _ScopedQuerySet(models.QuerySet[_M]):
    """``visible_to``: a row is visible when one of its ``scoped_by`` fields names an organisation
    the user acts for (``holder_ids`` or ``partner_ids``); readers of everything see all unless
    the rows are participant data."""

    scoped_by: ClassVar[dict[str, OrganisationIds]] = {}
    participant_data = False

    def visible_to(self, user: AnyUser) -> Self:
        scope = scope_for(user)
        if not scope.authenticated:
            return self.none()
        if scope.everything and not self.participant_data:
            return self
        return self.filter(
            reduce(operator.or_, (models.Q(**{f"{field}__in": ids(user)}) for field, ids in self.scoped_by.items()))
        )


class ServiceQuerySet(_ScopedQuerySet["Service"]):
    scoped_by = {"organisation_id": holder_ids, "provider_id": partner_ids}


class OfferQuerySet(_ScopedQuerySet["Offer"]):
    scoped_by = {"organisation_id": partner_ids, "holder_id": holder_ids}

    def with_booking_counts(self) -> OfferQuerySet:
        return self.annotate(
            bookings_count=models.Count("bookings", distinct=True),
            booked_places=models.Sum(
                "bookings__places", filter=models.Q(bookings__status__in=CAPACITY_STATUSES), default=0
            ),
        )


class EditionQuerySet(_ScopedQuerySet["Edition"]):
    scoped_by = {"organisation_id": holder_ids}


class ActivityQuerySet(_ScopedQuerySet["Activity"]):
    scoped_by = {"edition__organisation_id": holder_ids}


class _HolderDataQuerySet(_ScopedQuerySet[_M]):
    """Participant data: only the holder KIS/CIS's staff, whatever else the user may read."""

    scoped_by = {"case__organisation_id": holder_ids}
    participant_data = True


class BookingQuerySet(_HolderDataQuerySet["Booking"]):
    pass


class AttendanceQuerySet(_HolderDataQuerySet["Attendance"]):
    pass


class SupportInstrumentQuerySet(_HolderDataQuerySet["SupportInstrument"]):
    pass


class CertificateQuerySet(_HolderDataQuerySet["Certificate"]):
    pass
