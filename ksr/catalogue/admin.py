"""Admin of the catalogue: read-only, for system administrators (writes go through the pages/API services)."""

from __future__ import annotations

from django.contrib import admin

from ksr.catalogue.models import Activity, Attendance, Booking, Certificate, Edition, Offer, Service, SupportInstrument
from ksr.core.admin import ReadOnlyAdmin


@admin.register(Service)
class ServiceAdmin(ReadOnlyAdmin):
    list_display = (
        "name",
        "organisation",
        "area",
        "service_type",
        "dimension",
        "form",
        "mode",
        "provider",
        "is_active",
    )
    list_filter = ("area", "service_type", "dimension", "form", "mode", "is_active")
    search_fields = ("name", "organisation__name", "provider__name")
    list_select_related = ("organisation", "provider")


@admin.register(Offer)
class OfferAdmin(ReadOnlyAdmin):
    list_display = ("title", "organisation", "holder", "kind", "area", "capacity", "available_from", "available_to")
    list_filter = ("kind", "area", "is_active")
    search_fields = ("title", "organisation__name", "holder__name")
    list_select_related = ("organisation", "holder")


@admin.register(Booking)
class BookingAdmin(ReadOnlyAdmin):
    list_display = ("id", "case", "service", "offer", "area", "starts_on", "status")
    list_filter = ("status", "area")
    list_select_related = ("case__participant", "case__organisation", "service", "offer")


@admin.register(Edition)
class EditionAdmin(ReadOnlyAdmin):
    list_display = ("name", "organisation", "starts_on", "ends_on")
    list_select_related = ("organisation",)


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    list_display = ("date", "topic", "hours", "mode", "leader", "edition")
    list_filter = ("mode",)
    list_select_related = ("edition",)


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyAdmin):
    list_display = ("activity", "case", "status")
    list_filter = ("status",)
    list_select_related = ("activity", "case__participant", "case__organisation")


@admin.register(SupportInstrument)
class SupportInstrumentAdmin(ReadOnlyAdmin):
    list_display = ("kind", "barrier", "case", "starts_on", "ends_on", "cost")
    list_filter = ("barrier", "kind")
    list_select_related = ("case__participant", "case__organisation")


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ("number", "case", "issued_on", "months_attended")
    list_select_related = ("case__participant", "case__organisation")
