"""FilterSets shared by the API lists (the pages are per case and show everything of it)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from ksr.plans.choices import CardPart, ContractKind, ContractStatus, OutcomeKind, OutcomeType, PlanStatus
from ksr.plans.models import (
    ActionPlan,
    Contract,
    OutcomeAssessment,
    OutcomeEvent,
    PotentialAssessment,
    ServiceCardEntry,
)


class CaseFilter(django_filters.FilterSet):
    case = django_filters.NumberFilter(field_name="case_id", label=_("Case"))


class ContractFilter(CaseFilter):
    kind = django_filters.ChoiceFilter(choices=ContractKind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=ContractStatus.choices, label=_("Status"))

    class Meta:
        model = Contract
        fields = ["case", "kind", "status"]


class ActionPlanFilter(CaseFilter):
    status = django_filters.ChoiceFilter(choices=PlanStatus.choices, label=_("Status"))

    class Meta:
        model = ActionPlan
        fields = ["case", "status"]


class PotentialAssessmentFilter(CaseFilter):
    class Meta:
        model = PotentialAssessment
        fields = ["case"]


class ServiceCardEntryFilter(CaseFilter):
    part = django_filters.ChoiceFilter(choices=CardPart.choices, label=_("Part of the card"))
    entered_from = django_filters.DateFilter(field_name="entered_on", lookup_expr="gte", label=_("Entered from"))
    entered_to = django_filters.DateFilter(field_name="entered_on", lookup_expr="lte", label=_("Entered until"))

    class Meta:
        model = ServiceCardEntry
        fields = ["case", "part", "entered_from", "entered_to"]


class OutcomeAssessmentFilter(CaseFilter):
    class Meta:
        model = OutcomeAssessment
        fields = ["case"]


class OutcomeEventFilter(CaseFilter):
    kind = django_filters.ChoiceFilter(choices=OutcomeKind.choices, label=_("Outcome"))
    outcome_type = django_filters.ChoiceFilter(choices=OutcomeType.choices, label=_("Type"))

    class Meta:
        model = OutcomeEvent
        fields = ["case", "kind", "outcome_type"]
