"""One FilterSet for the officers' list of register entries, its CSV/XLSX export and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ksr.registers.choices import CreationMode, EntityKind, EntryStatus
from ksr.registers.models import RegisterEntry
from ksr.territory.models import TerritorialUnit


class RegisterEntryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    voivodeship = django_filters.ModelChoiceFilter(
        label=_("Voivodeship"),
        queryset=TerritorialUnit.objects.voivodeships(),
        to_field_name="code",
        empty_label=_("All"),
    )
    entity_kind = django_filters.ChoiceFilter(label=_("Entity"), choices=EntityKind.choices, empty_label=_("All"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=EntryStatus.choices, empty_label=_("All"))
    creation_mode = django_filters.ChoiceFilter(
        label=_("Mode of creation"), choices=CreationMode.choices, empty_label=_("All")
    )
    overdue = django_filters.BooleanFilter(
        label=_("Only overdue notifications"),
        method="filter_overdue",
        widget=django_filters.widgets.BooleanWidget(),
    )

    class Meta:
        model = RegisterEntry
        fields = ["q", "voivodeship", "entity_kind", "status", "creation_mode", "overdue"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["q"].field.widget.input_type = "search"
        self.filters["overdue"].field.widget.choices = [("", _("All")), ("true", _("Yes")), ("false", _("No"))]

    def filter_q(self, queryset: Any, name: str, value: str) -> Any:
        value = (value or "").strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(organisation__name__icontains=value)
            | Q(register_number__icontains=value)
            | Q(founding_body__name__icontains=value)
            | Q(organisation__seat__name__icontains=value)
        )

    def filter_overdue(self, queryset: Any, name: str, value: bool | None) -> Any:
        if value is None:
            return queryset
        overdue = RegisterEntry.objects.overdue().values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)
