"""One FilterSet for the partnership list, its export and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ksr.partnerships.choices import PartnershipForm, PartnershipStatus
from ksr.partnerships.models import Partnership


class PartnershipFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("name or goal")}),
    )
    status = django_filters.MultipleChoiceFilter(label=_("status"), choices=PartnershipStatus.choices)
    form = django_filters.ChoiceFilter(label=_("form"), choices=PartnershipForm.choices)

    class Meta:
        model = Partnership
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        value = (value or "").strip()
        if not value:
            return queryset
        return queryset.filter(name__icontains=value) | queryset.filter(goal__icontains=value)
