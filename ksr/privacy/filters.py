"""One FilterSet per list: the page, its export and the API filter the same way."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ksr.audit.models import AuditEntry
from ksr.cases.models import Participant
from ksr.core.text import fold
from ksr.privacy.aggregates import Breakdown
from ksr.privacy.choices import ConsentStatus
from ksr.privacy.models import Consent
from ksr.privacy.partner import search_partner_participants
from ksr.registry.choices import OrganisationKind
from ksr.registry.filters import search_organisations
from ksr.registry.models import Organisation


class ConsentFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("status"), choices=ConsentStatus.choices)
    participant = django_filters.NumberFilter(label=_("participant (id)"), field_name="participant_id")
    case = django_filters.NumberFilter(label=_("case (id)"), field_name="case_id")
    partner = django_filters.NumberFilter(label=_("partner institution (id)"), field_name="partner_id")
    valid_on = django_filters.DateFilter(label=_("valid on"), method="filter_valid_on")

    class Meta:
        model = Consent
        fields: list[str] = []

    def filter_valid_on(self, queryset: QuerySet[Any], name: str, value: Any) -> QuerySet[Any]:
        return queryset.filter(valid_from__lte=value, valid_until__gte=value) if value else queryset


class PartnerParticipantFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("name or pseudonym")}),
    )

    class Meta:
        model = Participant
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        """The name only where a consent shares it, the pseudonym elsewhere (``privacy.partner``)."""
        user = getattr(self.request, "user", None) or AnonymousUser()
        return search_partner_participants(queryset, user, value)


class ReadAuditFilter(django_filters.FilterSet):
    part = django_filters.CharFilter(label=_("part read"), lookup_expr="icontains")
    actor = django_filters.CharFilter(label=_("who"), field_name="actor_repr", lookup_expr="icontains")
    since = django_filters.DateFilter(label=_("since"), field_name="created_at__date", lookup_expr="gte")
    until = django_filters.DateFilter(label=_("until"), field_name="created_at__date", lookup_expr="lte")

    class Meta:
        model = AuditEntry
        fields: list[str] = []


class AggregateFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("name of the KIS/CIS")}),
    )
    kind = django_filters.ChoiceFilter(
        label=_("kind"),
        choices=[
            (OrganisationKind.KIS.value, OrganisationKind.KIS.label),
            (OrganisationKind.CIS.value, OrganisationKind.CIS.label),
        ],
    )
    breakdown = django_filters.ChoiceFilter(
        label=_("counts by"),
        choices=Breakdown.choices,
        method="filter_breakdown",
        empty_label=None,
        help_text=_("What the participants are counted by."),
    )
    territory = django_filters.CharFilter(
        label=_("TERYT code prefix"),
        field_name="seat__code",
        lookup_expr="startswith",
        help_text=_("For example 14 (voivodeship) or 1465 (powiat)."),
    )

    class Meta:
        model = Organisation
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return search_organisations(queryset, value) if fold(value or "") else queryset

    def filter_breakdown(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset  # chooses the columns (see breakdown_of), filters nothing


def breakdown_of(params: Any) -> str:
    value = (params or {}).get("breakdown", "")
    return value if value in Breakdown.values else Breakdown.STATUS
