"""One FilterSet for the survey list, its export and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ksr.surveys.models import Survey


class SurveyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method="filter_q", help_text=_("Title, gmina name or TERYT code prefix.")
    )

    class Meta:
        model = Survey
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value) | Q(gmina__name__icontains=value) | Q(gmina__code__startswith=value)
        )
