"""One FilterSet per list: the pages, their CSV/XLSX export and the API filter the same way."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import F, Q, QuerySet
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

PROVIDER_CHOICES = (("own", _("the KIS/CIS itself")), ("partner", _("a partner organisation")))


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
    available_on = django_filters.DateFilter(
        label=_("available on"), method="filter_available", widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = Offer
        fields: list[str] = []

    def filter_available(self, queryset: QuerySet[Any], name: str, value: Any) -> QuerySet[Any]:
        return queryset.filter(available_from__lte=value, available_to__gte=value) if value else queryset


class BookingFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("status"), choices=BookingStatus.choices)
    area = django_filters.ChoiceFilter(label=_("area"), choices=ServiceArea.choices)
    case = django_filters.NumberFilter(label=_("case (id)"), field_name="case_id")

    class Meta:
        model = Booking
        fields: list[str] = []


class EditionFilter(django_filters.FilterSet):
    active_on = django_filters.DateFilter(
        label=_("running on"), method="filter_active", widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = Edition
        fields: list[str] = []

    def filter_active(self, queryset: QuerySet[Any], name: str, value: Any) -> QuerySet[Any]:
        return queryset.filter(starts_on__lte=value, ends_on__gte=value) if value else queryset


class ActivityFilter(django_filters.FilterSet):
    topic = django_filters.CharFilter(
        label=_("Topic"), lookup_expr="icontains", widget=forms.TextInput(attrs={"type": "search"})
    )
    edition = django_filters.NumberFilter(label=_("edition (id)"), field_name="edition_id")
    mode = django_filters.ChoiceFilter(label=_("individual or group"), choices=Mode.choices)
    date_from = django_filters.DateFilter(
        label=_("from"), field_name="date", lookup_expr="gte", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = django_filters.DateFilter(
        label=_("until"), field_name="date", lookup_expr="lte", widget=forms.DateInput(attrs={"type": "date"})
    )

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
