"""REST API of the catalogue (``/api/v1/catalogue/``): same FilterSets, same scoping, writes via services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from ksr.cases.models import Case
from ksr.cases.reads import ParticipantReadsMixin
from ksr.catalogue import services
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
from ksr.core.api import KsrAPIMixin, strict
from ksr.core.types import AnyUser
from ksr.registry.models import Organisation


@extend_schema_field(OpenApiTypes.INT)
class VisibleField(serializers.PrimaryKeyRelatedField):
    """A related object chosen among those the requesting user may use (``scoped(user)``)."""

    def __init__(self, scoped: Callable[[AnyUser], QuerySet[Any]], **kwargs: Any) -> None:
        self.scoped = scoped
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        return self.scoped(self.context["request"].user)


def _visible(model: Any) -> Callable[[AnyUser], QuerySet[Any]]:
    return lambda user: model.objects.visible_to(user)


class ServiceSerializer(serializers.ModelSerializer):
    organisation = VisibleField(managed_holders)
    provider = VisibleField(_visible(Organisation), required=False)

    class Meta:
        model = Service
        fields = ["id", "organisation", *services.SERVICE_FIELDS, "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]


class OfferSerializer(serializers.ModelSerializer):
    holder = VisibleField(_visible(Organisation))
    booked_places = serializers.IntegerField(read_only=True)
    bookings_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Offer
        fields = [
            "id",
            "organisation",
            *services.OFFER_FIELDS,
            "booked_places",
            "bookings_count",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "organisation", "created_at", "updated_at"]


class BookingSerializer(serializers.ModelSerializer):
    case = VisibleField(_visible(Case))
    service = VisibleField(_visible(Service), required=False, allow_null=True)
    offer = VisibleField(_visible(Offer), required=False, allow_null=True)

    class Meta:
        model = Booking
        fields = ["id", "case", *services.BOOKING_FIELDS, "area", "status", "created_at"]
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
        rows = getattr(activity, "visible_attendance", None)
        if rows is None:  # an activity not fetched by the viewset (e.g. the answer to a write)
            rows = Attendance.objects.visible_to(self.context["request"].user).filter(activity=activity)
        return list(AttendanceSerializer(rows, many=True).data)


class EditionCreateSerializer(serializers.ModelSerializer):
    organisation = VisibleField(managed_holders, help_text="The KIS/CIS you manage.")

    class Meta:
        model = Edition
        fields = ["organisation", *services.EDITION_FIELDS]


class ActivityCreateSerializer(serializers.ModelSerializer):
    edition = VisibleField(_visible(Edition))
    service = VisibleField(_visible(Service), required=False, allow_null=True)

    class Meta:
        model = Activity
        fields = ["edition", *services.ACTIVITY_FIELDS]


class AttendanceMarkSerializer(serializers.Serializer):
    case = VisibleField(_visible(Case))
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
    lasts_minimum = serializers.BooleanField(
        read_only=True, help_text="At least 3 months (Prawne aspekty, IV.1 (standard organizacyjny KIS))."
    )
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
    case = VisibleField(_visible(Case))

    class Meta:
        model = SupportInstrument
        fields = ["id", "case", *services.INSTRUMENT_FIELDS, "barrier", "created_at"]
        read_only_fields = ["id", "barrier", "created_at"]


class _ServiceWrites(viewsets.GenericViewSet):
    """Creates and updates through the catalogue's services.

    ``create_service(owner, data, actor=…)``: the owner (organisation, case, edition) is the
    ``owner_field`` of the body; ``update_service(obj, data, actor=…)``. A body serializer other
    than the answer's is ``create_serializer_class``. A service's ``ValidationError`` answers 400
    and its ``PermissionDenied`` 403 (``ksr.core.api.exception_handler``).
    """

    owner_field = ""
    # Answer with the object as the list reads it (with its annotations, e.g. an offer's counts,
    # which its schema declares) rather than as the service returned it.
    answer_as_listed = False
    create_serializer_class: type[serializers.Serializer] | None = None
    create_service: Callable[..., Any]
    update_service: Callable[..., Any]

    def owner(self, data: dict[str, Any]) -> Any:
        return data.pop(self.owner_field)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        body = (self.create_serializer_class or self.get_serializer_class())(
            data=request.data, context=self.get_serializer_context()
        )
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        created = self._as_listed(self.create_service(self.owner(data), data, actor=request.user))
        return Response(self.get_serializer(created).data, status=status.HTTP_201_CREATED)

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data.pop(self.owner_field, None)
        serializer.instance = self._as_listed(self.update_service(serializer.instance, data, actor=self.request.user))

    def _as_listed(self, obj: Any) -> Any:
        return self.get_queryset().get(pk=obj.pk) if self.answer_as_listed else obj


class ServiceViewSet(_ServiceWrites, KsrAPIMixin, viewsets.ModelViewSet):
    """The catalogues the user may see; the KIS/CIS manager adds and edits services."""

    serializer_class = ServiceSerializer
    filterset_class = ServiceFilter
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    owner_field = "organisation"
    create_service = staticmethod(services.do_create_service)
    update_service = staticmethod(services.do_update_service)

    def get_queryset(self) -> QuerySet[Service]:
        return Service.objects.visible_to(self.request.user).select_related("organisation", "provider")


class OfferViewSet(_ServiceWrites, KsrAPIMixin, viewsets.ModelViewSet):
    """Partner offers; a partner representative publishes and edits their organisation's offers."""

    serializer_class = OfferSerializer
    filterset_class = OfferFilter
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    answer_as_listed = True
    create_service = staticmethod(services.do_create_offer)
    update_service = staticmethod(services.do_update_offer)

    def get_queryset(self) -> QuerySet[Offer]:
        return (
            Offer.objects.visible_to(self.request.user)
            .select_related("organisation", "holder")
            .with_booking_counts()
            .order_by("-available_from", "id")
        )

    def owner(self, data: dict[str, Any]) -> Organisation:
        organisation = Organisation.objects.filter(pk__in=partner_ids(self.request.user)).order_by("name").first()
        if organisation is None:
            raise exceptions.PermissionDenied
        return organisation


