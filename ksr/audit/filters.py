"""One FilterSet for the audit trail: the list page, its CSV/XLSX export and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry
from ksr.core.widgets import DateInput


def _ksr_content_types(request: Any = None) -> QuerySet[ContentType]:
    labels = [config.label for config in apps.get_app_configs() if config.name.startswith("ksr.")]
    return ContentType.objects.filter(app_label__in=labels).order_by("app_label", "model")


class ContentTypeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        model = obj.model_class()
        return str(capfirst(model._meta.verbose_name)) if model else str(obj.model)


class ContentTypeFilter(django_filters.ModelChoiceFilter):
    field_class = ContentTypeChoiceField


class AuditEntryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Text"),
        method="filter_text",
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Object, user, object id or part read."),
    )
    action = django_filters.ChoiceFilter(label=_("Action"), choices=AuditAction.choices)
    object_type = ContentTypeFilter(label=_("Object type"), field_name="content_type", queryset=_ksr_content_types)
    actor = django_filters.CharFilter(label=_("Who (username)"), field_name="actor_repr", lookup_expr="icontains")
    date_from = django_filters.DateFilter(
        label=_("From"),
        field_name="created_at",
        lookup_expr="date__gte",
        widget=DateInput(),
    )
    date_to = django_filters.DateFilter(
        label=_("To"), field_name="created_at", lookup_expr="date__lte", widget=DateInput()
    )

    class Meta:
        model = AuditEntry
        fields: list[str] = []

    def filter_text(self, queryset: QuerySet[AuditEntry], name: str, value: str) -> QuerySet[AuditEntry]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(object_repr__icontains=value)
            | Q(actor_repr__icontains=value)
            | Q(object_id=value)
            | Q(part__icontains=value)
        )
