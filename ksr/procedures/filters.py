from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ksr.procedures.choices import CardGroup, NeedKind, RunStatus
from ksr.procedures.models import NeedRequest, ProcedureCard, ProcedureRun

YES_NO = [("true", _("yes")), ("false", _("no"))]


class RunFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("gmina or network")}),
    )
    card = django_filters.ModelChoiceFilter(label=_("card"), queryset=ProcedureCard.objects.all())
    group = django_filters.ChoiceFilter(label=_("group"), field_name="card__group", choices=CardGroup.choices)
    status = django_filters.ChoiceFilter(label=_("status"), method="filter_status", choices=RunStatus.choices)

    class Meta:
        model = ProcedureRun
        fields = ["q", "card", "group", "status"]

    def filter_q(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(Q(gmina__name__icontains=value) | Q(network__name__icontains=value))

    def filter_status(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        if value == RunStatus.IN_PROGRESS:
            return queryset.filter(open_count__gt=0)
        if value == RunStatus.COMPLETED:
            return queryset.filter(open_count=0, done_count__gt=0)
        return queryset.filter(open_count=0, done_count=0)


class NeedRequestFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("kind of need"), choices=NeedKind.choices)
    open = django_filters.TypedChoiceFilter(
        label=_("open"), method="filter_open", choices=YES_NO, coerce=lambda v: v == "true"
    )
    overdue = django_filters.TypedChoiceFilter(
        label=_("answers overdue"), method="filter_overdue", choices=YES_NO, coerce=lambda v: v == "true"
    )

    class Meta:
        model = NeedRequest
        fields = ["kind", "open", "overdue"]

    def filter_open(self, queryset: QuerySet[Any], name: str, value: bool) -> QuerySet[Any]:
        return queryset.filter(closed_on__isnull=value)

    def filter_overdue(self, queryset: QuerySet[Any], name: str, value: bool) -> QuerySet[Any]:
        q = Q(closed_on__isnull=True, answer_by__lt=timezone.localdate(), pending_count__gt=0)
        return queryset.filter(q) if value else queryset.exclude(q)
