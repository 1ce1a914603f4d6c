"""REST API of the forum and the assessment cards (``/api/v1/cooperation/``).

Reads are scoped like the pages; lists use the same FilterSets; writes go through the services
(their ``ValidationError`` → 400 with the translated messages, ``PermissionDenied`` → 403, through
the core exception handler). The case
managers' report counts are masked ("<5") for anyone outside the LSR's KIS.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers, viewsets

from ksr.cooperation.choices import Condition
from ksr.cooperation.filters import AssessmentFilter, MeetingApiFilter
from ksr.cooperation.models import ActionItem, CooperationAssessment, Decision, Forum, Meeting
from ksr.cooperation.querysets import in_kis
from ksr.cooperation.reports import masked
from ksr.cooperation.services import ASSESSMENT_FIELDS, MEETING_FIELDS, do_fill_assessment, do_plan_meeting
from ksr.core.api import KsrAPIMixin
from ksr.networks.choices import NetworkLevel
from ksr.networks.models import Network
from ksr.registry.models import Organisation


class DecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Decision
        fields = ["id", "text", "method", "votes_for", "votes_against", "votes_abstain"]


class ActionItemSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True, help_text="open, in_progress, done or dropped.")

    class Meta:
        model = ActionItem
        fields = ["id", "title", "owner", "due_on", "status"]


class VisibleForumField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self) -> QuerySet[Forum]:
        request = self.context.get("request")
        return Forum.objects.visible_to(getattr(request, "user", AnonymousUser())).select_related("network")


class MeetingSerializer(serializers.ModelSerializer):
    forum = VisibleForumField()
    network = serializers.IntegerField(source="forum.network_id", read_only=True)
    report = serializers.SerializerMethodField()
    status = serializers.CharField(read_only=True, help_text="planned, held, minutes_sent or cancelled.")
    agenda = serializers.ListField(child=serializers.CharField(max_length=300), required=False, write_only=True)
    agenda_items: serializers.SlugRelatedField = serializers.SlugRelatedField(
        source="agenda", slug_field="title", many=True, read_only=True
    )
    decisions = DecisionSerializer(many=True, read_only=True)
    action_items = ActionItemSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "forum",
            "network",
            *MEETING_FIELDS,
            "held_on",
            "status",
            "minutes_sent_at",
            "report",
            "agenda",
            "agenda_items",
            "decisions",
            "action_items",
        ]
        read_only_fields = ["id", "held_on", "status", "minutes_sent_at"]

    @extend_schema_field(
        {
            "type": "object",
            "description": 'Aggregate counts of the case managers\' report; under 5 shown as "<5" outside the KIS.',
            "additionalProperties": {"type": "string"},
        }
    )
    def get_report(self, meeting: Meeting) -> dict[str, str]:
        request = self.context.get("request")
        exact = in_kis(getattr(request, "user", AnonymousUser()), meeting.forum.network)
        return {name: masked(getattr(meeting, name), exact=exact) for name in Meeting.REPORT_FIELDS}


class MeetingViewSet(KsrAPIMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Forum meetings of the networks the user may see; planning one needs the right to edit the network."""

    serializer_class = MeetingSerializer
    filterset_class = MeetingApiFilter

    def get_queryset(self) -> QuerySet[Meeting]:
        return (
            Meeting.objects.visible_to(self.request.user)
            .select_related("forum__network", "task_group")
            .prefetch_related("agenda", "decisions", "action_items")
            .order_by("-planned_on", "-id")
        )

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        forum = data.pop("forum")
        agenda = data.pop("agenda", [])
        serializer.instance = do_plan_meeting(forum, data, agenda=agenda, actor=self.request.user)


class VisibleNetworkField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self) -> QuerySet[Network]:
        request = self.context.get("request")
        return Network.objects.visible_to(getattr(request, "user", AnonymousUser())).filter(level=NetworkLevel.LOCAL)


class OrganisationIdField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self) -> QuerySet[Organisation]:
        request = self.context.get("request")
        return Organisation.objects.visible_to(getattr(request, "user", AnonymousUser()))


class AssessmentSerializer(serializers.ModelSerializer):
    network = VisibleNetworkField()
    organisation = OrganisationIdField()

    class Meta:
        model = CooperationAssessment
        fields = ["id", "network", "organisation", *ASSESSMENT_FIELDS, "created_at"]
        read_only_fields = ["id", "created_at"]

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        for c in Condition:
            fields[f"score_{c.value}"] = serializers.IntegerField(
                min_value=1, max_value=5, help_text=f"{c.name.lower()}: 1 (very poor) to 5 (very good)."
            )
        return fields


class AssessmentViewSet(KsrAPIMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Assessment cards the user may see; a member organisation's staff file their organisation's card."""

    serializer_class = AssessmentSerializer
    filterset_class = AssessmentFilter

    def get_queryset(self) -> QuerySet[CooperationAssessment]:
        return CooperationAssessment.objects.visible_to(self.request.user).select_related("organisation", "network")

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        network, organisation = data.pop("network"), data.pop("organisation")
        serializer.instance = do_fill_assessment(network, organisation, data, actor=self.request.user)


__all__ = ["AssessmentViewSet", "MeetingViewSet"]
