"""One FilterSet per list: the pages, their CSV/XLSX export and the API filter the same way."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import F, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ksr.catalogue.choices import (
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
from ksr.catalogue.models import Activity, Booking, Edition, Offer, Service, SupportInstrument
from ksr.core.widgets import DateInput

PROVIDER_CHOICES = (("own", _("the KIS/CIS itself")), ("partner", _("a partner organisation")))
DATE = DateInput()


def _on_day(start: str, end: str, label: str | Promise) -> django_filters.DateFilter:
    """Rows whose ``start``–``end`` span holds the chosen day."""

    def within(queryset: QuerySet[Any], name: str, value: Any) -> QuerySet[Any]:
        return queryset.filter(**{f"{start}__lte": value, f"{end}__gte": value}) if value else queryset

    return django_filters.DateFilter(label=label, method=within, widget=DATE)


class ServiceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method="filter_q", widget=forms.TextInput(attrs={"type": "search"})
    )
    area = django_filters.MultipleChoiceFilter(label=_("area"), choices=ServiceArea.choices)
    service_type = django_filters.ChoiceFilter(label=_("type"), choices=ServiceType.choices)
    dimension = django_filters.ChoiceFilter(label=_("dimension"), choices=Dimension.choices)
    form = django_filters.ChoiceFilter(label=_("form"), choices=ServiceForm.choices)
    mode = django_filters.ChoiceFilter(label=_("individual or group"), choices=Mode.choices)
    provided_by = django_filters.ChoiceFilter(label=_("provider"), choices=PROVIDER_CHOICES, method="filter_provider")

    class Meta:
        model = Service
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        text = (value or "").strip()
        if not text:
            return queryset
        return queryset.filter(Q(name__icontains=text) | Q(provider__name__icontains=text))

    def filter_provider(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        if value == "own":
            return queryset.filter(provider_id=F("organisation_id"))
        if value == "partner":
            return queryset.exclude(provider_id=F("organisation_id"))
        return queryset


class OfferFilter(django_filters.FilterSet):
    area = django_filters.ChoiceFilter(label=_("area"), choices=ServiceArea.choices)
    kind = django_filters.ChoiceFilter(label=_("what is offered"), choices=OfferKind.choices)
    available_on = _on_day("available_from", "available_to", _("available on"))

    class Meta:
        model = Offer
        fields: list[str] = []


class BookingFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("status"), choices=BookingStatus.choices)
    area = django_filters.ChoiceFilter(label=_("area"), choices=ServiceArea.choices)
    case = django_filters.NumberFilter(label=_("case (id)"), field_name="case_id")

    class Meta:
        model = Booking
        fields: list[str] = []


class EditionFilter(django_filters.FilterSet):
    active_on = _on_day("starts_on", "ends_on", _("running on"))

    class Meta:
        model = Edition
        fields: list[str] = []


class ActivityFilter(django_filters.FilterSet):
    topic = django_filters.CharFilter(
        label=_("Topic"), lookup_expr="icontains", widget=forms.TextInput(attrs={"type": "search"})
    )
    edition = django_filters.NumberFilter(label=_("edition (id)"), field_name="edition_id")
    mode = django_filters.ChoiceFilter(label=_("individual or group"), choices=Mode.choices)
    date_from = django_filters.DateFilter(label=_("from"), field_name="date", lookup_expr="gte", widget=DATE)
    date_to = django_filters.DateFilter(label=_("until"), field_name="date", lookup_expr="lte", widget=DATE)

    class Meta:
        model = Activity
        fields: list[str] = []


class SupportInstrumentFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("instrument"), choices=InstrumentKind.choices)
    barrier = django_filters.ChoiceFilter(label=_("barrier"), choices=Barrier.choices)
    case = django_filters.NumberFilter(label=_("case (id)"), field_name="case_id")

    class Meta:
        model = SupportInstrument
        fields: list[str] = []