class BookingViewSet(
    ParticipantReadsMixin, _ServiceWrites, KsrAPIMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Bookings of the holder's participants; status changes through ``/status/``.

    Every booking listed or shown is recorded as a read of its participant.
    """

    participant_path = "case__participant"
    read_part = "bookings (API)"
    serializer_class = BookingSerializer
    filterset_class = BookingFilter
    owner_field = "case"
    create_service = staticmethod(services.do_create_booking)

    def get_queryset(self) -> QuerySet[Booking]:
        return Booking.objects.visible_to(self.request.user).select_related("service", "offer", "case__participant")

    @extend_schema(request=BookingStatusSerializer, responses=BookingSerializer)
    @action(detail=True, methods=["post"])
    def status(self, request: Request, pk: str | None = None) -> Response:
        booking = get_object_or_404(self.get_queryset(), pk=pk)
        body = strict(BookingStatusSerializer)(data=request.data)
        body.is_valid(raise_exception=True)
        booking = services.do_change_booking_status(booking, body.validated_data["status"], actor=request.user)
        return Response(self.get_serializer(booking).data)


@extend_schema_view(create=extend_schema(request=EditionCreateSerializer, responses={201: EditionSerializer}))
class EditionViewSet(_ServiceWrites, KsrAPIMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Programme editions with their rule checks (40 h a month, at least 3 months); the KIS/CIS
    manager plans them."""

    serializer_class = EditionSerializer
    filterset_class = EditionFilter
    create_serializer_class = EditionCreateSerializer
    owner_field = "organisation"
    create_service = staticmethod(services.do_create_edition)

    def get_queryset(self) -> QuerySet[Edition]:
        return Edition.objects.visible_to(self.request.user).prefetch_related("activities")


@extend_schema_view(create=extend_schema(request=ActivityCreateSerializer, responses={201: ActivitySerializer}))
class ActivityViewSet(_ServiceWrites, KsrAPIMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Classes with their attendance (attendance only of participants the user may see); the
    holder's staff record classes and keep the attendance lists."""

    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter
    create_serializer_class = ActivityCreateSerializer
    owner_field = "edition"
    create_service = staticmethod(services.do_create_activity)

    def get_queryset(self) -> QuerySet[Activity]:
        attendance = Attendance.objects.visible_to(self.request.user)
        return Activity.objects.visible_to(self.request.user).prefetch_related(
            Prefetch("attendance", queryset=attendance, to_attr="visible_attendance")
        )

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
        services.do_record_attendance(
            activity, {row["case"]: row["status"] for row in body.validated_data}, actor=request.user
        )
        fresh = get_object_or_404(self.get_queryset(), pk=pk)  # the list as recorded, not as prefetched before
        return Response(self.get_serializer(fresh).data)


class SupportInstrumentViewSet(_ServiceWrites, KsrAPIMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = SupportInstrumentSerializer
    filterset_class = SupportInstrumentFilter
    owner_field = "case"
    create_service = staticmethod(services.do_create_support_instrument)

    def get_queryset(self) -> QuerySet[SupportInstrument]:
        return SupportInstrument.objects.visible_to(self.request.user)
