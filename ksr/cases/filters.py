"""One FilterSet per list: the page, its export and the API filter the same way."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ksr.cases.choices import CaseStatus, PupProfile, ReferralSource, ReferralStatus
from ksr.cases.models import Case, EligibilityCategory, FollowUp, Participant, Referral
from ksr.core.widgets import DateInput

CASE_STATUS_OF_PARTICIPANT = (
    ("open", _("With an open case")),
    ("exited", _("Exited")),
    ("graduate", _("Graduates")),
)


def search_people(queryset: QuerySet[Any], text: str, prefix: str = "") -> QuerySet[Any]:
    """Every word in the first or last name; digits match the beginning of the PESEL."""
    text = (text or "").strip()
    if not text:
        return queryset
    if text.isdigit():
        return queryset.filter(**{f"{prefix}pesel__startswith": text})
    q = Q()
    for word in text.split():
        q &= Q(**{f"{prefix}first_name__icontains": word}) | Q(**{f"{prefix}last_name__icontains": word})
    return queryset.filter(q)


class ParticipantFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("name or PESEL")}),
    )
    situation = django_filters.ChoiceFilter(
        label=_("situation"), choices=CASE_STATUS_OF_PARTICIPANT, method="filter_situation"
    )
    pup_profile = django_filters.ChoiceFilter(
        label=_("labour office profile"), choices=[c for c in PupProfile.choices if c[0]]
    )
    category = django_filters.ModelChoiceFilter(
        label=_("target group"),
        field_name="eligibilities__category",
        queryset=EligibilityCategory.objects.filter(is_active=True),
    )

    class Meta:
        model = Participant
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return search_people(queryset, value)

    def filter_situation(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        if value == "open":
            return queryset.filter(cases__status__in=(CaseStatus.QUALIFIED, CaseStatus.ACTIVE)).distinct()
        if value == "exited":
            return queryset.filter(cases__status=CaseStatus.EXITED).distinct()
        if value == "graduate":
            return queryset.filter(cases__graduated_at__isnull=False).distinct()
        return queryset


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("participant's name")}),
    )
    status = django_filters.MultipleChoiceFilter(label=_("status"), choices=CaseStatus.choices)
    mine = django_filters.BooleanFilter(label=_("only my cases"), method="filter_mine", widget=forms.CheckboxInput)
    # Ticked: only graduates; unticked or absent: every case (a graduate stays reachable by its club).
    graduate = django_filters.BooleanFilter(label=_("graduates"), method="filter_graduate", widget=forms.CheckboxInput)

    class Meta:
        model = Case
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return search_people(queryset, value, prefix="participant__")

    def filter_mine(self, queryset: QuerySet[Any], name: str, value: bool) -> QuerySet[Any]:
        user = getattr(self.request, "user", None)
        return queryset.filter(case_manager_id=getattr(user, "pk", None)) if value else queryset

    def filter_graduate(self, queryset: QuerySet[Any], name: str, value: bool) -> QuerySet[Any]:
        return queryset.filter(graduated_at__isnull=False) if value else queryset


class ReferralFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(label=_("status"), choices=ReferralStatus.choices)
    source = django_filters.ChoiceFilter(label=_("referred by"), choices=ReferralSource.choices)
    sent_after = django_filters.DateFilter(
        label=_("sent on or after"),
        field_name="sent_on",
        lookup_expr="gte",
        widget=DateInput(),
    )

    class Meta:
        model = Referral
        fields: list[str] = []


class FollowUpFilter(django_filters.FilterSet):
    done = django_filters.BooleanFilter(label=_("done"), field_name="done_on", lookup_expr="isnull", exclude=True)
    due_before = django_filters.DateFilter(label=_("due by"), field_name="due_on", lookup_expr="lte")

    class Meta:
        model = FollowUp
        fields: list[str] = []
