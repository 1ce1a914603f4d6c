"""REST API of participants, cases, referrals and follow-ups (``/api/v1/cases/``).

Same scoping as the pages (``visible_to``), same FilterSets, writes through the services, and
every read of one participant or case is recorded in the audit trail. The sender of a referral
sees only its status and refusal reason (``SentReferralSerializer``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from django.contrib.auth.models import AnonymousUser
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from ksr.accounts.models import User
from ksr.audit.services import record_read
from ksr.cases import services
from ksr.cases.choices import ExitReason, RefusalReason
from ksr.cases.filters import CaseFilter, FollowUpFilter, ParticipantFilter, ReferralFilter
from ksr.cases.models import Case, FollowUp, Participant, Referral
from ksr.cases.querysets import case_manager_candidates, holder_organisation_ids, writer_organisation_ids
from ksr.cases.reads import ParticipantReadsMixin
from ksr.cases.special import SpecialCategorySerializerMixin
from ksr.core.api import KsrAPIMixin, strict
from ksr.core.types import AnyUser
from ksr.registry.choices import OrganisationKind
from ksr.registry.models import Organisation
from ksr.territory.choices import UnitLevel
from ksr.territory.models import TerritorialUnit


def _read(request: Request, obj: Model, part: str) -> None:
    record_read(obj, actor=request.user, part=part, ip_address=request.META.get("REMOTE_ADDR") or None)


def context_user(context: dict[str, Any]) -> AnyUser:
    """The user of the request in a serializer's context (anonymous without one)."""
    request = context.get("request")
    return request.user if request is not None else AnonymousUser()


@extend_schema_field(OpenApiTypes.INT)
class VisibleCaseField(serializers.PrimaryKeyRelatedField):
    """A case the caller sees (``Case.objects.visible_to``): others answer "does not exist"."""

    def get_queryset(self) -> QuerySet[Case]:
        return Case.objects.visible_to(context_user(self.context))


class ParticipantSerializer(SpecialCategorySerializerMixin, serializers.ModelSerializer):
    """A participant; the special-category fields (``Participant.special_category_fields``) are
    present only for the case managers and specialists of the holder (ADR 0004, 0010)."""

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

    def special_write_owner(self, validated: dict[str, Any]) -> Any:
        if self.instance is not None:
            return self.instance
        return Participant(organisation=validated["organisation"]) if "organisation" in validated else None

    def validate_organisation(self, value: Organisation) -> Organisation:
        request = self.context["request"]
        if value.pk not in writer_organisation_ids(request.user):
            raise serializers.ValidationError(_("You may not register participants of this organisation."))
        if self.instance is not None and value.pk != self.instance.organisation_id:
            raise serializers.ValidationError(_("A participant cannot be moved to another organisation."))
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


# What the decision of the receiving KIS/CIS adds to a referral (written by the decision services only).
DECISION_FIELDS = (
    "status",
    "qualification_team",
    "decided_on",
    "refusal_reason",
    "refusal_note",
    "participant",
    "case",
)


class ReferralSerializer(serializers.ModelSerializer):
    """The full referral, for the receiving KIS/CIS."""

    class Meta:
        model = Referral
        fields = ["id", *services.REFERRAL_FIELDS, *DECISION_FIELDS]
        read_only_fields = ["id", *DECISION_FIELDS]


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


class QualificationTeamSerializer(serializers.Serializer):
    qualification_team = serializers.CharField(required=False, allow_blank=True)


class ReferralDecisionSerializer(QualificationTeamSerializer):
    refusal_reason = serializers.ChoiceField(choices=RefusalReason.choices, required=False)
    refusal_note = serializers.CharField(required=False, allow_blank=True)


class ReferralAcceptSerializer(QualificationTeamSerializer):
    """Accepting a referral: optionally the case manager (staff of the holder) and the decision date."""

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


class CaseAdmissionCorrectionSerializer(serializers.Serializer):
    admitted_on = serializers.DateField(help_text="The correct admission date.")
    reason = serializers.CharField(help_text="Why the recorded date was wrong (kept on record).")


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


def _staff_user(organisation_id: int, user_id: int | None) -> User | None:
    """The user ``user_id`` if they are a case manager or manager of the organisation, else 400.

    One query, scoped by the membership: a user of another organisation is never fetched.
    """
    if user_id is None:
        return None
    user = case_manager_candidates(organisation_id).filter(pk=user_id).first()
    if user is None:
        raise exceptions.ValidationError({"case_manager": [_("The case manager must work in this KIS/CIS.")]})
    return user


