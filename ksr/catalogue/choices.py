"""Classifications of the service catalogue, bookings, attendance and support instruments.

Sources: Model KSR, introduction, II.1 (the four sectors of the new service profile), Model KSR, I.5, II.4 „Oferta KIS
oparta na usługach reintegracji społecznej” (service types and the
three dimensions of social reintegration), Model KSR, II.4 „KIS oferuje długoterminowe wsparcie”, principles of the KIS
(barriers and support
instruments), Model KSR, II.4 „Oferta KIS oparta na usługach reintegracji społecznej” (service forms); Model KSR, I.5,
introduction, II.1, II.4 „Oferta KIS oparta na usługach reintegracji społecznej”, „KIS przełamuje bariery uczestnictwa”.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ksr.core.states import StateMachine


class ServiceType(models.TextChoices):
    """Basic catalogue of reintegration services (Model KSR, I.5)."""

    BREAKING_THROUGH = "breaking_through", _("Service for breaking through")
    BUILDING = "building", _("Service for building")
    CASE_MANAGEMENT = "case_management", _("Case management")


class Dimension(models.TextChoices):
    """Dimensions of social reintegration (Model KSR, II.4 „Oferta KIS oparta na usługach reintegracji społecznej”)."""

    COMPENSATORY = "compensatory", _("Compensatory")
    PREVENTIVE = "preventive", _("Preventive")
    PROMOTIONAL = "promotional", _("Promotional")


class ServiceArea(models.TextChoices):
    """The four sectors of the new service profile, then the classic areas (Model KSR, introduction, II.1)."""

    EDUCATION = "education", _("General education")
    CULTURE = "culture", _("Culture and national heritage")
    HEALTH = "health", _("Health prevention")
    SPORT = "sport", _("Sport and recreation")
    SOCIAL_ASSISTANCE = "social_assistance", _("Social assistance")
    LABOUR_MARKET = "labour_market", _("Labour market")
    VOCATIONAL = "vocational", _("Vocational reintegration")


# The new service profile is a mandatory block of every participant's plan (Model KSR, introduction, II.1).
NEW_PROFILE_AREAS: tuple[str, ...] = (
    ServiceArea.EDUCATION,
    ServiceArea.CULTURE,
    ServiceArea.HEALTH,
    ServiceArea.SPORT,
)


class ServiceForm(models.TextChoices):
    """Forms of services (Model KSR, II.4 „Oferta KIS oparta na usługach reintegracji społecznej”), plus an
    internship."""

    DIAGNOSIS_MEETING = "diagnosis_meeting", _("Diagnosis meeting")
    WORKSHOP = "workshop", _("Workshop")
    TRAINING = "training", _("Training")
    INDIVIDUAL_SESSION = "individual_session", _("Individual session")
    THERAPY_GROUP = "therapy_group", _("Therapy group")
    SELF_HELP_GROUP = "self_help_group", _("Self-help group")
    INTERPERSONAL_TRAINING = "interpersonal_training", _("Interpersonal training")
    INTEGRATION_EVENT = "integration_event", _("Integration event")
    CHARITY_ACTION = "charity_action", _("Charity action")
    SPORTS_CULTURAL_SERVICE = "sports_cultural_service", _("Sports or cultural service")
    INTERNSHIP = "internship", _("Internship")
    CONSULTATION = "consultation", _("Consultation")
    OTHER = "other", _("Other")


class Mode(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    GROUP = "group", _("Group")


class OfferKind(models.TextChoices):
    """What a partner can give (issue 4): specialists, places, rooms, equipment, dates."""

    SPECIALIST = "specialist", _("Specialist's time")
    PLACES = "places", _("Places in classes")
    ROOM = "room", _("Room")
    EQUIPMENT = "equipment", _("Equipment")
    DATES = "dates", _("Dates of an event")


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("booking status", "Requested")
    CONFIRMED = "confirmed", pgettext_lazy("booking status", "Confirmed")
    COMPLETED = "completed", pgettext_lazy("booking status", "Completed")
    CANCELLED = "cancelled", pgettext_lazy("booking status", "Cancelled")


# The booking lifecycle: the declared moves; every other pair is refused.
BOOKING_MACHINE = StateMachine(
    BookingStatus,
    {
        BookingStatus.REQUESTED: {BookingStatus.CONFIRMED, BookingStatus.CANCELLED},
        BookingStatus.CONFIRMED: {BookingStatus.COMPLETED, BookingStatus.CANCELLED},
        BookingStatus.COMPLETED: set(),
        BookingStatus.CANCELLED: set(),
    },
)
# Bookings that count for the new-profile coverage and take an offer's capacity.
LIVE_BOOKING_STATUSES: tuple[str, ...] = (BookingStatus.REQUESTED, BookingStatus.CONFIRMED, BookingStatus.COMPLETED)
CAPACITY_STATUSES: tuple[str, ...] = (BookingStatus.REQUESTED, BookingStatus.CONFIRMED)


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Excused")


class Barrier(models.TextChoices):
    """Participation barriers (Model KSR, II.4, principles of the KIS, „KIS przełamuje bariery uczestnictwa”)."""

    CARE = "care", _("Care for dependants")
    TRANSPORT = "transport", _("Distance and transport")


class InstrumentKind(models.TextChoices):
    """Support instruments that break barriers (Model KSR, II.4 „KIS przełamuje bariery uczestnictwa”, „KIS oferuje
    długoterminowe wsparcie”)."""

    KINDERGARTEN_SUBSIDY = "kindergarten_subsidy", _("Kindergarten fee subsidy")
    DAY_ROOM = "day_room", _("Community day-room")
    ONSITE_CARE = "onsite_care", _("Care for dependants at the KIS premises")
    GRADUATE_CARE = "graduate_care", _("Care by KIS graduates")
    TRANSPORT = "transport", _("Transport to the facility")
    TRAVEL_REFUND = "travel_refund", _("Travel cost refund")
    CAR_POOLING = "car_pooling", _("Shared travel (car-pooling)")
    BIKE_LOAN = "bike_loan", _("KIS bicycle lent for a season")
    TICKET_FOR_TICKET = "ticket_for_ticket", _("“Ticket for ticket”")


INSTRUMENT_BARRIER: dict[str, str] = {
    InstrumentKind.KINDERGARTEN_SUBSIDY: Barrier.CARE,
    InstrumentKind.DAY_ROOM: Barrier.CARE,
    InstrumentKind.ONSITE_CARE: Barrier.CARE,
    InstrumentKind.GRADUATE_CARE: Barrier.CARE,
    InstrumentKind.TRANSPORT: Barrier.TRANSPORT,
    InstrumentKind.TRAVEL_REFUND: Barrier.TRANSPORT,
    InstrumentKind.CAR_POOLING: Barrier.TRANSPORT,
    InstrumentKind.BIKE_LOAN: Barrier.TRANSPORT,
    InstrumentKind.TICKET_FOR_TICKET: Barrier.TRANSPORT,
}
