"""REST API of the animation app (``/api/v1/animation/``).

Reads are scoped like the pages (``visible_to``) and filtered by the same FilterSets; writes
(choosing a scenario, logging an event, recording an advice visit) go through the services:
a ``ValidationError`` answers 400, ``PermissionDenied`` 403.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.generics import GenericAPIView

from ksr.animation import services
from ksr.animation.filters import AdviceVisitFilter, AnimatorFilter, EventFilter, ScenarioChoiceFilter, TeamFilter
from ksr.animation.models import AdviceVisit, AnimationEvent, Animator, ScenarioChoice, ZrarTeam
from ksr.animation.querysets import may_view
from ksr.core.api import KsrAPIMixin
from ksr.core.types import AnyUser
from ksr.registry.models import Organisation
from ksr.territory.choices import UnitLevel
from ksr.territory.models import TerritorialUnit


def _user(context: dict[str, Any]) -> AnyUser:
    user: AnyUser | None = getattr(context.get("request"), "user", None)
    return user or AnonymousUser()


class _VisibleOrganisation(serializers.PrimaryKeyRelatedField):
    def get_queryset(self) -> QuerySet[Organisation]:
        return Organisation.objects.visible_to(_user(self.context))


class _VisibleAnimator(serializers.PrimaryKeyRelatedField):
    def get_queryset(self) -> QuerySet[Animator]:
        return Animator.objects.visible_to(_user(self.context))


_GMINA = TerritorialUnit.objects.filter(level=UnitLevel.GMINA)


class TeamSerializer(serializers.ModelSerializer):
    region: Any = serializers.SlugRelatedField(slug_field="code", read_only=True)
    flags = serializers.SerializerMethodField()
    members: Any = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = ZrarTeam
        fields = ["id", "name", "region", "host", "members", "flags"]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_flags(self, obj: ZrarTeam) -> list[str]:
        return obj.flags(list(obj.members.all()))


class ExaminationSerializer(serializers.Serializer):
    taken_on = serializers.DateField()
    result = serializers.CharField(help_text="passed or failed")
    score = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)


class ModuleSerializer(serializers.Serializer):
    title = serializers.CharField()
    completed_on = serializers.DateField()


class AnimatorSerializer(serializers.ModelSerializer):
    region: Any = serializers.SlugRelatedField(slug_field="code", read_only=True)
    origin = serializers.CharField(
        read_only=True, help_text="social_assistance, labour_market, social_employment, ngo or other."
    )
    status = serializers.CharField(read_only=True, help_text="candidate, trained, certified, active or inactive.")
    modules = ModuleSerializer(many=True, read_only=True)
    examinations = ExaminationSerializer(many=True, read_only=True)

    class Meta:
        model = Animator
        fields = [
            "id",
            "full_name",
            "home_institution",
            "origin",
            "region",
            "team",
            "status",
            "modules",
            "examinations",
        ]
        read_only_fields = fields


class ScenarioChoiceSerializer(serializers.ModelSerializer):
    gmina = serializers.SlugRelatedField(slug_field="code", queryset=_GMINA, help_text="TERYT code of the gmina.")
    animator = _VisibleAnimator(required=False, allow_null=True)
    readiness_level = serializers.CharField(read_only=True, help_text="low, medium or high (empty: no survey).")
    proposed_scenario = serializers.CharField(read_only=True, help_text="Scenario proposed from the readiness.")

    class Meta:
        model = ScenarioChoice
        fields = [
            "id",
            "gmina",
            "readiness_value",
            "readiness_level",
            "proposed_scenario",
            "scenario",
            "change_reason",
            "animator",
            "baseline_survey",
            "follow_up_survey",
            "follow_up_on",
        ]
        read_only_fields = ["id", "readiness_value", "readiness_level", "proposed_scenario"]
        validators: list[Any] = []
        extra_kwargs: dict[str, Any] = {"gmina": {"validators": []}}

    def create(self, validated_data: dict[str, Any]) -> ScenarioChoice:
        gmina = validated_data.pop("gmina")
        scenario = validated_data.pop("scenario")
        return services.do_choose_scenario(gmina, scenario, actor=_user(self.context), **validated_data)


class EventSerializer(serializers.ModelSerializer):
    gmina = serializers.SlugRelatedField(slug_field="code", queryset=_GMINA, help_text="TERYT code of the gmina.")
    animator = _VisibleAnimator(required=False, allow_null=True)
    invited = _VisibleOrganisation(many=True, required=False)
    present = _VisibleOrganisation(many=True, required=False)

    class Meta:
        model = AnimationEvent
        fields = ["id", *services.EVENT_FIELDS, "invited", "present"]
        read_only_fields = ["id", "scenario_choice"]

    def create(self, validated_data: dict[str, Any]) -> AnimationEvent:
        invited = validated_data.pop("invited", [])
        present = validated_data.pop("present", [])
        validated_data["scenario_choice"] = ScenarioChoice.objects.filter(gmina=validated_data["gmina"]).first()
        return services.do_log_event(validated_data, actor=_user(self.context), invited=invited, present=present)


class AdviceVisitSerializer(serializers.ModelSerializer):
    entity = _VisibleOrganisation()
    animator = _VisibleAnimator()

    class Meta:
        model = AdviceVisit
        fields = ["id", *services.VISIT_FIELDS]
        read_only_fields = ["id"]

    def create(self, validated_data: dict[str, Any]) -> AdviceVisit:
        return services.do_record_advice_visit(validated_data, actor=_user(self.context))


class _Scoped(KsrAPIMixin, GenericAPIView):
    model: Any = None
    related: tuple[str, ...] = ()
    prefetch: tuple[str, ...] = ()

    def get_queryset(self) -> QuerySet[Any]:
        user = self.request.user
        queryset: QuerySet[Any] = self.model.objects.none()
        if may_view(user):
            queryset = self.model.objects.visible_to(user).select_related(*self.related)
        return queryset.prefetch_related(*self.prefetch)


class TeamViewSet(_Scoped, viewsets.ReadOnlyModelViewSet):
    model = ZrarTeam
    serializer_class = TeamSerializer
    filterset_class = TeamFilter
    related = ("region",)
    prefetch = ("members__home_institution",)


class AnimatorViewSet(_Scoped, viewsets.ReadOnlyModelViewSet):
    model = Animator
    serializer_class = AnimatorSerializer
    filterset_class = AnimatorFilter
    related = ("region", "home_institution")
    prefetch = ("modules", "examinations")


class ScenarioChoiceViewSet(_Scoped, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Reading the choices; POST confirms the proposal or changes it (with ``change_reason``)."""

    model = ScenarioChoice
    serializer_class = ScenarioChoiceSerializer
    filterset_class = ScenarioChoiceFilter
    related = ("gmina",)


class EventViewSet(_Scoped, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    model = AnimationEvent
    serializer_class = EventSerializer
    filterset_class = EventFilter
    related = ("gmina",)
    prefetch = ("invited", "present")


class AdviceVisitViewSet(_Scoped, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    model = AdviceVisit
    serializer_class = AdviceVisitSerializer
    filterset_class = AdviceVisitFilter