def _team(payload: dict[str, Any]) -> str:
    return str(payload.get("qualification_team", ""))


def _body(serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    payload = strict(serializer_class)(data=request.data)
    payload.is_valid(raise_exception=True)
    return dict(payload.validated_data)


class FollowUpSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUp
        fields = ["id", "case", "due_on", "done_on", "findings", "outcome"]
        read_only_fields = ["id", "case", "due_on"]


class AuditedReadMixin(ParticipantReadsMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Every list and detail answer records a read of each participant it names, in one insert
    (``ksr.cases.reads``), as ``read_part``; ``participant_path`` leads from the object to them."""

    read_part: str


class ParticipantViewSet(
    AuditedReadMixin, KsrAPIMixin, mixins.ListModelMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin
):
    """Participants of the KIS/CIS where you are staff; each read of one participant is audited."""

    serializer_class = ParticipantSerializer
    filterset_class = ParticipantFilter
    read_part = "profile (API)"
    participant_path = ""

    def get_queryset(self) -> QuerySet[Participant]:
        return Participant.objects.visible_to(self.request.user).select_related("residence_gmina")

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        organisation = data.pop("organisation")
        serializer.instance = services.do_create_participant(organisation, data, actor=self.request.user)

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data.pop("organisation", None)
        serializer.instance = services.do_update_participant(serializer.instance, data, actor=self.request.user)


Call = Callable[[Any, dict[str, Any], AnyUser], object]
"""``call(obj, payload, actor)``: one service call of a lifecycle action."""


class _Acting(Protocol):
    def _act(self, request: Request, payload_class: type[serializers.Serializer], call: Call) -> Response: ...


def _lifecycle_action(
    name: str,
    payload_class: type[serializers.Serializer],
    call: Call,
    doc: str,
    *,
    responses: type[serializers.Serializer],
    url_path: str | None = None,
) -> Callable[..., Response]:
    """One POST action on an object: parse ``payload_class``, call the service, answer the object."""

    def act(self: _Acting, request: Request, pk: str | None = None) -> Response:
        return self._act(request, payload_class, call)

    act.__name__ = name
    act.__doc__ = doc
    decorated = action(detail=True, methods=["post"], url_path=url_path or name)(act)
    return extend_schema(request=payload_class, responses=responses)(decorated)


def _case_action(name: str, payload_class: type[serializers.Serializer], call: Call, doc: str, **kw: Any) -> Any:
    return _lifecycle_action(name, payload_class, call, doc, responses=CaseSerializer, **kw)


class CaseViewSet(AuditedReadMixin, KsrAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Cases of the KIS/CIS where you are staff; lifecycle actions (assign, start, admit-to-cis,
    ops-agreement, exit, graduate, transfer) go through the services."""

    serializer_class = CaseSerializer
    filterset_class = CaseFilter
    read_part = "case (API)"
    participant_path = "participant"

    def get_queryset(self) -> QuerySet[Case]:
        return Case.objects.visible_to(self.request.user).select_related("participant")

    def _act(self, request: Request, payload_class: type[serializers.Serializer], call: Call) -> Response:
        case = self.get_object()  # out of scope: 404 before anything else
        call(case, _body(payload_class, request), request.user)
        case.refresh_from_db()
        return Response(CaseSerializer(case, context=self.get_serializer_context()).data)

    assign = _case_action(
        "assign",
        CaseAssignSerializer,
        lambda c, d, u: services.do_assign_case_manager(c, _staff_user(c.organisation_id, d["case_manager"]), actor=u),
        "Assign the case manager (also the responsible helper when none is set yet).",
    )
    start = _case_action(
        "start",
        CaseAdmissionSerializer,
        lambda c, d, u: services.do_start_participation(c, actor=u, admitted_on=d.get("admitted_on")),
        "A KIS takes the qualified participant in (the case becomes active).",
    )
    admit_to_cis = _case_action(
        "admit_to_cis",
        CaseAdmissionSerializer,
        lambda c, d, u: services.do_admit_to_cis(c, actor=u, admitted_on=d.get("admitted_on")),
        "A CIS admits the participant (after the signed IPZS and the OPS head's agreement).",
        url_path="admit-to-cis",
    )
    ops_agreement = _case_action(
        "ops_agreement",
        CaseOpsAgreementSerializer,
        lambda c, d, u: services.do_record_ops_agreement(c, d, actor=u),
        "Record the agreement of the head of the OPS of the participant's residence.",
        url_path="ops-agreement",
    )
    exit = _case_action(
        "exit",
        CaseExitSerializer,
        lambda c, d, u: services.do_exit_case(
            c, actor=u, reason=d["exit_reason"], exited_on=d.get("exited_on"), note=d.get("note", "")
        ),
        "End the participation; schedules the follow-up six months after the exit.",
    )
    correct_admission = _case_action(
        "correct_admission",
        CaseAdmissionCorrectionSerializer,
        lambda c, d, u: services.do_correct_admission_date(c, d["admitted_on"], reason=d["reason"], actor=u),
        "Correct a wrongly entered admission date (a recorded correction with its reason).",
        url_path="correct-admission",
    )
    graduate = _case_action(
        "graduate",
        CaseGraduateSerializer,
        lambda c, d, u: services.do_mark_graduate(c, actor=u, graduated_at=d.get("graduated_at")),
        "Give the graduate status.",
    )

    @extend_schema(request=CaseTransferSerializer, responses={201: SentReferralSerializer})
    @action(detail=True, methods=["post"])
    def transfer(self, request: Request, pk: str | None = None) -> Response:
        """Exit the case as transferred to a CIS and send that CIS a referral (answers the referral sent)."""
        case = self.get_object()
        data = _body(CaseTransferSerializer, request)
        referral = services.do_transfer_to_cis(
            case, data["cis"], actor=request.user, exited_on=data.get("exited_on"), note=data.get("note", "")
        )
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

    def get_serializer_class(self) -> type[serializers.Serializer]:
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
        serializer.instance = services.do_send_referral(serializer.validated_data, actor=self.request.user)

    def _act(self, request: Request, payload_class: type[serializers.Serializer], call: Call) -> Response:
        referral = self.get_object()
        if not self._full(referral):
            raise exceptions.NotFound
        call(referral, _body(payload_class, request), request.user)
        referral.refresh_from_db()
        return Response(ReferralSerializer(referral, context=self.get_serializer_context()).data)

    review = _lifecycle_action(
        "review",
        QualificationTeamSerializer,
        lambda r, d, u: services.do_start_review(r, actor=u, qualification_team=_team(d)),
        "The joint qualification team takes the referral up.",
        responses=ReferralSerializer,
    )
    accept = _lifecycle_action(
        "accept",
        ReferralAcceptSerializer,
        lambda r, d, u: services.do_accept_referral(
            r,
            actor=u,
            qualification_team=_team(d),
            case_manager=_staff_user(r.organisation_id, d.get("case_manager")),
            decided_on=d.get("decided_on"),
        ),
        "Accept: creates (or links) the participant and opens a qualified case, optionally with its "
        "case manager (who also becomes the responsible helper) and a past decision date.",
        responses=ReferralSerializer,
    )
    refuse = _lifecycle_action(
        "refuse",
        ReferralDecisionSerializer,
        lambda r, d, u: services.do_refuse_referral(
            r,
            actor=u,
            reason=d.get("refusal_reason", ""),
            note=d.get("refusal_note", ""),
            qualification_team=_team(d),
        ),
        "Refuse with a reason (the sender sees it).",
        responses=ReferralSerializer,
    )


class FollowUpViewSet(AuditedReadMixin, KsrAPIMixin, mixins.ListModelMixin, mixins.UpdateModelMixin):
    """Follow-ups six months after exit, of the cases you see; record them with PUT/PATCH."""

    serializer_class = FollowUpSerializer
    filterset_class = FollowUpFilter
    read_part = "follow-up (API)"
    participant_path = "case__participant"

    def get_queryset(self) -> QuerySet[FollowUp]:
        return FollowUp.objects.visible_to(self.request.user)

    @extend_schema(request=FollowUpRecordSerializer, responses=FollowUpSerializer)
    @action(detail=True, methods=["post"])
    def record(self, request: Request, pk: Any = None) -> Response:
        """Record the follow-up: the date it was done, the findings and the outcome."""
        follow_up = self.get_object()
        follow_up = services.do_record_follow_up(
            follow_up, _body(FollowUpRecordSerializer, request), actor=request.user
        )
        return Response(FollowUpSerializer(follow_up, context=self.get_serializer_context()).data)

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = services.do_record_follow_up(
            serializer.instance, serializer.validated_data, actor=self.request.user
        )
