"""REST API of partnerships (``/api/v1/partnerships/``): scoped reads, writes through the services."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from ksr.core.api import KsrAPIMixin
from ksr.networks.models import Network
from ksr.partnerships import services
from ksr.partnerships.choices import ConclusionStatus, PactStatus, PartnershipStatus
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


def _api_error(exc: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(exc, "error_dict"):
        return exceptions.ValidationError(
            {("non_field_errors" if k == NON_FIELD_ERRORS else k): v for k, v in exc.message_dict.items()}
        )
    return exceptions.ValidationError({"non_field_errors": exc.messages})


class VisibleField(serializers.PrimaryKeyRelatedField):
    model: Any = None

    def get_queryset(self) -> QuerySet[Any]:
        request = self.context.get("request")
        return self.model.objects.visible_to(getattr(request, "user", None))


class OrganisationField(VisibleField):
    model = Organisation


class NetworkField(VisibleField):
    model = Network


class PartnershipField(VisibleField):
    model = Partnership


class PactField(VisibleField):
    model = Pact


class PartnershipSerializer(serializers.ModelSerializer):
    network = NetworkField()
    leader = OrganisationField(required=False)

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
    partnership = PartnershipField()
    organisation = OrganisationField()

    class Meta:
        model = Partner
        fields = ["id", "partnership", "organisation", "role", "role_description", "joined_on", "left_on"]
        read_only_fields = ["id", "left_on"]


class ActionTaskSerializer(serializers.ModelSerializer):
    partnership = PartnershipField()
    owner = OrganisationField()

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
    organisation = OrganisationField()
    pact = PactField()

    class Meta:
        model = PactSignatory
        fields = ["id", "pact", "organisation", "representative", "joined_on", "withdrawn_on", "withdrawal_reason"]
        read_only_fields = ["id", "withdrawn_on", "withdrawal_reason"]
        extra_kwargs = {"joined_on": {"required": False}}


class PactWithdrawSerializer(serializers.Serializer):
    withdrawn_on = serializers.DateField(required=False)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=300)


class PactSerializer(serializers.ModelSerializer):
    network = NetworkField()
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
    network = NetworkField()

    class Meta:
        model = SynergyTeam
        fields = ["id", "network", *services.TEAM_FIELDS]
        read_only_fields = ["id"]


class AttitudeSerializer(serializers.ModelSerializer):
    network = NetworkField()
    organisation = OrganisationField()

    class Meta:
        model = AttitudeAssessment
        fields = ["id", "network", "organisation", "assessed_on", "attitude", "note"]
        read_only_fields = ["id"]
        validators: list[Any] = []


class _Writes:
    request: Any

    def _call(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, actor=self.request.user, **kwargs)
        except DjangoValidationError as exc:
            raise _api_error(exc) from exc


class PartnershipViewSet(_Writes, KsrAPIMixin, viewsets.ModelViewSet):
    """Partnerships in the networks the user may see; writes where the network is editable."""

    serializer_class = PartnershipSerializer
    filterset_class = PartnershipFilter
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Partnership]:
        return Partnership.objects.visible_to(self.request.user).select_related("network", "leader")

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        network = data.pop("network")
        serializer.instance = self._call(services.do_create_partnership, network, data)

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data.pop("network", None)
        serializer.instance = self._call(services.do_update_partnership, serializer.instance, data)

    @extend_schema(request=TransitionSerializer, responses=PartnershipSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        partnership = self.get_object()
        body = TransitionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        partnership = self._call(services.do_transition_partnership, partnership, body.validated_data["status"])
        return Response(PartnershipSerializer(partnership, context=self.get_serializer_context()).data)


class PartnerViewSet(
    _Writes, KsrAPIMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    serializer_class = PartnerSerializer
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Partner]:
        return Partner.objects.visible_to(self.request.user).select_related("organisation")

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        partnership, organisation = data.pop("partnership"), data.pop("organisation")
        serializer.instance = self._call(services.do_add_partner, partnership, organisation, data)

    def perform_update(self, serializer: Any) -> None:
        data = {k: v for k, v in serializer.validated_data.items() if k in services.PARTNER_FIELDS}
        serializer.instance = self._call(services.do_update_partner, serializer.instance, data)


class ActionTaskViewSet(
    _Writes, KsrAPIMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    serializer_class = ActionTaskSerializer
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[ActionTask]:
        return ActionTask.objects.visible_to(self.request.user)

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        partnership = data.pop("partnership")
        serializer.instance = self._call(services.do_create_task, partnership, data)

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data.pop("partnership", None)
        serializer.instance = self._call(services.do_update_task, serializer.instance, data)


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
        if status not in ConclusionStatus.values:
            raise exceptions.ValidationError({"status": ["?"]})
        serializer.instance = self._call(services.do_set_conclusion_status, serializer.instance, status)


class PactViewSet(
    _Writes, KsrAPIMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    serializer_class = PactSerializer
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Pact]:
        return Pact.objects.visible_to(self.request.user)

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        network = data.pop("network")
        serializer.instance = self._call(services.do_create_pact, network, data)

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data.pop("network", None)
        serializer.instance = self._call(services.do_update_pact, serializer.instance, data)

    @extend_schema(request=PactTransitionSerializer, responses=PactSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        pact = self.get_object()
        body = PactTransitionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        pact = self._call(services.do_transition_pact, pact, body.validated_data["status"])
        return Response(PactSerializer(pact, context=self.get_serializer_context()).data)


class PactSignatoryViewSet(_Writes, KsrAPIMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Signatories (history included); POST joins the Pact, ``withdraw`` records a withdrawal."""

    serializer_class = PactSignatorySerializer

    def get_queryset(self) -> QuerySet[PactSignatory]:
        return PactSignatory.objects.filter(pact__in=Pact.objects.visible_to(self.request.user))

    def perform_create(self, serializer: Any) -> None:
        data = serializer.validated_data
        serializer.instance = self._call(
            services.do_join_pact,
            data["pact"],
            data["organisation"],
            joined_on=data.get("joined_on"),
            representative=data.get("representative", ""),
        )

    @extend_schema(request=PactWithdrawSerializer, responses=PactSignatorySerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        signatory = self.get_object()
        body = PactWithdrawSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        signatory = self._call(
            services.do_withdraw_from_pact,
            signatory,
            on=body.validated_data.get("withdrawn_on"),
            reason=body.validated_data.get("reason", ""),
        )
        return Response(PactSignatorySerializer(signatory, context=self.get_serializer_context()).data)


class SynergyTeamViewSet(
    _Writes, KsrAPIMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    serializer_class = SynergyTeamSerializer
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[SynergyTeam]:
        return SynergyTeam.objects.visible_to(self.request.user)

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        network = data.pop("network")
        serializer.instance = self._call(services.do_create_team, network, data)

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data.pop("network", None)
        serializer.instance = self._call(services.do_update_team, serializer.instance, data)


class AttitudeViewSet(_Writes, KsrAPIMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = AttitudeSerializer

    def get_queryset(self) -> QuerySet[AttitudeAssessment]:
        return AttitudeAssessment.objects.visible_to(self.request.user).select_related("organisation")

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        network = data.pop("network")
        serializer.instance = self._call(services.do_record_attitude, network, data)
