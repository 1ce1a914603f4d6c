"""REST API of participants, cases, referrals and follow-ups (``/api/v1/cases/``).

Same scoping as the pages (``visible_to``), same FilterSets, writes through the services, and
every read of one participant or case is recorded in the audit trail. The sender of a referral
sees only its status and refusal reason (``SentReferralSerializer``).
"""

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

from ksr.audit.services import record_read
from ksr.cases import services
from ksr.cases.choices import RefusalReason
from ksr.cases.filters import CaseFilter, FollowUpFilter, ParticipantFilter, ReferralFilter
from ksr.cases.models import Case, FollowUp, Participant, Referral
from ksr.cases.querysets import holder_organisation_ids, writer_organisation_ids
from ksr.core.api import KsrAPIMixin
from ksr.registry.models import Organisation
from ksr.territory.choices import UnitLevel
from ksr.territory.models import TerritorialUnit


def _as_api_error(exc: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(exc, "error_dict"):
        return exceptions.ValidationError(
            {("non_field_errors" if k == NON_FIELD_ERRORS else k): v for k, v in exc.message_dict.items()}
        )
    return exceptions.ValidationError({"non_field_errors": exc.messages})


def _read(request: Request, obj: Any, part: str) -> None:
    record_read(obj, actor=request.user, part=part, ip_address=request.META.get("REMOTE_ADDR") or None)


class ParticipantSerializer(serializers.ModelSerializer):
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), help_text="The holder KIS/CIS (one where you are staff)."
    )
    residence_gmina = serializers.SlugRelatedField(
        slug_field="code",
        queryset=TerritorialUnit.objects.current().filter(level=UnitLevel.GMINA),
        required=False,
        allow_null=True,
        help_text="TERYT code of the gmina (7 digits).",
    )
    pesel = serializers.CharField(required=False, allow_blank=True, max_length=20)

    class Meta:
        model = Participant
        fields = ["id", "organisation", *services.PARTICIPANT_FIELDS, "birth_date", "sex", "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]

    def validate_organisation(self, value: Organisation) -> Organisation:
        request = self.context["request"]
        if value.pk not in writer_organisation_ids(request.user):
            raise serializers.ValidationError("You may not register participants of this organisation.")
        if self.instance is not None and value.pk != self.instance.organisation_id:
            raise serializers.ValidationError("A participant cannot be moved to another organisation.")
        return value


class CaseSerializer(serializers.ModelSerializer):
    participant_name = serializers.CharField(source="participant.__str__", read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "participant",
            "participant_name",
            "organisation",
            "status",
            "case_manager",
            "responsible_helper",
            "opened_on",
            "admitted_on",
            "exited_on",
            "exit_reason",
            "graduated_at",
            "ops_agreement_organisation",
            "ops_agreement_date",
            "ops_agreement_reference",
        ]
        read_only_fields = fields


class ReferralSerializer(serializers.ModelSerializer):
    """The full referral, for the receiving KIS/CIS."""

    class Meta:
        model = Referral
        fields = [
            "id",
            *services.REFERRAL_FIELDS,
            "status",
            "qualification_team",
            "decided_on",
            "refusal_reason",
            "refusal_note",
            "participant",
            "case",
        ]
        read_only_fields = [
            "id",
            "status",
            "qualification_team",
            "decided_on",
            "refusal_reason",
            "refusal_note",
            "participant",
            "case",
        ]


class SentReferralSerializer(serializers.ModelSerializer):
    """What the sender sees of its referral: the status and the refusal reason."""

    class Meta:
        model = Referral
        fields = [
            "id",
            "organisation",
            "sender_reference",
            "sent_on",
            "status",
            "decided_on",
            "refusal_reason",
            "refusal_note",
        ]
        read_only_fields = fields


class ReferralDecisionSerializer(serializers.Serializer):
    qualification_team = serializers.CharField(required=False, allow_blank=True)
    refusal_reason = serializers.ChoiceField(choices=RefusalReason.choices, required=False)
    refusal_note = serializers.CharField(required=False, allow_blank=True)


class FollowUpSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUp
        fields = ["id", "case", "due_on", "done_on", "findings", "outcome"]
        read_only_fields = ["id", "case", "due_on"]


class ParticipantViewSet(
    KsrAPIMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Participants of the KIS/CIS where you are staff; each read of one participant is audited."""

    serializer_class = ParticipantSerializer
    filterset_class = ParticipantFilter

    def get_queryset(self) -> QuerySet[Participant]:
        return Participant.objects.visible_to(self.request.user).select_related("residence_gmina")

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().retrieve(request, *args, **kwargs)
        _read(request, self.get_object(), "profile (API)")
        return response

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        organisation = data.pop("organisation")
        try:
            serializer.instance = services.do_create_participant(organisation, data, actor=self.request.user)
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from exc

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data.pop("organisation", None)
        try:
            serializer.instance = services.do_update_participant(serializer.instance, data, actor=self.request.user)
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from exc


class CaseViewSet(KsrAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Cases of the KIS/CIS where you are staff (writes through the pages' lifecycle actions)."""

    serializer_class = CaseSerializer
    filterset_class = CaseFilter

    def get_queryset(self) -> QuerySet[Case]:
        return Case.objects.visible_to(self.request.user).select_related("participant")

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().retrieve(request, *args, **kwargs)
        _read(request, self.get_object(), "case (API)")
        return response


class ReferralViewSet(
    KsrAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Referrals received (full) and sent (status and refusal reason only)."""

    filterset_class = ReferralFilter

    def get_queryset(self) -> QuerySet[Referral]:
        return Referral.objects.visible_to(self.request.user).select_related("organisation")

    def _full(self, referral: Referral | None = None) -> bool:
        if referral is None:
            return False
        return referral.organisation_id in holder_organisation_ids(self.request.user)

    def get_serializer_class(self) -> Any:
        if self.action in ("create", "accept", "refuse", "review"):
            return ReferralSerializer
        return SentReferralSerializer if self.action == "list" else ReferralSerializer

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Lists show the status view for every row (open one referral for its full record)."""
        return super().list(request, *args, **kwargs)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        referral = self.get_object()
        if not self._full(referral):
            return Response(SentReferralSerializer(referral, context=self.get_serializer_context()).data)
        _read(request, referral, "referral (API)")
        return Response(ReferralSerializer(referral, context=self.get_serializer_context()).data)

    def perform_create(self, serializer: Any) -> None:
        try:
            serializer.instance = services.do_send_referral(serializer.validated_data, actor=self.request.user)
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from exc

    def _decide(self, request: Request, pk: Any, call: Any) -> Response:
        referral = self.get_object()
        if not self._full(referral):
            raise exceptions.NotFound
        payload = ReferralDecisionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            call(referral, payload.validated_data)
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from exc
        referral.refresh_from_db()
        return Response(ReferralSerializer(referral, context=self.get_serializer_context()).data)

    @extend_schema(request=ReferralDecisionSerializer, responses=ReferralSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: Any = None) -> Response:
        return self._decide(
            request,
            pk,
            lambda r, d: services.do_start_review(
                r, actor=request.user, qualification_team=d.get("qualification_team", "")
            ),
        )

    @extend_schema(request=ReferralDecisionSerializer, responses=ReferralSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: Any = None) -> Response:
        return self._decide(
            request,
            pk,
            lambda r, d: services.do_accept_referral(
                r, actor=request.user, qualification_team=d.get("qualification_team", "")
            ),
        )

    @extend_schema(request=ReferralDecisionSerializer, responses=ReferralSerializer)
    @action(detail=True, methods=["post"])
    def refuse(self, request: Request, pk: Any = None) -> Response:
        return self._decide(
            request,
            pk,
            lambda r, d: services.do_refuse_referral(
                r,
                actor=request.user,
                reason=d.get("refusal_reason", ""),
                note=d.get("refusal_note", ""),
                qualification_team=d.get("qualification_team", ""),
            ),
        )


class FollowUpViewSet(
    KsrAPIMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet
):
    """Follow-ups six months after exit, of the cases you see; record them with PUT/PATCH."""

    serializer_class = FollowUpSerializer
    filterset_class = FollowUpFilter

    def get_queryset(self) -> QuerySet[FollowUp]:
        return FollowUp.objects.visible_to(self.request.user)

    def perform_update(self, serializer: Any) -> None:
        try:
            serializer.instance = services.do_record_follow_up(
                serializer.instance, serializer.validated_data, actor=self.request.user
            )
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from exc
