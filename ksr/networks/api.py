"""REST API of the networks (``/api/v1/networks/``).

Reads are scoped (``visible_to``), the network list uses the same FilterSet as the page, and
every write goes through the services; the core exception handler answers their
``ValidationError`` with 400 and ``PermissionDenied`` with 403.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from ksr.core.api import KsrAPIMixin, strict
from ksr.core.serializers import VisibleField
from ksr.networks import services
from ksr.networks.filters import NetworkFilter
from ksr.networks.health import lsr_health
from ksr.networks.models import (
    AuspicesAct,
    Network,
    NetworkMembership,
    Recommendation,
    RegionalTask,
    TeamMember,
    TechnicalAssistance,
)
from ksr.registry.models import Organisation, Person
from ksr.territory.models import TerritorialUnit


class NetworkSerializer(serializers.ModelSerializer):
    territory = serializers.SlugRelatedField(
        slug_field="code",
        queryset=TerritorialUnit.objects.current(),
        required=False,
        allow_null=True,
        help_text="TERYT code: gmina or powiat (LSR), voivodeship (RSR), empty (KSR).",
    )
    main_node = VisibleField(Organisation)
    parent = serializers.PrimaryKeyRelatedField(  # type: ignore[assignment]
        queryset=Network.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Network
        fields = ["id", *services.NETWORK_FIELDS, "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]


class MembershipSerializer(serializers.ModelSerializer):
    network = VisibleField(Network)
    organisation = VisibleField(Organisation, required=False)
    member_network = VisibleField(Network, required=False, allow_null=True)
    stakeholder_type = serializers.CharField(source="organisation.stakeholder_type", read_only=True)

    class Meta:
        model = NetworkMembership
        fields = ["id", "network", "organisation", "member_network", "stakeholder_type", "joined_on", "left_on", "note"]
        read_only_fields = ["id", "left_on", "stakeholder_type"]


class EndMembershipSerializer(serializers.Serializer):
    left_on = serializers.DateField(required=False)


class HealthRuleSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field named like Field.label
    ok = serializers.BooleanField()
    detail = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]  # a field named like Field.source
    fix_url = serializers.CharField()
    critical = serializers.BooleanField()


class NetworkViewSet(
    KsrAPIMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Networks the user may see; writes where the user may edit (networks are deactivated, never deleted)."""

    serializer_class = NetworkSerializer
    filterset_class = NetworkFilter

    def get_queryset(self) -> QuerySet[Network]:
        return Network.objects.visible_to(self.request.user).select_related("territory")

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.do_create_network(serializer.validated_data, actor=self.request.user)

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = services.do_update_network(
            serializer.instance, serializer.validated_data, actor=self.request.user
        )

    @extend_schema(
        responses=inline_serializer(
            "LsrHealth",
            {
                "is_healthy": serializers.BooleanField(),
                "score": serializers.IntegerField(),
                "rules": HealthRuleSerializer(many=True),
            },
        )
    )
    @action(detail=True, methods=["get"])
    def health(self, request: Request, pk: str | None = None) -> Response:
        """The health of an LSR: the five rules, each with its source and where to fix it."""
        network = self.get_object()
        if not network.is_lsr:
            raise exceptions.NotFound
        report = lsr_health(network)
        return Response(
            {
                "is_healthy": report.is_healthy,
                "score": report.score,
                "rules": HealthRuleSerializer(report.rules, many=True).data,
            }
        )


