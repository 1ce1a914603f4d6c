"""FilterSets shared by the pages, their exports and the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from ksr.cooperation.choices import HalfYear, MeetingKind, MeetingStatus
from ksr.cooperation.models import CooperationAssessment, Meeting


class MeetingFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=MeetingKind.choices)
    status = django_filters.ChoiceFilter(label=_("status"), choices=MeetingStatus.choices)
    year = django_filters.NumberFilter(label=_("year"), field_name="planned_on", lookup_expr="year")

    class Meta:
        model = Meeting
        fields = ["kind", "status", "year"]


class MeetingApiFilter(MeetingFilter):
    """The page's filter, plus the network (the page is already one network's)."""

    network = django_filters.NumberFilter(label=_("network"), field_name="forum__network_id")

    class Meta(MeetingFilter.Meta):
        fields = ["kind", "status", "year", "network"]


class AssessmentFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("year"))
    half = django_filters.ChoiceFilter(label=_("half-year"), choices=HalfYear.choices)
    network = django_filters.NumberFilter(label=_("network"), field_name="network_id")

    class Meta:
        model = CooperationAssessment
        fields = ["year", "half", "network"]
