"""REST API of the catalogue (``/api/v1/catalogue/``): same FilterSets, same scoping, writes via services."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from ksr.cases.models import Case
from ksr.catalogue.choices import AttendanceStatus, BookingStatus
from ksr.catalogue.filters import (
    ActivityFilter,
    BookingFilter,
    EditionFilter,
    OfferFilter,
    ServiceFilter,
    SupportInstrumentFilter,
)
from ksr.catalogue.forms import managed_holders
from ksr.catalogue.models import Activity, Attendance, Booking, Edition, Offer, Service, SupportInstrument
from ksr.catalogue.querysets import partner_ids
from ksr.catalogue.services import (
    ACTIVITY_FIELDS,
    BOOKING_FIELDS,
    EDITION_FIELDS,
    INSTRUMENT_FIELDS,
    OFFER_FIELDS,
    SERVICE_FIELDS,
    do_change_booking_status,
    do_create_activity,
    do_create_booking,
    do_create_edition,
    do_create_offer,
    do_create_service,
    do_create_support_instrument,
    do_record_attendance,
    do_update_offer,
    do_update_service,
)
from ksr.core.api import KsrAPIMixin
from ksr.registry.models import Organisation


def _as_api_error(exc: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(exc, "error_dict"):
        return exceptions.ValidationError(
            {("non_field_errors" if k == NON_FIELD_ERRORS else k): v for k, v in exc.message_dict.items()}
        )
    return exceptions.ValidationError({"non_field_errors": exc.messages})


class _UserScopedField(serializers.PrimaryKeyRelatedField):
    def user(self) -> Any:
        return getattr(self.context.get("request"), "user", None)


class HolderField(_UserScopedField):
    def get_queryset(self) -> QuerySet[Organisation]:
        return managed_holders(self.user())


class VisibleOrganisationField(_UserScopedField):
    def get_queryset(self) -> QuerySet[Organisation]:
        return Organisation.objects.visible_to(self.user())


@extend_schema_field(OpenApiTypes.INT)
class VisibleCaseField(_UserScopedField):
    def get_queryset(self) -> QuerySet[Case]:
        return Case.objects.visible_to(self.user())


class VisibleServiceField(_UserScopedField):
    def get_queryset(self) -> QuerySet[Service]:
        return Service.objects.visible_to(self.user())


class VisibleEditionField(_UserScopedField):
    def get_queryset(self) -> QuerySet[Edition]:
        return Edition.objects.visible_to(self.user())


class VisibleOfferField(_UserScopedField):
    def get_queryset(self) -> QuerySet[Offer]:
        return Offer.objects.visible_to(self.user())


class ServiceSerializer(serializers.ModelSerializer):
    organisation = HolderField()
    provider = VisibleOrganisationField(required=False)

    class Meta:
        model = Service
        fields = ["id", "organisation", *SERVICE_FIELDS, "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]


class OfferSerializer(serializers.ModelSerializer):
    holder = VisibleOrganisationField()
    booked_places = serializers.IntegerField(read_only=True)
    bookings_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Offer
        fields = ["id", "organisation", *OFFER_FIELDS, "booked_places", "bookings_count", "created_at", "updated_at"]
        read_only_fields = ["id", "organisation", "created_at", "updated_at"]


class BookingSerializer(serializers.ModelSerializer):
    case = VisibleCaseField()
    service = VisibleServiceField(required=False, allow_null=True)
    offer = VisibleOfferField(required=False, allow_null=True)

    class Meta:
        model = Booking
        fields = ["id", "case", *BOOKING_FIELDS, "area", "status", "created_at"]
        read_only_fields = ["id", "area", "status", "created_at"]


class BookingStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=BookingStatus.choices)


class AttendanceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Attendance
        fields = ["id", "case", "status"]


class ActivitySerializer(serializers.ModelSerializer):
    attendance = serializers.SerializerMethodField()

    class Meta:
        model = Activity
        fields = ["id", "edition", "service", "date", "topic", "hours", "mode", "leader", "attendance"]

    @extend_schema_field(AttendanceSerializer(many=True))
    def get_attendance(self, activity: Activity) -> list[dict[str, Any]]:
        request = self.context.get("request")
        rows = Attendance.objects.visible_to(getattr(request, "user", None)).filter(activity=activity)
        return list(AttendanceSerializer(rows, many=True).data)


class EditionCreateSerializer(serializers.ModelSerializer):
    organisation = HolderField(help_text="The KIS/CIS you manage.")

    class Meta:
        model = Edition
        fields = ["organisation", *EDITION_FIELDS]


class ActivityCreateSerializer(serializers.ModelSerializer):
    edition = VisibleEditionField()
    service = VisibleServiceField(required=False, allow_null=True)

    class Meta:
        model = Activity
        fields = ["edition", *ACTIVITY_FIELDS]


class AttendanceMarkSerializer(serializers.Serializer):
    case = VisibleCaseField()
    status = serializers.ChoiceField(choices=AttendanceStatus.choices)


def _attendance_rows(data: Any) -> list[dict[str, Any]]:
    """The body of ``attendance/``: a list of ``{case, status}`` or a mapping ``{case id: status}``."""
    if isinstance(data, dict) and "case" not in data:
        return [{"case": key, "status": value} for key, value in data.items()]
    if isinstance(data, list):
        return data
    raise exceptions.ValidationError(
        {"non_field_errors": ["Send a list of {case, status} or a mapping {case id: status}."]}
    )


class MonthCheckSerializer(serializers.Serializer):
    month = serializers.CharField()
    individual_hours = serializers.DecimalField(max_digits=6, decimal_places=1)
    group_hours = serializers.DecimalField(max_digits=6, decimal_places=1)
    hours = serializers.DecimalField(max_digits=6, decimal_places=1)
    shortfall = serializers.DecimalField(max_digits=6, decimal_places=1)
    meets = serializers.BooleanField()


class EditionSerializer(serializers.ModelSerializer):
    lasts_minimum = serializers.BooleanField(read_only=True, help_text="At least 3 months (seed 001 L1915).")
    months = serializers.SerializerMethodField(help_text="At least 40 teaching hours per calendar month.")

    class Meta:
        model = Edition
        fields = ["id", "organisation", "name", "starts_on", "ends_on", "needs_diagnosis", "lasts_minimum", "months"]

    @extend_schema_field(MonthCheckSerializer(many=True))
    def get_months(self, edition: Edition) -> list[dict[str, Any]]:
        rows = [
            {
                "month": f"{c.month[0]}-{c.month[1]:02d}",
                "individual_hours": c.individual_hours,
                "group_hours": c.group_hours,
                "hours": c.hours,
                "shortfall": c.shortfall,
                "meets": c.meets,
            }
            for c in edition.monthly_checks()
        ]
        return list(MonthCheckSerializer(rows, many=True).data)  # decimals as the schema states them


class SupportInstrumentSerializer(serializers.ModelSerializer):
    case = VisibleCaseField()

    class Meta:
        model = SupportInstrument
        fields = ["id", "case", *INSTRUMENT_FIELDS, "barrier", "created_at"]
        read_only_fields = ["id", "barrier", "created_at"]


class ServiceViewSet(KsrAPIMixin, viewsets.ModelViewSet):
    """The catalogues the user may see; the KIS/CIS manager adds and edits services."""

    serializer_class = ServiceSerializer
    filterset_class = ServiceFilter
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Service]:
        return Service.objects.visible_to(self.request.user).select_related("organisation", "provider")

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        organisation = data.pop("organisation")
        try:
            serializer.instance = do_create_service(organisation, data, actor=self.request.user)
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from exc

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data.pop("organisation", None)
        try:
            serializer.instance = do_update_service(serializer.instance, data, actor=self.request.user)
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from exc


class OfferViewSet(KsrAPIMixin, viewsets.ModelViewSet):
    """Partner offers; a partner representative publishes and edits their organisation's offers."""

    serializer_class = OfferSerializer
    filterset_class = OfferFilter
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Offer]:
        return (
            Offer.objects.visible_to(self.request.user)
            .select_related("organisation", "holder")
            .with_booking_counts()
            .order_by("-available_from", "id")
        )

    def perform_create(self, serializer: Any) -> None:
        organisation = Organisation.objects.filter(pk__in=partner_ids(self.request.user)).order_by("name").first()
        if organisation is None:
            raise exceptions.PermissionDenied
        try:
            offer = do_create_offer(organisation, serializer.validated_data, actor=self.request.user)
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from exc
        serializer.instance = self.get_queryset().get(pk=offer.pk)  # with the counts the schema promises

    def perform_update(self, serializer: Any) -> None:
        try:
            offer = do_update_offer(serializer.instance, serializer.validated_data, actor=self.request.user)
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from exc
        serializer.instance = self.get_queryset().get(pk=offer.pk)  # with the counts the schema promises


