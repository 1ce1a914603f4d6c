"""REST API of the surveys app: same scoping and FilterSet as the pages, writes via the services."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied as DRFPermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response as DRFResponse

from ksr.core.api import KsrAPIMixin, StandardPagination
from ksr.surveys import readiness as R
from ksr.surveys.filters import SurveyFilter
from ksr.surveys.models import Interview, Survey
from ksr.surveys.querysets import may_read
from ksr.surveys.services import do_create_survey
from ksr.surveys.summary import summarise
from ksr.territory.choices import UnitLevel
from ksr.territory.models import TerritorialUnit


class SurveySerializer(serializers.ModelSerializer):
    gmina: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", queryset=TerritorialUnit.objects.filter(level=UnitLevel.GMINA)
    )
    window_state = serializers.SerializerMethodField()
    responses = serializers.SerializerMethodField()

    class Meta:
        model = Survey
        fields = [
            "id",
            "gmina",
            "title",
            "starts_on",
            "ends_on",
            "questionnaire_version",
            "window_state",
            "responses",
            "repeat_of",
        ]
        read_only_fields = ["questionnaire_version"]

    def get_window_state(self, obj: Survey) -> str:
        return obj.window_state()

    def get_responses(self, obj: Survey) -> int:
        return int(getattr(obj, "response_count", None) or obj.responses.count())


class InterviewSerializer(serializers.ModelSerializer):
    gmina: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(slug_field="code", read_only=True)
    warnings = serializers.SerializerMethodField()

    class Meta:
        model = Interview
        fields = [
            "id",
            "gmina",
            "survey",
            "kind",
            "held_on",
            "duration_minutes",
            "moderator",
            "institution",
            "participants",
            "notes",
            "rating",
            "warnings",
        ]

    def get_warnings(self, obj: Interview) -> list[str]:
        return obj.warnings()


class ReadinessSerializer(serializers.Serializer):
    value = serializers.FloatField(allow_null=True)
    level = serializers.CharField(allow_null=True)
    responses = serializers.IntegerField()
    too_few_responses = serializers.BooleanField(help_text="Fewer answers than the minimum: no value, no level.")
    components = serializers.DictField()


class SurveySummarySerializer(serializers.Serializer):
    total = serializers.IntegerField()
    paper = serializers.IntegerField()
    yes_no = serializers.DictField()
    categories = serializers.ListField(child=serializers.DictField())
    lists = serializers.DictField()
    themes = serializers.DictField()


class _Readers(KsrAPIMixin, GenericAPIView):
    """Readers of surveys only (``may_read``); the others get 403."""

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if not may_read(request.user):
            raise DRFPermissionDenied


class SurveyViewSet(_Readers, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Surveys the user may read (scoped); POST opens a survey window through the service."""

    serializer_class = SurveySerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = SurveyFilter
    pagination_class = StandardPagination

    def get_queryset(self) -> QuerySet[Survey]:
        return Survey.objects.visible_to(self.request.user).listed()

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = do_create_survey(**serializer.validated_data, actor=self.request.user)

    @extend_schema(responses=SurveySummarySerializer)
    @action(detail=True, methods=["get"])
    def summary(self, request: Request, pk: str | None = None) -> DRFResponse:
        survey = self.get_object()
        return DRFResponse(summarise(list(survey.responses.all())))

    @extend_schema(responses=ReadinessSerializer)
    @action(detail=True, methods=["get"])
    def readiness(self, request: Request, pk: str | None = None) -> DRFResponse:
        survey = self.get_object()
        r = R.gmina_readiness(survey.gmina)
        return DRFResponse(
            {
                "value": r.value,
                "level": r.level,
                "responses": r.responses,
                "too_few_responses": r.too_few,
                "components": r.components,
            }
        )


class InterviewViewSet(_Readers, viewsets.ReadOnlyModelViewSet):
    """Interviews the user may read (scoped)."""

    serializer_class = InterviewSerializer
    pagination_class = StandardPagination

    def get_queryset(self) -> QuerySet[Interview]:
        return Interview.objects.visible_to(self.request.user).select_related("gmina").order_by("-held_on", "-pk")
