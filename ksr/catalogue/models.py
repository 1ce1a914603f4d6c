"""Service catalogue, partner offers, bookings, programme editions, activities and attendance,
support instruments and KIS graduate certificates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ksr.catalogue import rules
from ksr.catalogue.choices import (
    BOOKING_MACHINE,
    INSTRUMENT_BARRIER,
    AttendanceStatus,
    Barrier,
    BookingStatus,
    Dimension,
    InstrumentKind,
    Mode,
    OfferKind,
    ServiceArea,
    ServiceForm,
    ServiceType,
)
from ksr.catalogue.querysets import (
    ActivityQuerySet,
    AttendanceQuerySet,
    BookingQuerySet,
    CertificateQuerySet,
    EditionQuerySet,
    OfferQuerySet,
    ServiceQuerySet,
    SupportInstrumentQuerySet,
)
from ksr.core.models import Tracked
from ksr.core.states import HasStateMachine

HOLDER_KINDS = ("kis", "cis")


class Service(Tracked):
    """An entry of a KIS/CIS's catalogue of reintegration services (Model KSR, I.5, II.4 „Oferta KIS oparta na
    usługach reintegracji społecznej”)."""

    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="catalogue_services",
        verbose_name=_("KIS/CIS"),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    service_type = models.CharField(_("type"), max_length=20, choices=ServiceType.choices)
    dimension = models.CharField(_("dimension"), max_length=16, choices=Dimension.choices)
    area = models.CharField(_("area"), max_length=20, choices=ServiceArea.choices, db_index=True)
    form = models.CharField(_("form"), max_length=30, choices=ServiceForm.choices)
    mode = models.CharField(_("individual or group"), max_length=12, choices=Mode.choices)
    provider = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="provided_services",
        verbose_name=_("provider"),
        help_text=_("The KIS/CIS itself or a partner organisation of its local network (LSR)."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["organisation_id", "area", "name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_own(self) -> bool:
        return self.provider_id == self.organisation_id


class Offer(Tracked):
    """What a partner organisation can give a KIS/CIS: specialists, places, rooms, equipment, dates."""

    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="catalogue_offers",
        verbose_name=_("partner organisation"),
    )
    holder = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="received_offers",
        verbose_name=_("offered to (KIS/CIS)"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("what is offered"), max_length=12, choices=OfferKind.choices)
    area = models.CharField(_("area"), max_length=20, choices=ServiceArea.choices, db_index=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), validators=[MinValueValidator(1)], help_text=_("How many participants can be booked at once.")
    )
    available_from = models.DateField(_("available from"))
    available_to = models.DateField(_("available to"))
    is_active = models.BooleanField(_("published"), default=True)

    objects = OfferQuerySet.as_manager()

    audit_organisation_path = "holder"

    class Meta:
        verbose_name = _("partner offer")
        verbose_name_plural = _("partner offers")
        ordering = ["-available_from", "title", "id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.available_from and self.available_to and self.available_to < self.available_from:
            raise ValidationError({"available_to": _("The availability window cannot end before it starts.")})

    def covers(self, start: dt.date, end: dt.date | None) -> bool:
        return self.available_from <= start and (end or start) <= self.available_to


# A booking is made for one participant's plan; a few places cover those who come with them (their
# children, say). More than this is a typing error, not a booking (ADR 0016).
MAX_BOOKING_PLACES = 20


class Booking(HasStateMachine, Tracked):
    """A service or a partner offer booked into a participant's plan by the case manager."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="bookings", verbose_name=_("case"))
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, null=True, blank=True, related_name="bookings", verbose_name=_("service")
    )
    offer = models.ForeignKey(
        Offer, on_delete=models.PROTECT, null=True, blank=True, related_name="bookings", verbose_name=_("partner offer")
    )
    # Copied from the service or offer when booked, so the coverage is one indexed query.
    area = models.CharField(_("area"), max_length=20, choices=ServiceArea.choices, editable=False, db_index=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    places = models.PositiveIntegerField(_("places"), default=1, validators=[MinValueValidator(1)])
    status = models.CharField(
        _("status"), max_length=12, choices=BookingStatus.choices, default=BookingStatus.REQUESTED, db_index=True
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = BookingQuerySet.as_manager()
    state_machine = BOOKING_MACHINE

    audit_organisation_path = "case.organisation"

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["-starts_on", "id"]

    def __str__(self) -> str:
        return str(self.service or self.offer or "—")

    @property
    def booked(self) -> Service | Offer | None:
        return self.service or self.offer

    def clean(self) -> None:
        if bool(self.service_id) == bool(self.offer_id):
            raise ValidationError(_("Book either a service of the catalogue or a partner offer."))
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The booking cannot end before it starts.")})
        if self.places is not None and self.places > MAX_BOOKING_PLACES:
            raise ValidationError(
                {
                    "places": ngettext(
                        "A booking for one participant takes at most %(max)d place.",
                        "A booking for one participant takes at most %(max)d places.",
                        MAX_BOOKING_PLACES,
                    )
                    % {"max": MAX_BOOKING_PLACES}
                }
            )


class Edition(Tracked):
    """An edition of a KIS/CIS programme: the frame of the 40 h/month and 3-month rules."""

    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.PROTECT, related_name="editions", verbose_name=_("KIS/CIS")
    )
    name = models.CharField(_("name"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    needs_diagnosis = models.TextField(
        _("diagnosis of the group's needs"),
        blank=True,
        help_text=_("Why the edition lasts as long as it does (the standard asks for a justification)."),
    )

    objects = EditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme edition")
        verbose_name_plural = _("programme editions")
        ordering = ["-starts_on", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The edition cannot end before it starts.")})

    @property
    def lasts_minimum(self) -> bool:
        return rules.lasts_minimum(self.starts_on, self.ends_on)

    @property
    def minimum_end(self) -> dt.date:
        return rules.add_months(self.starts_on, rules.MIN_EDITION_MONTHS) - dt.timedelta(days=1)

    def monthly_checks(self) -> list[rules.MonthCheck]:
        # Prefetched activities (the API's list) are read in memory, not queried once per edition.
        rows = [(a.date, a.hours, a.mode) for a in self.activities.all()]
        return rules.monthly_checks(self.starts_on, self.ends_on, rows)


class Activity(Tracked):
    """One class of an edition (a class diary entry: date, topic, duration, individual/group)."""

    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="activities", verbose_name=_("programme edition")
    )
    service = models.ForeignKey(
        Service, on_delete=models.SET_NULL, null=True, blank=True, related_name="activities", verbose_name=_("service")
    )
    date = models.DateField(_("date"), db_index=True)
    topic = models.CharField(_("topic"), max_length=300)
    hours = models.DecimalField(
        _("teaching hours"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5"))],
        help_text=_("Duration in teaching hours."),
    )
    mode = models.CharField(_("individual or group"), max_length=12, choices=Mode.choices)
    leader = models.CharField(_("leader"), max_length=200, help_text=_("Who led the class."))

    objects = ActivityQuerySet.as_manager()

    audit_organisation_path = "edition.organisation"

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-date", "id"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.topic}"

    def clean(self) -> None:
        edition = self.edition if self.edition_id else None
        if edition and self.date and not (edition.starts_on <= self.date <= edition.ends_on):
            raise ValidationError({"date": _("The class must take place within the edition's dates.")})
        if edition and self.date and self.hours is not None:
            others = (
                Activity.objects.filter(edition=edition, date=self.date)
                .exclude(pk=self.pk)
                .aggregate(total=models.Sum("hours", default=Decimal(0)))["total"]
            )
            if others + self.hours > rules.MAX_DAILY_HOURS:
                raise ValidationError(
                    {
                        "hours": _(
                            "The classes of an edition last at most %(max)s teaching hours a day; "
                            "this day has %(booked)s already."
                        )
                        % {"max": number_format(rules.MAX_DAILY_HOURS), "booked": number_format(others)}
                    }
                )


class Attendance(Tracked):
    """A participant's presence at a class (the attendance list)."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("activity")
    )
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="attendance", verbose_name=_("case"))
    status = models.CharField(_("attendance"), max_length=8, choices=AttendanceStatus.choices)

    objects = AttendanceQuerySet.as_manager()

    audit_organisation_path = "case.organisation"

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["activity_id", "id"]
        constraints = [models.UniqueConstraint(fields=["activity", "case"], name="catalogue_attendance_once")]

    def __str__(self) -> str:
        return f"{self.activity} — {self.get_status_display()}"

    def clean(self) -> None:
        activity = self.activity if self.activity_id else None
        if activity is not None and activity.date > timezone.localdate():
            raise ValidationError(
                _("Attendance is marked only for a class that has taken place (this one is on %(date)s).")
                % {"date": date_format(activity.date, "SHORT_DATE_FORMAT")}
            )


class SupportInstrument(Tracked):
    """A support instrument breaking a participation barrier (principle 11), with its cost."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="support_instruments", verbose_name=_("case")
    )
    kind = models.CharField(_("instrument"), max_length=24, choices=InstrumentKind.choices)
    barrier = models.CharField(_("barrier"), max_length=12, choices=Barrier.choices, editable=False)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    cost = models.DecimalField(
        _("cost (PLN)"), max_digits=10, decimal_places=2, default=Decimal(0), validators=[MinValueValidator(0)]
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = SupportInstrumentQuerySet.as_manager()

    audit_organisation_path = "case.organisation"

    class Meta:
        verbose_name = _("support instrument")
        verbose_name_plural = _("support instruments")
        ordering = ["-starts_on", "id"]

    def __str__(self) -> str:
        return str(self.get_kind_display())

    def clean(self) -> None:
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The instrument cannot end before it starts.")})

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.barrier = INSTRUMENT_BARRIER.get(self.kind, self.barrier)
        super().save(*args, **kwargs)


class Certificate(Tracked):
    """The KIS graduate certificate (Prawne aspekty, IV.1 (organisational standard of the KIS): only after at least 6
    months of classes)."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, related_name="graduate_certificate", verbose_name=_("case")
    )
    number = models.CharField(_("number"), max_length=40, unique=True)
    issued_on = models.DateField(_("issued on"))
    months_attended = models.PositiveSmallIntegerField(_("months attended"))

    objects = CertificateQuerySet.as_manager()

    audit_organisation_path = "case.organisation"

    class Meta:
        verbose_name = _("KIS graduate certificate")
        verbose_name_plural = _("KIS graduate certificates")
        ordering = ["-issued_on", "id"]

    def __str__(self) -> str:
        return self.number
