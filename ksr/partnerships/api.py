"""REST API of partnerships (``/api/v1/partnerships/``): scoped reads, writes through the services."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from ksr.core.api import KsrAPIMixin, strict
from ksr.core.serializers import VisibleField
from ksr.networks.models import Network
from ksr.partnerships import services
from ksr.partnerships.choices import PactStatus, PartnershipStatus
from ksr.partnerships.filters import PartnershipFilter
from ksr.partnerships.models import (
    ActionTask,
    AttitudeAssessment,
    Conclusion,
    Pact,
    PactSignatory,
    Partner,
    Partnership,
    SynergyTeam,
)
from ksr.registry.models import Organisation


class PartnershipSerializer(serializers.ModelSerializer):
    network = VisibleField(Network)
    leader = VisibleField(Organisation, required=False)

    class Meta:
        model = Partnership
        fields = [
            "id",
            "network",
            "name",
            "goal",
            "form",
            "status",
            "leader",
            "plan_from_year",
            "plan_to_year",
            "signed_on",
            "dissolved_on",
        ]
        read_only_fields = ["id", "status", "signed_on", "dissolved_on"]


class TransitionSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=PartnershipStatus.choices)


class PactTransitionSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=PactStatus.choices)


class PartnerSerializer(serializers.ModelSerializer):
    partnership = VisibleField(Partnership)
    organisation = VisibleField(Organisation)

    class Meta:
        model = Partner
        fields = ["id", "partnership", "organisation", "role", "role_description", "joined_on", "left_on"]
        read_only_fields = ["id", "left_on"]


class ActionTaskSerializer(serializers.ModelSerializer):
    partnership = VisibleField(Partnership)
    owner = VisibleField(Organisation)

    class Meta:
        model = ActionTask
        fields = [
            "id",
            "partnership",
            "title",
            "owner",
            "responsible_person",
            "year",
            "quarter",
            "starts_on",
            "ends_on",
            "status",
        ]
        read_only_fields = ["id"]


class ConclusionSerializer(serializers.ModelSerializer):
    is_overdue = serializers.BooleanField(read_only=True)
    partnership = serializers.IntegerField(source="evaluation.partnership_id", read_only=True)

    class Meta:
        model = Conclusion
        fields = ["id", "evaluation", "partnership", "text", "assignee", "due_on", "status", "done_on", "is_overdue"]
        read_only_fields = ["id", "evaluation", "partnership", "text", "assignee", "due_on", "done_on"]


class PactSignatorySerializer(serializers.ModelSerializer):
    organisation = VisibleField(Organisation)
    pact = VisibleField(Pact)

    class Meta:
        model = PactSignatory
        fields = ["id", "pact", "organisation", "representative", "joined_on", "withdrawn_on", "withdrawal_reason"]
        read_only_fields = ["id", "withdrawn_on", "withdrawal_reason"]
        extra_kwargs = {"joined_on": {"required": False}}


class PactWithdrawSerializer(serializers.Serializer):
    withdrawn_on = serializers.DateField(required=False)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=300)


class PactSerializer(serializers.ModelSerializer):
    network = VisibleField(Network)
    active_signatories = serializers.SerializerMethodField()

    class Meta:
        model = Pact
        fields = [
            "id",
            "network",
            "title",
            "status",
            "original_keeper",
            "copies",
            "signed_on",
            "dissolved_on",
            "dissolution_reason",
            "active_signatories",
        ]
        read_only_fields = ["id", "status", "signed_on", "dissolved_on", "dissolution_reason"]

    def get_active_signatories(self, obj: Pact) -> int:
        return services.active_signatory_count(obj)


class SynergyTeamSerializer(serializers.ModelSerializer):
    network = VisibleField(Network)

    class Meta:
        model = SynergyTeam
        fields = ["id", "network", *services.TEAM_FIELDS]
        read_only_fields = ["id"]


class AttitudeSerializer(serializers.ModelSerializer):
    network = VisibleField(Network)
    organisation = VisibleField(Organisation)

    class Meta:
        model = AttitudeAssessment
        fields = ["id", "network", "organisation", "assessed_on", "attitude", "note"]
        read_only_fields = ["id"]
        validators: list[Any] = []


class _Writes:
    """Writes through the services: ``create_service(parent, data, actor=…)`` with the parent taken
    from ``parent_field``, ``update_service(obj, data, actor=…)``. Their ``ValidationError`` and
    ``PermissionDenied`` answer 400 and 403 through the core exception handler."""

    request: Any
    get_object: Any  # the viewset's
    get_serializer_context: Any  # the viewset's
    parent_field = "network"
    create_service: Any = None
    update_service: Any = None

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        parent = data.pop(self.parent_field)
        serializer.instance = type(self).create_service(parent, data, actor=self.request.user)

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data.pop(self.parent_field, None)
        serializer.instance = type(self).update_service(serializer.instance, data, actor=self.request.user)

    def _transition(self, service: Any, body_class: Any, response_class: Any) -> Response:
        obj = self.get_object()
        body = strict(body_class)(data=self.request.data)
        body.is_valid(raise_exception=True)
        obj = service(obj, body.validated_data["status"], actor=self.request.user)
        return Response(response_class(obj, context=self.get_serializer_context()).data)


class PartnershipViewSet(_Writes, KsrAPIMixin, viewsets.ModelViewSet):
    """Partnerships in the networks the user may see; writes where the network is editable."""

    serializer_class = PartnershipSerializer
    filterset_class = PartnershipFilter
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    create_service = services.do_create_partnership
    update_service = services.do_update_partnership

    def get_queryset(self) -> QuerySet[Partnership]:
        return Partnership.objects.visible_to(self.request.user).select_related("network", "leader")

    @extend_schema(request=TransitionSerializer, responses=PartnershipSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        return self._transition(services.do_transition_partnership, TransitionSerializer, PartnershipSerializer)


class PartnerViewSet(
    _Writes, KsrAPIMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    serializer_class = PartnerSerializer
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Partner]:
        return Partner.objects.visible_to(self.request.user).select_related("organisation")

    update_service = services.do_update_partner

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        partnership, organisation = data.pop("partnership"), data.pop("organisation")
        serializer.instance = services.do_add_partner(partnership, organisation, data, actor=self.request.user)

    def perform_update(self, serializer: Any) -> None:
        data = {k: v for k, v in serializer.validated_data.items() if k in services.PARTNER_FIELDS}
        serializer.instance = services.do_update_partner(serializer.instance, data, actor=self.request.user)


class ActionTaskViewSet(
    _Writes, KsrAPIMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    serializer_class = ActionTaskSerializer
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    parent_field = "partnership"
    create_service = services.do_create_task
    update_service = services.do_update_task

    def get_queryset(self) -> QuerySet[ActionTask]:
        return ActionTask.objects.visible_to(self.request.user)


class ConclusionViewSet(_Writes, KsrAPIMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Evaluation conclusions binding partners; only their status (open/done) is written here."""

    serializer_class = ConclusionSerializer
    http_method_names = ["get", "put", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Conclusion]:
        qs = Conclusion.objects.visible_to(self.request.user).select_related("evaluation")
        assignee = self.request.query_params.get("assignee")
        if assignee and assignee.isdigit():
            qs = qs.filter(assignee_id=int(assignee))
        return qs

    def perform_update(self, serializer: Any) -> None:
        status = serializer.validated_data.get("status", serializer.instance.status)
        serializer.instance = services.do_set_conclusion_status(serializer.instance, status, actor=self.request.user)