class MembershipViewSet(
    KsrAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Memberships (current and past) of the networks the user may see; join with POST, leave with ``end``."""

    serializer_class = MembershipSerializer
    filterset_fields = ["network", "organisation"]

    def get_queryset(self) -> QuerySet[NetworkMembership]:
        return NetworkMembership.objects.visible_to(self.request.user).select_related("organisation")

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = services.do_add_member(
            data.pop("network"),
            data.get("organisation"),
            member_network=data.get("member_network"),
            joined_on=data.get("joined_on"),
            note=data.get("note", ""),
            actor=self.request.user,
        )

    @extend_schema(request=EndMembershipSerializer, responses=MembershipSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request: Request, pk: str | None = None) -> Response:
        """End the membership (it stays in the history)."""
        membership = self.get_object()
        payload = strict(EndMembershipSerializer)(data=request.data)
        payload.is_valid(raise_exception=True)
        updated = services.do_end_membership(
            membership, left_on=payload.validated_data.get("left_on"), actor=request.user
        )
        return Response(MembershipSerializer(updated, context=self.get_serializer_context()).data)


class _ChildViewSet(KsrAPIMixin, viewsets.ModelViewSet):
    """Records of one network: the network is given on creation and cannot change."""

    model: Any = None
    create_service: Any = None
    update_service: Any = None
    delete_service: Any = None
    filterset_fields = ["network"]

    def get_queryset(self) -> QuerySet[Any]:
        rows: QuerySet[Any] = self.model.objects.visible_to(self.request.user)
        return rows

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        network = data.pop("network")
        serializer.instance = type(self).create_service(network, data, actor=self.request.user)

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data.pop("network", None)
        if type(self).update_service is None:
            raise exceptions.MethodNotAllowed(self.request.method or "PUT")
        serializer.instance = type(self).update_service(serializer.instance, data, actor=self.request.user)

    def perform_destroy(self, instance: Any) -> None:
        if type(self).delete_service is None:
            raise exceptions.MethodNotAllowed("DELETE")
        type(self).delete_service(instance, actor=self.request.user)


def _child_serializer(model_: Any, fields: tuple[str, ...], **extra: Any) -> type[serializers.ModelSerializer]:
    attrs: dict[str, Any] = {"network": VisibleField(Network), **extra}
    attrs["Meta"] = type("Meta", (), {"model": model_, "fields": ["id", "network", *fields]})
    return type(f"{model_.__name__}Serializer", (serializers.ModelSerializer,), attrs)


AuspicesActSerializer = _child_serializer(AuspicesAct, services.AUSPICES_FIELDS)
TeamMemberSerializer = _child_serializer(TeamMember, services.TEAM_FIELDS, person=VisibleField(Person))
TechnicalAssistanceSerializer = _child_serializer(
    TechnicalAssistance, services.ASSISTANCE_FIELDS, lsr=VisibleField(Network)
)
RegionalTaskSerializer = _child_serializer(
    RegionalTask, services.TASK_FIELDS, owner=VisibleField(Person, required=False, allow_null=True)
)
RecommendationSerializer = _child_serializer(
    Recommendation,
    (*services.RECOMMENDATION_FIELDS, *services.RECOMMENDATION_M2M),
    source_lsrs=VisibleField(Network, many=True, required=False),
)


class AuspicesActViewSet(_ChildViewSet):
    """Acts of auspices of the LSRs (Model KSR, II.3, local level)."""

    model = AuspicesAct
    serializer_class = AuspicesActSerializer
    create_service = services.do_record_auspices
    delete_service = services.do_delete_auspices
    http_method_names = ["get", "post", "delete", "head", "options"]


class TeamMemberViewSet(_ChildViewSet):
    """ROWR / KOWR team members and their competences."""

    model = TeamMember
    serializer_class = TeamMemberSerializer
    create_service = services.do_add_team_member
    update_service = services.do_update_team_member
    delete_service = services.do_remove_team_member


class TechnicalAssistanceViewSet(_ChildViewSet):
    """Technical assistance an RSR gave to its LSRs."""

    model = TechnicalAssistance
    serializer_class = TechnicalAssistanceSerializer
    create_service = services.do_log_assistance
    update_service = services.do_update_assistance
    http_method_names = ["get", "post", "put", "patch", "head", "options"]


class RegionalTaskViewSet(_ChildViewSet):
    """Work on the six RPW tasks; status changes follow the task state machine."""

    model = RegionalTask
    serializer_class = RegionalTaskSerializer
    create_service = services.do_create_regional_task
    update_service = services.do_update_regional_task
    http_method_names = ["get", "post", "put", "patch", "head", "options"]


class RecommendationViewSet(_ChildViewSet):
    """The KSR knowledge base of recommendations drawn from LSR experience."""

    model = Recommendation
    serializer_class = RecommendationSerializer
    create_service = services.do_create_recommendation
    update_service = services.do_update_recommendation
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().prefetch_related("source_lsrs")


__all__ = [
    "AuspicesActViewSet",
    "MembershipViewSet",
    "NetworkViewSet",
    "RecommendationViewSet",
    "RegionalTaskViewSet",
    "TeamMemberViewSet",
    "TechnicalAssistanceViewSet",
]
