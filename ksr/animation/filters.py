"""One FilterSet per list: the page, its CSV/XLSX export and the API filter the same way."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ksr.animation.choices import AnimatorStatus, EventKind, ScenarioCode
from ksr.animation.models import AdviceVisit, AnimationEvent, Animator, ScenarioChoice, ZrarTeam
from ksr.territory.models import TerritorialUnit


def _regions() -> list[tuple[str, str]]:
    return [(u.code, str(u)) for u in TerritorialUnit.objects.current().voivodeships().order_by("code")]


class _RegionFilterSet(django_filters.FilterSet):
    region_field = "region__code"
    region = django_filters.ChoiceFilter(label=_("Voivodeship"), choices=_regions, method="filter_region")

    class Meta:
        fields: list[str] = []  # the declared filters only

    def filter_region(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(**{f"{self.region_field}__startswith": value}) if value else queryset


class TeamFilter(_RegionFilterSet):
    class Meta(_RegionFilterSet.Meta):
        model = ZrarTeam


class AnimatorFilter(_RegionFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=AnimatorStatus.choices)
    name = django_filters.CharFilter(label=_("Name"), field_name="full_name", lookup_expr="icontains")

    class Meta(_RegionFilterSet.Meta):
        model = Animator


class ScenarioChoiceFilter(_RegionFilterSet):
    region_field = "gmina__code"
    scenario = django_filters.ChoiceFilter(label=_("Scenario"), choices=ScenarioCode.choices)

    class Meta(_RegionFilterSet.Meta):
        model = ScenarioChoice


class EventFilter(_RegionFilterSet):
    region_field = "gmina__code"
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=EventKind.choices)
    held_after = django_filters.DateFilter(label=_("From"), field_name="held_on", lookup_expr="gte")
    held_before = django_filters.DateFilter(label=_("To"), field_name="held_on", lookup_expr="lte")

    class Meta(_RegionFilterSet.Meta):
        model = AnimationEvent


class AdviceVisitFilter(_RegionFilterSet):
    region_field = "entity__seat__code"
    adopted_new_profile = django_filters.BooleanFilter(label=_("Adopted the new profile"))

    class Meta(_RegionFilterSet.Meta):
        model = AdviceVisit