class BookingViewSet(KsrAPIMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Bookings of the holder's participants; status changes through ``/status/``."""

    serializer_class = BookingSerializer
    filterset_class = BookingFilter

    def get_queryset(self) -> QuerySet[Booking]:
        return Booking.objects.visible_to(self.request.user).select_related("service", "offer")

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        case = data.pop("case")
        try:
            serializer.instance = do_create_booking(case, data, actor=self.request.user)
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from exc

    @extend_schema(request=BookingStatusSerializer, responses=BookingSerializer)
    @action(detail=True, methods=["post"])
    def status(self, request: Request, pk: str | None = None) -> Response:
        booking = get_object_or_404(self.get_queryset(), pk=pk)
        body = BookingStatusSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            booking = do_change_booking_status(booking, body.validated_data["status"], actor=request.user)
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from exc
        return Response(BookingSerializer(booking, context=self.get_serializer_context()).data)


class EditionViewSet(KsrAPIMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Programme editions with their rule checks (40 h a month, at least 3 months); the KIS/CIS
    manager plans them."""

    serializer_class = EditionSerializer
    filterset_class = EditionFilter

    def get_queryset(self) -> QuerySet[Edition]:
        return Edition.objects.visible_to(self.request.user).prefetch_related("activities")

    @extend_schema(request=EditionCreateSerializer, responses={201: EditionSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        body = EditionCreateSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        organisation = data.pop("organisation")
        try:
            edition = do_create_edition(organisation, data, actor=request.user)
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from exc
        return Response(EditionSerializer(edition, context=self.get_serializer_context()).data, status=201)


class ActivityViewSet(KsrAPIMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Classes with their attendance (attendance only of participants the user may see); the
    holder's staff record classes and keep the attendance lists."""

    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter

    def get_queryset(self) -> QuerySet[Activity]:
        return Activity.objects.visible_to(self.request.user)

    @extend_schema(request=ActivityCreateSerializer, responses={201: ActivitySerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        body = ActivityCreateSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        edition = data.pop("edition")
        try:
            activity = do_create_activity(edition, data, actor=request.user)
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from exc
        return Response(ActivitySerializer(activity, context=self.get_serializer_context()).data, status=201)

    @extend_schema(
        request=AttendanceMarkSerializer(many=True),
        responses=ActivitySerializer,
        description="A list of {case, status}; a mapping {case id: status} is accepted too.",
    )
    @action(detail=True, methods=["post"])
    def attendance(self, request: Request, pk: str | None = None) -> Response:
        """Set the attendance of the class in one go; unchanged rows are left alone."""
        activity = get_object_or_404(self.get_queryset(), pk=pk)
        body = AttendanceMarkSerializer(
            data=_attendance_rows(request.data), many=True, context=self.get_serializer_context()
        )
        body.is_valid(raise_exception=True)
        statuses = {row["case"]: row["status"] for row in body.validated_data}
        try:
            do_record_attendance(activity, statuses, actor=request.user)
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from exc
        return Response(ActivitySerializer(activity, context=self.get_serializer_context()).data)


class SupportInstrumentViewSet(KsrAPIMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = SupportInstrumentSerializer
    filterset_class = SupportInstrumentFilter

    def get_queryset(self) -> QuerySet[SupportInstrument]:
        return SupportInstrument.objects.visible_to(self.request.user)

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        case = data.pop("case")
        try:
            serializer.instance = do_create_support_instrument(case, data, actor=self.request.user)
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from exc
