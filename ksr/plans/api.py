"""REST API of the plans app (``/api/v1/plans/``).

Reads are scoped through the case (the holder's staff only); every write goes through the
services (contracts: create, sign, amend, review; the IPD: create/update, goals, status; card
entries, outcome assessments and outcome events: create). Card entries are never changed or
deleted (no update or delete routes: 405). Diagnoses are read here.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from ksr.cases.api import VisibleCaseField, context_user
from ksr.cases.reads import ParticipantReadsMixin
from ksr.cases.special import SpecialCategorySerializerMixin
from ksr.core.api import KsrAPIMixin, strict
from ksr.plans import services
from ksr.plans.choices import ContractKind, OutcomeKind, PlanStatus
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
from ksr.registry.models import Sector


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
        read_only_fields = ["id", "reviewed_by"]


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
    """A diagnosis with its deficits and resources; recorded through ``do_create_potential_assessment``
    (the diagnosis comes before the IPD can be set)."""

    case = VisibleCaseField()
    items = PotentialItemSerializer(many=True)

    class Meta:
        model = PotentialAssessment
        fields = ["id", "case", "assessed_on", "assessed_by", "summary", "items"]
        read_only_fields = ["assessed_by"]


class ServiceCardEntrySerializer(SpecialCategorySerializerMixin, serializers.ModelSerializer):
    """A card entry; its special-category fields (``ServiceCardEntry.special_category_fields``) are
    present only for the case managers and specialists of the holder (ADR 0010)."""

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

    def special_write_owner(self, validated: dict[str, Any]) -> Any:
        return ServiceCardEntry(case=validated["case"]) if "case" in validated else None

    def validate_corrects(self, value: Any) -> Any:
        if (
            value is not None
            and not ServiceCardEntry.objects.visible_to(context_user(self.context)).filter(pk=value.pk).exists()
        ):
            message = serializers.PrimaryKeyRelatedField.default_error_messages["does_not_exist"]
            raise serializers.ValidationError(str(message).format(pk_value=value.pk))
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


@extend_schema_field(OpenApiTypes.STR)
class SectorCodeField(serializers.SlugRelatedField):
    """A sector by its code (education, culture, health, sport, …)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(slug_field="code", queryset=Sector.objects.all(), **kwargs)


class ContractCreateSerializer(serializers.Serializer):
    case = VisibleCaseField()
    kind = serializers.ChoiceField(choices=ContractKind.choices)
    content = serializers.CharField(allow_blank=True, required=False)
    participant_words = serializers.CharField(
        allow_blank=True, required=False, help_text="The participant's own words."
    )
    valid_from = serializers.DateField()
    review_interval_days = serializers.IntegerField(
        min_value=1, required=False, help_text="Days between scheduled reviews."
    )


class ContractSignSerializer(serializers.Serializer):
    participant_signed_on = serializers.DateField(required=False, allow_null=True)
    worker_signed_on = serializers.DateField(
        required=False, allow_null=True, help_text="The worker who signs is you (the caller)."
    )


class ContractAmendSerializer(serializers.Serializer):
    content = serializers.CharField(allow_blank=True, required=False)
    participant_words = serializers.CharField(allow_blank=True, required=False)
    change_reason = serializers.CharField()
    valid_from = serializers.DateField()


class ActionPlanWriteSerializer(serializers.Serializer):
    diagnosis_summary = serializers.CharField(allow_blank=True, required=False)
    participant_words = serializers.CharField(allow_blank=True, required=False)
    sectors = SectorCodeField(
        many=True,
        required=False,
        help_text="Codes of the new-profile sectors covered (education, culture, health, sport).",
    )


class ActionPlanCreateSerializer(ActionPlanWriteSerializer):
    case = VisibleCaseField()


class PlanGoalCreateSerializer(serializers.Serializer):
    goal = serializers.CharField(max_length=300)
    actions = serializers.CharField(allow_blank=True, required=False)
    sector = SectorCodeField(required=False, allow_null=True, help_text="Sector code.")
    start_on = serializers.DateField(required=False, allow_null=True)
    due_on = serializers.DateField(required=False, allow_null=True)
    achieved_on = serializers.DateField(required=False, allow_null=True)


class PlanStatusChangeSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=PlanStatus.choices)
    on = serializers.DateField(required=False, allow_null=True, help_text="Date the plan is set (default today).")


class OutcomeEventCreateSerializer(serializers.Serializer):
    case = VisibleCaseField()
    kind = serializers.ChoiceField(choices=OutcomeKind.choices)
    occurred_on = serializers.DateField()
    note = serializers.CharField(allow_blank=True, required=False)


def _body(serializer_class: Any, request: Request, context: dict[str, Any]) -> dict[str, Any]:
    payload = strict(serializer_class)(data=request.data, context=context)
    payload.is_valid(raise_exception=True)
    return dict(payload.validated_data)


class _Scoped(ParticipantReadsMixin, KsrAPIMixin, viewsets.GenericViewSet):
    """Scoped through the case; every list and detail answer records a read of each participant
    it names, in one insert (``ksr.cases.reads``)."""

    participant_path = "case__participant"
    model: Any = None
    related: tuple[str, ...] = ()
    prefetch: tuple[str, ...] = ()

    def get_queryset(self) -> QuerySet[Any]:
        qs = self.model.objects.visible_to(self.request.user)
        return qs.select_related(*self.related).prefetch_related(*self.prefetch).order_by("pk")

    def _answer(self, obj: Any, code: int = status.HTTP_200_OK) -> Response:
        """The object as read again through the scoped queryset (with what the write added)."""
        fresh = self.get_queryset().get(pk=obj.pk)
        return Response(self.get_serializer(fresh).data, status=code)