class PactViewSet(
    _Writes, KsrAPIMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    serializer_class = PactSerializer
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    create_service = services.do_create_pact
    update_service = services.do_update_pact

    def get_queryset(self) -> QuerySet[Pact]:
        return Pact.objects.visible_to(self.request.user)

    @extend_schema(request=PactTransitionSerializer, responses=PactSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        return self._transition(services.do_transition_pact, PactTransitionSerializer, PactSerializer)


class PactSignatoryViewSet(_Writes, KsrAPIMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Signatories (history included); POST joins the Pact, ``withdraw`` records a withdrawal."""

    serializer_class = PactSignatorySerializer

    def get_queryset(self) -> QuerySet[PactSignatory]:
        return PactSignatory.objects.filter(pact__in=Pact.objects.visible_to(self.request.user))

    def perform_create(self, serializer: Any) -> None:
        data = serializer.validated_data
        serializer.instance = services.do_join_pact(
            data["pact"],
            data["organisation"],
            actor=self.request.user,
            joined_on=data.get("joined_on"),
            representative=data.get("representative", ""),
        )

    @extend_schema(request=PactWithdrawSerializer, responses=PactSignatorySerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        signatory = self.get_object()
        body = strict(PactWithdrawSerializer)(data=request.data)
        body.is_valid(raise_exception=True)
        signatory = services.do_withdraw_from_pact(
            signatory,
            actor=request.user,
            on=body.validated_data.get("withdrawn_on"),
            reason=body.validated_data.get("reason", ""),
        )
        return Response(PactSignatorySerializer(signatory, context=self.get_serializer_context()).data)


class SynergyTeamViewSet(
    _Writes, KsrAPIMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    serializer_class = SynergyTeamSerializer
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    create_service = services.do_create_team
    update_service = services.do_update_team

    def get_queryset(self) -> QuerySet[SynergyTeam]:
        return SynergyTeam.objects.visible_to(self.request.user)


class AttitudeViewSet(_Writes, KsrAPIMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = AttitudeSerializer

    create_service = services.do_record_attitude

    def get_queryset(self) -> QuerySet[AttitudeAssessment]:
        return AttitudeAssessment.objects.visible_to(self.request.user).select_related("organisation")
