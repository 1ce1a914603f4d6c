"""One FilterSet per list: the UI list, its CSV/XLSX export and the API filter the same way."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ksr.core.collation import polish
from ksr.core.filtering import set_choices
from ksr.core.text import fold
from ksr.registry.choices import OperatingLevel, OrganisationKind, SectorCode, StaffFunction, StakeholderType
from ksr.registry.models import Organisation, Person
from ksr.territory.cached import unit_choices
from ksr.territory.choices import UnitLevel
from ksr.territory.models import TerritorialUnit

ACTIVE_CHOICES = (("true", _("Active")), ("false", _("Inactive")))


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def search_organisations(queryset: QuerySet[Any], text: str, prefix: str = "") -> QuerySet[Any]:
    """Diacritics-insensitive search in name and short name, and in NIP, REGON and KRS."""
    text = (text or "").strip()
    if not text:
        return queryset
    q = Q(**{f"{prefix}name_folded__contains": fold(text)})
    digits = _digits(text)
    if digits and len(digits) >= 3 and not any(ch.isalpha() for ch in text.upper().removeprefix("PL")):
        q |= Q(**{f"{prefix}nip__startswith": digits})
        q |= Q(**{f"{prefix}regon__startswith": digits})
        q |= Q(**{f"{prefix}krs__endswith": digits.lstrip("0") or digits})
    return queryset.filter(q)


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("name, NIP, REGON or KRS")}),
    )
    kind = django_filters.MultipleChoiceFilter(label=_("kind"), choices=OrganisationKind.choices)
    stakeholder_type = django_filters.ChoiceFilter(label=_("stakeholder type"), choices=StakeholderType.choices)
    sector = django_filters.ChoiceFilter(label=_("sector"), field_name="sectors__code", choices=SectorCode.choices)
    voivodeship = django_filters.ChoiceFilter(label=_("voivodeship"), method="filter_territory", choices=[])
    powiat = django_filters.ChoiceFilter(label=_("powiat"), method="filter_territory", choices=[])
    gmina = django_filters.ChoiceFilter(label=_("gmina"), method="filter_territory", choices=[])
    operating_level = django_filters.ChoiceFilter(label=_("operating level"), choices=OperatingLevel.choices)
    active = django_filters.TypedChoiceFilter(
        label=_("active"),
        field_name="is_active",
        choices=ACTIVE_CHOICES,
        coerce=lambda value: value == "true",
    )

    class Meta:
        model = Organisation
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_choices(self, "voivodeship", unit_choices(UnitLevel.VOIVODESHIP))  # cached, not rebuilt per request
        set_choices(self, "powiat", unit_choices(UnitLevel.POWIAT))
        # Gminas: only those where the listed organisations have their seat (a short list).
        seat_ids = self.queryset.order_by().values("seat_id")
        set_choices(
            self,
            "gmina",
            [
                (u.code, u.label_with_powiat)
                for u in TerritorialUnit.objects.filter(pk__in=seat_ids)
                .select_related("parent")
                .order_by(polish("name"), "code")
            ],
        )

    def filter_q(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return search_organisations(queryset, value)

    def filter_territory(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(seat__code__startswith=value) if value else queryset


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("name or organisation")}),
    )
    organisation = django_filters.NumberFilter(label=_("organisation (id)"), field_name="organisation_id")
    function = django_filters.MultipleChoiceFilter(label=_("function"), choices=StaffFunction.choices)
    is_representative = django_filters.BooleanFilter(label=_("represents the organisation"))
    territory = django_filters.CharFilter(
        label=_("TERYT code prefix of the seat"), field_name="organisation__seat__code", lookup_expr="startswith"
    )

    class Meta:
        model = Person
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        text = (value or "").strip()
        if not text:
            return queryset
        q = Q()
        for word in text.split():
            q &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
        return queryset.filter(q | Q(organisation__name_folded__contains=fold(text)))
