"""REST API of the privacy app (``/api/v1/privacy/``).

- ``consents``: the holder's staff list, read and record consents; ``helper-consent`` (the
  responsible helper) and ``withdraw`` actions. Reads are scoped (``Consent.objects.visible_to``),
  writes go through the services, a single consent read is audited.
- ``partner-participants``: a partner representative's view of the participants shared with their
  institution, built by the same function as the partner's pages (``ksr.privacy.partner``): the
  consent's data scope decides the name (or a pseudonym), the bookings and the attendance.
- ``aggregates``: counts of participants per KIS/CIS for users above the club, every count
  already suppressed (``"<5"`` for 1–4) — the numbers never leave the server unsuppressed.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.functional import cached_property
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from ksr.accounts.scope import scope_for
from ksr.cases.api import AuditedReadMixin, VisibleCaseField
from ksr.cases.models import Participant
from ksr.cases.reads import record_participant_reads
from ksr.core.api import KsrAPIMixin, strict
from ksr.privacy import aggregates
from ksr.privacy.access import partner_participants
from ksr.privacy.choices import DataScope
from ksr.privacy.filters import AggregateFilter, ConsentFilter, PartnerParticipantFilter, breakdown_of
from ksr.privacy.models import Consent
from ksr.privacy.partner import partner_detail_context, partner_views
from ksr.privacy.services import do_record_helper_consent, do_record_participant_consent, do_withdraw_consent
from ksr.registry.models import Organisation

PART_PARTNER_API_LIST = "partner-list (API)"
PART_PARTNER_API_DETAIL = "partner-minimal (API)"


class ConsentSerializer(serializers.ModelSerializer):
    case = VisibleCaseField()
    partner = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    data_scope = serializers.ListField(
        child=serializers.ChoiceField(choices=DataScope.choices), required=False, allow_empty=False
    )
    is_live = serializers.SerializerMethodField()

    class Meta:
        model = Consent
        fields = [
            "id",
            "participant",
            "case",
            "partner",
            "service",
            "service_reference",
            "data_scope",
            "participant_consent_on",
            "participant_consent_form",
            "participant_consent_document",
            "helper",
            "helper_consent_on",
            "valid_from",
            "valid_until",
            "status",
            "is_live",
            "withdrawn_at",
            "withdrawn_by",
            "withdrawal_reason",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "participant",
            "helper",
            "helper_consent_on",
            "status",
            "withdrawn_at",
            "withdrawn_by",
            "withdrawal_reason",
            "created_at",
            "updated_at",
        ]

    def get_is_live(self, obj: Consent) -> bool:
        return obj.is_live()


class HelperConsentSerializer(serializers.Serializer):
    given_on = serializers.DateField(required=False)


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class ConsentViewSet(AuditedReadMixin, KsrAPIMixin, mixins.ListModelMixin, mixins.CreateModelMixin):
    """Consents to share participants' minimal data with partners (holder staff only)."""

    serializer_class = ConsentSerializer
    filterset_class = ConsentFilter
    read_part = "consent"
    participant_path = "participant"

    def get_queryset(self) -> QuerySet[Consent]:
        return Consent.objects.visible_to(self.request.user).select_related("participant", "case")

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        case = data.pop("case")
        serializer.instance = do_record_participant_consent(case, data, actor=self.request.user)

    @extend_schema(request=HelperConsentSerializer, responses=ConsentSerializer)
    @action(detail=True, methods=["post"], url_path="helper-consent")
    def helper_consent(self, request: Request, pk: str | None = None) -> Response:
        consent = self.get_object()
        payload = strict(HelperConsentSerializer)(data=request.data)
        payload.is_valid(raise_exception=True)
        consent = do_record_helper_consent(consent, actor=request.user, given_on=payload.validated_data.get("given_on"))
        return Response(ConsentSerializer(consent, context=self.get_serializer_context()).data)

    @extend_schema(request=WithdrawSerializer, responses=ConsentSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        consent = self.get_object()
        payload = strict(WithdrawSerializer)(data=request.data)
        payload.is_valid(raise_exception=True)
        consent = do_withdraw_consent(consent, payload.validated_data["reason"], actor=request.user)
        return Response(ConsentSerializer(consent, context=self.get_serializer_context()).data)


class AggregateSerializer(serializers.Serializer):
    organisation_id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField()
    seat = serializers.CharField()
    seat_code = serializers.CharField()
    total = serializers.CharField(help_text='Participants; "<5" for 1–4.')
    counts = serializers.DictField(
        child=serializers.CharField(),
        help_text=(
            'Per column of the chosen breakdown (status_<status>, elig_<category id>, area_<sector>); "<5" for 1–4.'
        ),
    )

    def to_representation(self, instance: Any) -> Any:
        return super().to_representation(aggregates.suppressed_row(instance, self.context["columns"]))


class AggregateViewSet(KsrAPIMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Counts of participants per KIS/CIS in the user's reach; every count under 5 shows as "<5"."""

    serializer_class = AggregateSerializer
    filterset_class = AggregateFilter

    def get_queryset(self) -> QuerySet[Organisation]:
        if getattr(self, "swagger_fake_view", False):
            return Organisation.objects.none()
        if not scope_for(self.request.user).has_any_role(aggregates.AGGREGATE_ROLES):
            raise PermissionDenied
        return aggregates.holders_in_scope(self.request.user)

    @cached_property
    def columns(self) -> list[aggregates.CountColumn]:
        return aggregates.count_columns(breakdown_of(self.request.query_params))

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "columns": self.columns}

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return aggregates.annotated_holders(super().filter_queryset(queryset), self.columns)


class PartnerConsentSerializer(serializers.Serializer):
    service = serializers.CharField(help_text="The service the participant was referred to.")
    partner = serializers.CharField(source="partner.name", help_text="Your institution named by the consent.")
    valid_until = serializers.DateField()


class PartnerParticipantSerializer(serializers.Serializer):
    """A participant as a partner institution sees them (``ksr.privacy.partner``): the name only when
    a live consent shares it, otherwise a pseudonym stable for your institution; nothing else."""

    id = serializers.IntegerField(source="pk")
    name = serializers.CharField(help_text="The full name when a consent shares it, otherwise a pseudonym.")
    named = serializers.BooleanField(help_text="Whether `name` is the person's name (false: a pseudonym).")
    holder = serializers.CharField(help_text="The KIS/CIS that shares the participant.")
    data_scope = serializers.SerializerMethodField(help_text="What the live consents share.")
    consents = PartnerConsentSerializer(many=True)

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=DataScope.choices)))
    def get_data_scope(self, view: Any) -> list[str]:
        return sorted(view.scope)


