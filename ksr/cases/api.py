"""REST API of participants, cases, referrals and follow-ups (``/api/v1/cases/``).

Same scoping as the pages (``visible_to``), same FilterSets, writes through the services, and
every read of one participant or case is recorded in the audit trail. The sender of a referral
sees only its status and refusal reason (``SentReferralSerializer``).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from ksr.audit.services import record_read
from ksr.cases import services
from ksr.cases.choices import ExitReason, RefusalReason
from ksr.cases.filters import CaseFilter, FollowUpFilter, ParticipantFilter, ReferralFilter
from ksr.cases.models import Case, FollowUp, Participant, Referral
from ksr.cases.querysets import holder_organisation_ids, writer_organisation_ids
from ksr.core.api import KsrAPIMixin
from ksr.registry.choices import OrganisationKind
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


class ReferralAcceptSerializer(ReferralDecisionSerializer):
    """Accepting a referral: optionally the case manager (staff of the holder) and the decision date."""

    refusal_reason = None  # type: ignore[assignment]
    refusal_note = None  # type: ignore[assignment]
    case_manager = serializers.IntegerField(
        required=False, allow_null=True, help_text="User id of the case manager (staff of the holder KIS/CIS)."
    )
    decided_on = serializers.DateField(required=False, allow_null=True, help_text="Defaults to today.")


class CaseAssignSerializer(serializers.Serializer):
    case_manager = serializers.IntegerField(help_text="User id of the case manager (staff of the holder KIS/CIS).")


class CaseAdmissionSerializer(serializers.Serializer):
    admitted_on = serializers.DateField(required=False, allow_null=True, help_text="Defaults to today.")


class CaseOpsAgreementSerializer(serializers.Serializer):
    ops_agreement_organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(kind=OrganisationKind.OPS), help_text="The OPS whose head agreed."
    )
    ops_agreement_date = serializers.DateField()
    ops_agreement_reference = serializers.CharField(required=False, allow_blank=True)


class CaseExitSerializer(serializers.Serializer):
    exit_reason = serializers.ChoiceField(choices=ExitReason.choices)
    exited_on = serializers.DateField(required=False, allow_null=True, help_text="Defaults to today.")
    note = serializers.CharField(required=False, allow_blank=True)


class CaseGraduateSerializer(serializers.Serializer):
    graduated_at = serializers.DateField(
        required=False, allow_null=True, help_text="Defaults to the exit date, or today."
    )


class CaseTransferSerializer(serializers.Serializer):
    cis = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(kind=OrganisationKind.CIS), help_text="The receiving CIS."
    )
    exited_on = serializers.DateField(required=False, allow_null=True, help_text="Defaults to today.")
    note = serializers.CharField(required=False, allow_blank=True)


class FollowUpRecordSerializer(serializers.Serializer):
    done_on = serializers.DateField()
    findings = serializers.CharField(required=False, allow_blank=True)
    outcome = serializers.CharField(required=False, allow_blank=True)


def _staff_user(organisation_id: int, user_id: int | None) -> Any:
    """The user ``user_id`` if they are a case manager or manager of the organisation, else 400.

    One query, scoped by the membership: a user of another organisation is never fetched.
    """
    if user_id is None:
        return None
    from ksr.accounts.choices import Role
    from ksr.accounts.models import Membership

    staff = Membership.objects.active().filter(
        organisation_id=organisation_id, role__in=(Role.CASE_MANAGER, Role.ENTITY_MANAGER)
    )
    user = get_user_model().objects.filter(pk=user_id, memberships__in=staff).distinct().first()
    if user is None:
        raise exceptions.ValidationError({"case_manager": [_("The case manager must work in this KIS/CIS.")]})
    return user


def _body(serializer_class: Any, request: Request) -> dict[str, Any]:
    payload = serializer_class(data=request.data)
    payload.is_valid(raise_exception=True)
    return dict(payload.validated_data)


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
    """Cases of the KIS/CIS where you are staff; lifecycle actions (assign, start, admit-to-cis,
    ops-agreement, exit, graduate, transfer) go through the services."""

    serializer_class = CaseSerializer
    filterset_class = CaseFilter

    def get_queryset(self) -> QuerySet[Case]:
        return Case.objects.visible_to(self.request.user).select_related("participant")

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().retrieve(request, *args, **kwargs)
        _read(request, self.get_object(), "case (API)")
        return response

    def _act(self, request: Request, payload_class: Any, call: Any) -> Response:
        case = self.get_object()  # out of scope: 404 before anything else
        data = _body(payload_class, request)
        try:
            call(case, data)
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from exc
        case.refresh_from_db()
        return Response(CaseSerializer(case, context=self.get_serializer_context()).data)

    @extend_schema(request=CaseAssignSerializer, responses=CaseSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, pk: Any = None) -> Response:
        """Assign the case manager (also the responsible helper when none is set yet)."""
        return self._act(
            request,
            CaseAssignSerializer,
            lambda c, d: services.do_assign_case_manager(
                c, _staff_user(c.organisation_id, d["case_manager"]), actor=request.user
            ),
        )

    @extend_schema(request=CaseAdmissionSerializer, responses=CaseSerializer)
    @action(detail=True, methods=["post"])
    def start(self, request: Request, pk: Any = None) -> Response:
        """A KIS takes the qualified participant in (the case becomes active)."""
        return self._act(
            request,
            CaseAdmissionSerializer,
            lambda c, data: services.do_start_participation(c, actor=request.user, admitted_on=data.get("admitted_on")),
        )

    @extend_schema(request=CaseAdmissionSerializer, responses=CaseSerializer)
    @action(detail=True, methods=["post"], url_path="admit-to-cis")
    def admit_to_cis(self, request: Request, pk: Any = None) -> Response:
        """A CIS admits the participant (after the signed IPZS and the OPS head's agreement)."""
        return self._act(
            request,
            CaseAdmissionSerializer,
            lambda c, data: services.do_admit_to_cis(c, actor=request.user, admitted_on=data.get("admitted_on")),
        )

    @extend_schema(request=CaseOpsAgreementSerializer, responses=CaseSerializer)
    @action(detail=True, methods=["post"], url_path="ops-agreement")
    def ops_agreement(self, request: Request, pk: Any = None) -> Response:
        """Record the agreement of the head of the OPS of the participant's residence."""
        return self._act(
            request,
            CaseOpsAgreementSerializer,
            lambda c, data: services.do_record_ops_agreement(c, data, actor=request.user),
        )

    @extend_schema(request=CaseExitSerializer, responses=CaseSerializer)
    @action(detail=True, methods=["post"])
    def exit(self, request: Request, pk: Any = None) -> Response:
        """End the participation; schedules the follow-up six months after the exit."""
        return self._act(
            request,
            CaseExitSerializer,
            lambda c, data: services.do_exit_case(
                c,
                actor=request.user,
                reason=data["exit_reason"],
                exited_on=data.get("exited_on"),
                note=data.get("note", ""),
            ),
        )

    @extend_schema(request=CaseGraduateSerializer, responses=CaseSerializer)
    @action(detail=True, methods=["post"])
    def graduate(self, request: Request, pk: Any = None) -> Response:
        """Give the graduate status."""
        return self._act(
            request,
            CaseGraduateSerializer,
            lambda c, data: services.do_mark_graduate(c, actor=request.user, graduated_at=data.get("graduated_at")),
        )

    @extend_schema(request=CaseTransferSerializer, responses={201: SentReferralSerializer})
    @action(detail=True, methods=["post"])
    def transfer(self, request: Request, pk: Any = None) -> Response:
        """Exit the case as transferred to a CIS and send that CIS a referral (answers the referral sent)."""
        case = self.get_object()
        data = _body(CaseTransferSerializer, request)
        try:
            referral = services.do_transfer_to_cis(
                case, data["cis"], actor=request.user, exited_on=data.get("exited_on"), note=data.get("note", "")
            )
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from exc
        return Response(SentReferralSerializer(referral, context=self.get_serializer_context()).data, status=201)


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

    def _decide(
        self, request: Request, pk: Any, call: Any, payload_class: Any = ReferralDecisionSerializer
    ) -> Response:
        referral = self.get_object()
        if not self._full(referral):
            raise exceptions.NotFound
        payload = payload_class(data=request.data)
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

    @extend_schema(request=ReferralAcceptSerializer, responses=ReferralSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: Any = None) -> Response:
        """Accept: creates (or links) the participant and opens a qualified case, optionally with its
        case manager (who also becomes the responsible helper) and a past decision date."""
        return self._decide(
            request,
            pk,
            lambda r, d: services.do_accept_referral(
                r,
                actor=request.user,
                qualification_team=d.get("qualification_team", ""),
                case_manager=_staff_user(r.organisation_id, d.get("case_manager")),
                decided_on=d.get("decided_on"),
            ),
            payload_class=ReferralAcceptSerializer,
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

    @extend_schema(request=FollowUpRecordSerializer, responses=FollowUpSerializer)
    @action(detail=True, methods=["post"])
    def record(self, request: Request, pk: Any = None) -> Response:
        """Record the follow-up: the date it was done, the findings and the outcome."""
        follow_up = self.get_object()
        data = _body(FollowUpRecordSerializer, request)
        try:
            follow_up = services.do_record_follow_up(follow_up, data, actor=request.user)
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from exc
        return Response(FollowUpSerializer(follow_up, context=self.get_serializer_context()).data)

    def perform_update(self, serializer: Any) -> None:
        try:
            serializer.instance = services.do_record_follow_up(
                serializer.instance, serializer.validated_data, actor=self.request.user
            )
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from exc
