"""REST API of the procedures app (``/api/v1/procedures/``).

Reads are scoped (``visible_to``), lists use the same FilterSets as the pages, and every write
goes through the services: ``ValidationError`` answers 400, ``PermissionDenied`` 403.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from ksr.core.api import KsrAPIMixin, StandardPagination, strict
from ksr.core.serializers import VisibleField
from ksr.networks.models import Network
from ksr.procedures import services
from ksr.procedures.choices import LsrVariant, NeedKind, ResponseKind
from ksr.procedures.filters import NeedRequestFilter, RunFilter
from ksr.procedures.models import (
    CardStep,
    NeedRequest,
    NeedResponse,
    ProcedureCard,
    ProcedureRun,
    ProcedureTask,
    VariantChoice,
)
from ksr.procedures.queries import annotate_requests, annotate_runs
from ksr.procedures.variants import CRITERION_FIELDS
from ksr.registry.models import Organisation
from ksr.territory.choices import UnitLevel
from ksr.territory.models import TerritorialUnit


class _Gmina(serializers.SlugRelatedField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(slug_field="code", help_text="TERYT code of the gmina.", **kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        return TerritorialUnit.objects.filter(level=UnitLevel.GMINA)


class ProcedureCardStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = CardStep
        fields = ["number", "text", "text_en", "product_kind"]


class ProcedureCardSerializer(serializers.ModelSerializer):
    steps = ProcedureCardStepSerializer(many=True, read_only=True)

    class Meta:
        model = ProcedureCard
        fields = ["id", "number", "group", "introducing_institution", "name", "name_en", "steps"]


class CardViewSet(KsrAPIMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ProcedureCardSerializer
    queryset = ProcedureCard.objects.prefetch_related("steps")


class ProcedureTaskSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProcedureTask
        fields = [
            "id",
            "run",
            "number",
            "product_kind",
            "owner_user",
            "owner_organisation",
            "due_on",
            "status",
            "completed_on",
            "completed_by",
            "product_summary",
            "product_date",
            "product_recipients",
            "product_person",
            "product_dates",
            "cancel_reason",
            "linked_network",
            "linked_partnership",
            "linked_meeting",
        ]
        read_only_fields = fields


class ProcedureRunSerializer(serializers.ModelSerializer):
    gmina = _Gmina()
    network = VisibleField(Network, required=False, allow_null=True)
    introducing_organisation = VisibleField(Organisation, required=False, allow_null=True)
    status = serializers.CharField(read_only=True)
    tasks = ProcedureTaskSerializer(many=True, read_only=True)

    class Meta:
        model = ProcedureRun
        fields = [
            "id",
            "card",
            "gmina",
            "network",
            "introducing_organisation",
            "started_on",
            "due_on",
            "responsible_person",
            "status",
            "tasks",
        ]
        read_only_fields = ["started_on"]


class RunViewSet(KsrAPIMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ProcedureRunSerializer
    filterset_class = RunFilter
    pagination_class = StandardPagination

    def get_queryset(self) -> QuerySet[Any]:
        qs = ProcedureRun.objects.visible_to(self.request.user).select_related("gmina", "card")
        return annotate_runs(qs).prefetch_related("tasks__product_recipients").order_by("-started_on", "-id")

    def perform_create(self, serializer: Any) -> None:
        data = serializer.validated_data
        data.pop("started_on", None)
        serializer.instance = services.do_start_run(
            data.pop("card"), data.pop("gmina"), actor=self.request.user, **data
        )


class ProcedureTaskCompleteSerializer(serializers.Serializer):
    summary = serializers.CharField()
    completed_on = serializers.DateField(required=False, allow_null=True)
    product_date = serializers.DateField(required=False, allow_null=True)
    recipients = VisibleField(Organisation, many=True, required=False)
    person = serializers.CharField(required=False, allow_blank=True, default="")
    dates = serializers.CharField(required=False, allow_blank=True, default="")
    linked_network = VisibleField(Network, required=False, allow_null=True)


class ProcedureTaskCancelSerializer(serializers.Serializer):
    reason = serializers.CharField()


class TaskViewSet(KsrAPIMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ProcedureTaskSerializer
    pagination_class = StandardPagination

    def get_queryset(self) -> QuerySet[Any]:
        return ProcedureTask.objects.visible_to(self.request.user).prefetch_related("product_recipients")

    def _change(self, func: Callable[..., Any], serializer_class: Any, request: Request, pk: Any) -> Response:
        task = get_object_or_404(self.get_queryset(), pk=pk)
        serializer = strict(serializer_class)(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        task = func(task, actor=request.user, **serializer.validated_data)
        return Response(ProcedureTaskSerializer(task).data)

    @extend_schema(request=ProcedureTaskCompleteSerializer, responses=ProcedureTaskSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request: Request, pk: Any = None) -> Response:
        return self._change(services.do_complete_task, ProcedureTaskCompleteSerializer, request, pk)

    @extend_schema(request=ProcedureTaskCancelSerializer, responses=ProcedureTaskSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: Any = None) -> Response:
        return self._change(services.do_cancel_task, ProcedureTaskCancelSerializer, request, pk)


class NeedResponseSerializer(serializers.ModelSerializer):
    response_days = serializers.SerializerMethodField()

    class Meta:
        model = NeedResponse
        fields = [
            "id",
            "organisation",
            "kind",
            "offer",
            "available_from",
            "available_to",
            "conditions",
            "reason",
            "responded_at",
            "response_days",
        ]

    def get_response_days(self, obj: NeedResponse) -> float:
        return round(obj.response_time.total_seconds() / 86400, 1)


class NeedRequestSerializer(serializers.ModelSerializer):
    requester = VisibleField(Organisation)
    addressees = VisibleField(Organisation, many=True)
    network = VisibleField(Network, required=False, allow_null=True)
    kind = serializers.ChoiceField(choices=NeedKind.choices)
    answer_by = serializers.DateField(required=False)
    responses = NeedResponseSerializer(many=True, read_only=True)

    class Meta:
        model = NeedRequest
        fields = [
            "id",
            "requester",
            "network",
            "kind",
            "description",
            "needed_by",
            "answer_by",
            "addressees",
            "closed_on",
            "created_at",
            "responses",
        ]
        read_only_fields = ["closed_on", "created_at"]


class NeedAnswerSerializer(serializers.Serializer):
    organisation = VisibleField(Organisation)
    kind = serializers.ChoiceField(choices=ResponseKind.choices)
    offer = serializers.CharField(required=False, allow_blank=True, default="")
    available_from = serializers.DateField(required=False, allow_null=True)
    available_to = serializers.DateField(required=False, allow_null=True)
    conditions = serializers.CharField(required=False, allow_blank=True, default="")
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class NeedRequestViewSet(KsrAPIMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = NeedRequestSerializer
    filterset_class = NeedRequestFilter
    pagination_class = StandardPagination

    def get_queryset(self) -> QuerySet[Any]:
        qs = NeedRequest.objects.visible_to(self.request.user).prefetch_related("addressees", "responses")
        return annotate_requests(qs).order_by("-created_at", "-id")

    def perform_create(self, serializer: Any) -> None:
        data = serializer.validated_data
        serializer.instance = services.do_create_need_request(data.pop("requester"), actor=self.request.user, **data)

    @extend_schema(request=NeedAnswerSerializer, responses={201: NeedResponseSerializer})
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, pk: Any = None) -> Response:
        need = get_object_or_404(self.get_queryset(), pk=pk)
        serializer = strict(NeedAnswerSerializer)(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        response = services.do_answer_need_request(need, data.pop("organisation"), actor=request.user, **data)
        return Response(NeedResponseSerializer(response).data, status=status.HTTP_201_CREATED)


class VariantChoiceSerializer(serializers.ModelSerializer):
    gmina = _Gmina()
    network = VisibleField(Network, required=False, allow_null=True)
    variant = serializers.ChoiceField(choices=LsrVariant.choices, required=False, allow_null=True)

    class Meta:
        model = VariantChoice
        fields = [
            "id",
            "gmina",
            "network",
            *CRITERION_FIELDS,
            "proposed_variant",
            "variant",
            "reason",
            "chosen_by",
            "chosen_on",
        ]
        read_only_fields = ["proposed_variant", "chosen_by", "chosen_on"]


class VariantChoiceViewSet(KsrAPIMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = VariantChoiceSerializer
    pagination_class = StandardPagination

    def get_queryset(self) -> QuerySet[Any]:
        return VariantChoice.objects.visible_to(self.request.user).select_related("gmina")

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        answers = {name: data.pop(name, False) for name in CRITERION_FIELDS}
        serializer.instance = services.do_choose_variant(
            data.pop("gmina"),
            answers=answers,
            variant=data.pop("variant", None),
            reason=data.pop("reason", ""),
            network=data.pop("network", None),
            actor=self.request.user,
        )