class PartnerParticipantDetailSerializer(PartnerParticipantSerializer):
    """One shared participant, with the bookings and the attendance when the consent shares them
    (the keys are absent otherwise)."""

    bookings = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="Booked services with your institution."
    )
    attendance = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="Attendance at your institution's classes."
    )

    def to_representation(self, instance: Any) -> Any:
        context, view = instance, instance["view"]
        data = super().to_representation(view)
        data["bookings"] = [str(b) for b in context["bookings"] or []]
        data["attendance"] = [str(a) for a in context["attendance"] or []]
        if not view.shows_services:
            data.pop("bookings")
        if not view.shows_attendance:
            data.pop("attendance")
        return data


class PartnerParticipantViewSet(KsrAPIMixin, viewsets.GenericViewSet):
    """Participants shared with your institution (partner representatives): the same rules as the
    partner's pages — the consent's scope decides what is shown, every read is recorded."""

    filterset_class = PartnerParticipantFilter
    serializer_class = PartnerParticipantSerializer

    def get_queryset(self) -> QuerySet[Participant]:
        return partner_participants(self.request.user).select_related("organisation").order_by("pk")

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        shown = list(page if page is not None else queryset)
        views = partner_views(request.user, shown)
        record_participant_reads(request, shown, path="", part=PART_PARTNER_API_LIST)
        data = PartnerParticipantSerializer(views, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    @extend_schema(responses=PartnerParticipantDetailSerializer)
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        participant = self.get_object()
        context = partner_detail_context(request.user, participant)
        record_participant_reads(request, [participant], path="", part=PART_PARTNER_API_DETAIL)
        return Response(PartnerParticipantDetailSerializer(context).data)
