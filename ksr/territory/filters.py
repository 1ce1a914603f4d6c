"""The one FilterSet of territorial units: the UI list, its CSV/XLSX export and the API use it."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ksr.territory.choices import UnitLevel
from ksr.territory.forms import UnitChoiceField
from ksr.territory.models import TerritorialUnit, TerritorialUnitQuerySet


class UnitFilter(django_filters.Filter):
    """A filter whose value is one unit, typed as a name or TERYT code (see ``UnitChoiceField``)."""

    field_class = UnitChoiceField


class TerritorialUnitFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Name or TERYT code"),
        method="filter_q",
    )
    level = django_filters.ChoiceFilter(label=_("Level"), choices=UnitLevel.choices, empty_label=_("All levels"))
    voivodeship = UnitFilter(
        label=_("Voivodeship"),
        method="filter_within",
        levels=(UnitLevel.VOIVODESHIP,),
        include_retired=True,
        empty_label=_("All voivodeships"),
        help_text="",
    )
    powiat = UnitFilter(
        label=_("Powiat"),
        method="filter_within",
        levels=(UnitLevel.POWIAT,),
        include_retired=True,
        help_text="",  # the shared filter form shows no help texts
    )
    retired = django_filters.BooleanFilter(
        label=_("Include retired units"),
        method="filter_retired",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = TerritorialUnit
        fields = ["q", "level", "voivodeship", "powiat", "retired"]

    @property
    def qs(self) -> QuerySet[TerritorialUnit]:
        qs: QuerySet[TerritorialUnit] = super().qs
        if not self.is_bound:  # the plain list: current units only
            qs = qs.filter(retired_on__isnull=True)
        return qs

    def filter_q(self, queryset: TerritorialUnitQuerySet, name: str, value: str) -> QuerySet[TerritorialUnit]:
        return queryset.search(value)

    def filter_within(
        self, queryset: QuerySet[TerritorialUnit], name: str, value: TerritorialUnit | None
    ) -> QuerySet[TerritorialUnit]:
        if value is None:
            return queryset
        return queryset.filter(code__startswith=value.code)

    def filter_retired(
        self, queryset: QuerySet[TerritorialUnit], name: str, value: bool | None
    ) -> QuerySet[TerritorialUnit]:
        """Units retired from TERYT are hidden unless asked for (``retired=true``)."""
        return queryset if value else queryset.filter(retired_on__isnull=True)
