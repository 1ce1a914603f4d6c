"""One FilterSet drives the initiatives list, its CSV/XLSX export and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ksr.core.filtering import set_choices
from ksr.core.text import fold
from ksr.pipeline.choices import Stage
from ksr.pipeline.models import Initiative
from ksr.registers.choices import CreationMode, EntityKind
from ksr.territory.choices import UnitLevel
from ksr.territory.models import TerritorialUnit


class InitiativeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Working name or gmina."),
    )
    stage = django_filters.MultipleChoiceFilter(label=_("stage"), choices=Stage.choices)
    entity_kind = django_filters.ChoiceFilter(label=_("entity"), choices=EntityKind.choices)
    creation_mode = django_filters.ChoiceFilter(label=_("mode of creation"), choices=CreationMode.choices)
    voivodeship = django_filters.ChoiceFilter(label=_("voivodeship"), method="filter_voivodeship", choices=[])

    class Meta:
        model = Initiative
        fields = ["q", "stage", "entity_kind", "creation_mode", "voivodeship"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(
            self,
            "voivodeship",
            [
                (u.code, u.name.lower())
                for u in TerritorialUnit.objects.filter(level=UnitLevel.VOIVODESHIP).order_by("code")
            ],
        )

    def filter_q(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        value = (value or "").strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(gmina__name_folded__contains=fold(value)))

    def filter_voivodeship(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(gmina__code__startswith=value) if value else queryset
