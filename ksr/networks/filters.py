"""One FilterSet per list: the UI list, its CSV/XLSX export and the API filter the same way."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ksr.core.filtering import set_choices
from ksr.networks.choices import CreationVariant, NetworkLevel
from ksr.networks.models import Network
from ksr.territory.models import TerritorialUnit

ACTIVE_CHOICES = (("true", _("Active")), ("false", _("Inactive")))


def voivodeship_choices() -> list[tuple[str, str]]:
    return [(u.code, str(u)) for u in TerritorialUnit.objects.current().voivodeships().order_by("code")]


class NetworkFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("name or main node")}),
    )
    level = django_filters.ChoiceFilter(label=_("level"), choices=NetworkLevel.choices)
    voivodeship = django_filters.ChoiceFilter(label=_("voivodeship"), method="filter_voivodeship", choices=[])
    variant = django_filters.ChoiceFilter(
        label=_("creation variant"), field_name="creation_variant", choices=CreationVariant.choices
    )
    active = django_filters.TypedChoiceFilter(
        label=_("active"), field_name="is_active", choices=ACTIVE_CHOICES, coerce=lambda value: value == "true"
    )

    class Meta:
        model = Network
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "voivodeship", voivodeship_choices())

    def filter_q(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        text = (value or "").strip()
        if not text:
            return queryset
        return queryset.filter(Q(name__icontains=text) | Q(main_node__name__icontains=text))

    def filter_voivodeship(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(territory__code__startswith=value) if value else queryset


class LsrOverviewFilter(NetworkFilter):
    """The LSR overview: the same filters without the level (it lists LSRs only)."""

    class Meta:
        model = Network
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters.pop("level", None)
