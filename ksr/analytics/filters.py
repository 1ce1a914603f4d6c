"""The FilterSet of the networks analytics list (the page and the API list use it)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ksr.core.filtering import set_choices
from ksr.networks.choices import NetworkLevel
from ksr.networks.models import Network
from ksr.territory.models import TerritorialUnit


def _voivodeship_choices() -> list[tuple[str, str]]:
    return [(u.code, u.name.lower()) for u in TerritorialUnit.objects.current().voivodeships().order_by("code")]


class NetworkAnalyticsFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(
        field_name="name", lookup_expr="icontains", label=_("Name"), help_text=_("A part of the network's name.")
    )
    level = django_filters.ChoiceFilter(
        choices=[(NetworkLevel.LOCAL, NetworkLevel.LOCAL.label), (NetworkLevel.REGIONAL, NetworkLevel.REGIONAL.label)],
        label=_("Level"),
        empty_label=_("LSR and RSR"),
        help_text=_("Local or regional networks."),
    )
    voivodeship = django_filters.ChoiceFilter(
        choices=[],
        method="filter_voivodeship",
        label=_("Voivodeship"),
        empty_label=_("All"),
        help_text=_("Networks in this voivodeship."),
    )

    class Meta:
        model = Network
        fields = ["name", "level", "voivodeship"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "voivodeship", _voivodeship_choices())

    def filter_voivodeship(self, queryset: QuerySet[Network], name: str, value: str) -> QuerySet[Network]:
        return queryset.filter(territory__code__startswith=value) if value else queryset