class ContractViewSet(_Scoped, viewsets.ReadOnlyModelViewSet):
    """Contracts with their versions (history), reviews and sanction decisions; written through
    the services (create a draft, sign the latest version, amend, review)."""

    read_part = "contract (API)"
    model = Contract
    serializer_class = ContractSerializer
    filterset_class = ContractFilter
    prefetch = ("versions", "reviews", "sanctions")

    @extend_schema(request=ContractCreateSerializer, responses={201: ContractSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """A new contract with its first version (a draft until both sides sign)."""
        data = _body(ContractCreateSerializer, request, self.get_serializer_context())
        case = data.pop("case")
        contract = services.do_create_contract(case, data, actor=request.user)
        return self._answer(contract, status.HTTP_201_CREATED)

    @extend_schema(request=ContractSignSerializer, responses=ContractSerializer)
    @action(detail=True, methods=["post"])
    def sign(self, request: Request, pk: Any = None) -> Response:
        """Record the signatures on the latest version; signed by both, a draft comes into force."""
        contract = self.get_object()
        data = {k: v for k, v in _body(ContractSignSerializer, request, {}).items() if v is not None}
        version = contract.versions.order_by("-number").first()
        if version is None:
            raise exceptions.NotFound
        services.do_sign_contract_version(version, data, actor=request.user)
        return self._answer(contract)

    @extend_schema(request=ContractAmendSerializer, responses=ContractSerializer)
    @action(detail=True, methods=["post"])
    def amend(self, request: Request, pk: Any = None) -> Response:
        """A change to the contract is a new version; the old ones stay as the history."""
        contract = self.get_object()
        data = _body(ContractAmendSerializer, request, {})
        services.do_amend_contract(contract, data, actor=request.user)
        return self._answer(contract)

    @extend_schema(request=ContractReviewSerializer, responses=ContractSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: Any = None) -> Response:
        """A scheduled review of a contract in force; the next review date moves on."""
        contract = self.get_object()
        data = _body(ContractReviewSerializer, request, {})
        services.do_review_contract(contract, data, actor=request.user)
        return self._answer(contract)


class ActionPlanViewSet(_Scoped, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Individual action plans (IPD) with goals and the sectors covered; written through the services."""

    read_part = "action plan (API)"
    model = ActionPlan
    serializer_class = ActionPlanSerializer
    filterset_class = ActionPlanFilter
    prefetch = ("goals", "sectors")
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    @extend_schema(request=ActionPlanCreateSerializer, responses={201: ActionPlanSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Create the IPD of the case (a case has one: when it exists, it is updated)."""
        data = _body(ActionPlanCreateSerializer, request, self.get_serializer_context())
        case = data.pop("case")
        plan = services.do_save_action_plan(case, data, actor=request.user)
        return self._answer(plan, status.HTTP_201_CREATED)

    @extend_schema(request=ActionPlanWriteSerializer, responses=ActionPlanSerializer)
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Update the summary, the participant's words and the sectors (PATCH keeps what is not sent)."""
        plan = self.get_object()
        data = _body(ActionPlanWriteSerializer, request, {})
        if kwargs.get("partial"):
            current = {
                "diagnosis_summary": plan.diagnosis_summary,
                "participant_words": plan.participant_words,
                "sectors": list(plan.sectors.all()),
            }
            data = {**current, **data}
        plan = services.do_save_action_plan(plan.case, data, actor=request.user)
        return self._answer(plan)

    @extend_schema(request=ActionPlanWriteSerializer, responses=ActionPlanSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().partial_update(request, *args, **kwargs)

    @extend_schema(request=PlanGoalCreateSerializer, responses={201: ActionPlanSerializer})
    @action(detail=True, methods=["post"])
    def goals(self, request: Request, pk: Any = None) -> Response:
        """Add a goal to the plan (with its sector of the new service profile)."""
        plan = self.get_object()
        data = _body(PlanGoalCreateSerializer, request, {})
        services.do_add_plan_goal(plan, data, actor=request.user)
        return self._answer(plan, status.HTTP_201_CREATED)

    @extend_schema(request=PlanStatusChangeSerializer, responses=ActionPlanSerializer)
    @action(detail=True, methods=["post"], url_path="status")
    def change_status(self, request: Request, pk: Any = None) -> Response:
        """Set the plan (it needs a goal), reopen it for revision, or close it."""
        plan = self.get_object()
        data = _body(PlanStatusChangeSerializer, request, {})
        services.do_change_plan_status(plan, data["status"], actor=request.user, on=data.get("on"))
        return self._answer(plan)


class PotentialAssessmentViewSet(_Scoped, mixins.CreateModelMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Diagnoses of reintegration potential with their items; recorded (never changed) through the services."""

    read_part = "potential assessment (API)"
    model = PotentialAssessment
    serializer_class = PotentialAssessmentSerializer
    filterset_class = PotentialAssessmentFilter
    prefetch = ("items",)

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        case, items = data.pop("case"), data.pop("items")
        serializer.instance = services.do_create_potential_assessment(case, data, items, actor=self.request.user)


class ServiceCardEntryViewSet(_Scoped, mixins.CreateModelMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Entries of the consulting services card: append-only (create and read; never change or delete)."""

    read_part = "services card (API)"
    model = ServiceCardEntry
    serializer_class = ServiceCardEntrySerializer
    filterset_class = ServiceCardEntryFilter
    related = ("case__participant",)

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        case = data.pop("case")
        serializer.instance = do_add_card_entry(case, data, actor=self.request.user)


class OutcomeAssessmentViewSet(_Scoped, mixins.CreateModelMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Assessments of the nine non-employment measures of success."""

    read_part = "outcome assessment (API)"
    model = OutcomeAssessment
    serializer_class = OutcomeAssessmentSerializer
    filterset_class = OutcomeAssessmentFilter
    prefetch = ("scores",)

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        case, scores = data.pop("case"), data.pop("scores")
        serializer.instance = do_create_outcome_assessment(case, data, scores, actor=self.request.user)


class OutcomeEventViewSet(_Scoped, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Soft and hard outcomes reached; recorded through the services."""

    read_part = "outcome event (API)"
    model = OutcomeEvent
    serializer_class = OutcomeEventSerializer
    filterset_class = OutcomeEventFilter

    @extend_schema(request=OutcomeEventCreateSerializer, responses={201: OutcomeEventSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Record an outcome (its type, hard or soft, follows from the kind)."""
        data = _body(OutcomeEventCreateSerializer, request, self.get_serializer_context())
        case = data.pop("case")
        event = services.do_record_outcome(case, data, actor=request.user)
        return self._answer(event, status.HTTP_201_CREATED)
