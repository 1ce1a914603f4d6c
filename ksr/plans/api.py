"""REST API of the plans app (``/api/v1/plans/``).

Reads are scoped through the case (the holder's staff only); card entries and outcome
assessments are created through the services; card entries are never changed or deleted
(no update or delete routes: 405). Contracts, plans and diagnoses are read here.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, mixins, serializers, viewsets

from ksr.cases.models import Case
from ksr.core.api import KsrAPIMixin
from ksr.plans.filters import (
    ActionPlanFilter,
    ContractFilter,
    OutcomeAssessmentFilter,
    OutcomeEventFilter,
    PotentialAssessmentFilter,
    ServiceCardEntryFilter,
)
from ksr.plans.models import (
    DETAILED_FIELDS,
    GENERAL_FIELDS,
    ActionPlan,
    Contract,
    ContractReview,
    ContractVersion,
    OutcomeAssessment,
    OutcomeEvent,
    OutcomeScore,
    PlanGoal,
    PotentialAssessment,
    PotentialItem,
    SanctionDecision,
    ServiceCardEntry,
)
from ksr.plans.services import do_add_card_entry, do_create_outcome_assessment


def _as_api_error(exc: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(exc, "error_dict"):
        return exceptions.ValidationError(
            {("non_field_errors" if k == NON_FIELD_ERRORS else k): v for k, v in exc.message_dict.items()}
        )
    return exceptions.ValidationError({"non_field_errors": exc.messages})


class VisibleCaseField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self) -> QuerySet[Case]:
        request = self.context.get("request")
        return Case.objects.visible_to(getattr(request, "user", None))


class ContractVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ContractVersion
        fields = [
            "id",
            "number",
            "content",
            "participant_words",
            "change_reason",
            "valid_from",
            "participant_signed_on",
            "worker_signed_on",
            "worker",
        ]


class ContractReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = ContractReview
        fields = ["id", "reviewed_on", "outcome", "note", "reviewed_by"]


class SanctionDecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = SanctionDecision
        fields = ["id", "decision", "reason", "decided_on", "decided_by"]


class ContractSerializer(serializers.ModelSerializer):
    versions = ContractVersionSerializer(many=True, read_only=True)
    reviews = ContractReviewSerializer(many=True, read_only=True)
    sanctions = SanctionDecisionSerializer(many=True, read_only=True)

    class Meta:
        model = Contract
        fields = [
            "id",
            "case",
            "kind",
            "status",
            "review_interval_days",
            "next_review_on",
            "versions",
            "reviews",
            "sanctions",
        ]


class PlanGoalSerializer(serializers.ModelSerializer):
    sector = serializers.CharField(source="sector_id", read_only=True, allow_null=True, help_text="Sector code.")

    class Meta:
        model = PlanGoal
        fields = ["id", "goal", "actions", "sector", "start_on", "due_on", "achieved_on"]


class ActionPlanSerializer(serializers.ModelSerializer):
    goals = PlanGoalSerializer(many=True, read_only=True)
    sectors = serializers.SerializerMethodField(help_text="Codes of the new-profile sectors covered.")

    class Meta:
        model = ActionPlan
        fields = ["id", "case", "status", "set_on", "diagnosis_summary", "participant_words", "sectors", "goals"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_sectors(self, plan: ActionPlan) -> list[str]:
        return sorted(s.code for s in plan.sectors.all())


class PotentialItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = PotentialItem
        fields = ["dimension", "area", "kind", "level", "note"]


class PotentialAssessmentSerializer(serializers.ModelSerializer):
    items = PotentialItemSerializer(many=True, read_only=True)

    class Meta:
        model = PotentialAssessment
        fields = ["id", "case", "assessed_on", "assessed_by", "summary", "items"]


class ServiceCardEntrySerializer(serializers.ModelSerializer):
    case = VisibleCaseField()
    corrects = serializers.PrimaryKeyRelatedField(
        queryset=ServiceCardEntry.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = ServiceCardEntry
        fields = [
            "id",
            "case",
            "part",
            "entered_on",
            "author",
            "signed_at",
            "corrects",
            "correction_reason",
            *GENERAL_FIELDS,
            *DETAILED_FIELDS,
            "participant_signed",
            "participant_signed_on",
        ]
        read_only_fields = ["author", "signed_at"]

    def validate_corrects(self, value: Any) -> Any:
        request = self.context.get("request")
        if (
            value is not None
            and not ServiceCardEntry.objects.visible_to(getattr(request, "user", None)).filter(pk=value.pk).exists()
        ):
            raise serializers.ValidationError("Invalid pk - object does not exist.")
        return value


class OutcomeScoreSerializer(serializers.ModelSerializer):
    class Meta:
        model = OutcomeScore
        fields = ["measure", "score", "comment"]


class OutcomeAssessmentSerializer(serializers.ModelSerializer):
    case = VisibleCaseField()
    scores = OutcomeScoreSerializer(many=True)

    class Meta:
        model = OutcomeAssessment
        fields = ["id", "case", "assessed_on", "assessed_by", "comment", "scores"]
        read_only_fields = ["assessed_by"]


class OutcomeEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = OutcomeEvent
        fields = ["id", "case", "kind", "outcome_type", "occurred_on", "note", "recorded_by"]


class _Scoped(KsrAPIMixin):
    model: Any = None
    related: tuple[str, ...] = ()
    prefetch: tuple[str, ...] = ()
    request: Any

    def get_queryset(self) -> QuerySet[Any]:
        qs = self.model.objects.visible_to(self.request.user)
        return qs.select_related(*self.related).prefetch_related(*self.prefetch).order_by("pk")


class ContractViewSet(_Scoped, viewsets.ReadOnlyModelViewSet):
    """Contracts with their versions (history), reviews and sanction decisions."""

    model = Contract
    serializer_class = ContractSerializer
    filterset_class = ContractFilter
    prefetch = ("versions", "reviews", "sanctions")


class ActionPlanViewSet(_Scoped, viewsets.ReadOnlyModelViewSet):
    """Individual action plans (IPD) with goals and the sectors covered."""

    model = ActionPlan
    serializer_class = ActionPlanSerializer
    filterset_class = ActionPlanFilter
    prefetch = ("goals", "sectors")


class PotentialAssessmentViewSet(_Scoped, viewsets.ReadOnlyModelViewSet):
    """Diagnoses of reintegration potential with their items."""

    model = PotentialAssessment
    serializer_class = PotentialAssessmentSerializer
    filterset_class = PotentialAssessmentFilter
    prefetch = ("items",)


class ServiceCardEntryViewSet(
    _Scoped, mixins.CreateModelMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Entries of the consulting services card: append-only (create and read; never change or delete)."""

    model = ServiceCardEntry
    serializer_class = ServiceCardEntrySerializer
    filterset_class = ServiceCardEntryFilter

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        case = data.pop("case")
        try:
            serializer.instance = do_add_card_entry(case, data, actor=self.request.user)
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from exc


class OutcomeAssessmentViewSet(
    _Scoped, mixins.CreateModelMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Assessments of the nine non-employment measures of success."""

    model = OutcomeAssessment
    serializer_class = OutcomeAssessmentSerializer
    filterset_class = OutcomeAssessmentFilter
    prefetch = ("scores",)

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        case, scores = data.pop("case"), data.pop("scores")
        try:
            serializer.instance = do_create_outcome_assessment(case, data, scores, actor=self.request.user)
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from exc


class OutcomeEventViewSet(_Scoped, viewsets.ReadOnlyModelViewSet):
    """Soft and hard outcomes reached."""

    model = OutcomeEvent
    serializer_class = OutcomeEventSerializer
    filterset_class = OutcomeEventFilter
