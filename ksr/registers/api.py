"""REST API of the registers (``/api/v1/registers/``).

- ``public/``: the public register, no login (entered and struck-off entries, public fields only);
- ``entries/``: register entries for signed-in users, scoped (``visible_to``), filtered by the
  same FilterSet as the officers' list; writes go through the services (``enter`` and
  ``strike_off`` are actions).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from ksr.core.api import KsrAPIMixin, strict
from ksr.registers import services
from ksr.registers.choices import EntityKind, EntryStatus, StrikeOffReason
from ksr.registers.filters import RegisterEntryFilter
from ksr.registers.models import RegisterEntry
from ksr.registry.models import Organisation
from ksr.territory.models import TerritorialUnit

# --- public ------------------------------------------------------------------------------


class PublicRegisterEntrySerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="organisation.name")
    founding_body = serializers.CharField(source="founding_body.name")
    voivodeship_teryt = serializers.CharField(source="voivodeship.code")
    seat_teryt = serializers.CharField(source="organisation.seat.code")
    seat_name = serializers.CharField(source="organisation.seat.name")
    powiat_teryt = serializers.SerializerMethodField()
    street = serializers.CharField(source="organisation.street")
    postal_code = serializers.CharField(source="organisation.postal_code")
    city = serializers.CharField(source="organisation.city")

    class Meta:
        model = RegisterEntry
        fields = [
            "id",
            "register_number",
            "entity_kind",
            "name",
            "founding_body",
            "voivodeship_teryt",
            "seat_teryt",
            "seat_name",
            "powiat_teryt",
            "street",
            "postal_code",
            "city",
            "entry_date",
            "status",
            "struck_off_date",
        ]
        read_only_fields = fields

    def get_powiat_teryt(self, obj: RegisterEntry) -> str:
        return obj.organisation.seat.code[:4]


class PublicRegisterFilter(django_filters.FilterSet):
    voivodeship = django_filters.CharFilter(field_name="voivodeship__code", label="Voivodeship TERYT code")
    entity_kind = django_filters.ChoiceFilter(choices=EntityKind.choices)
    status = django_filters.ChoiceFilter(
        choices=[(EntryStatus.ENTERED, "entered"), (EntryStatus.STRUCK_OFF, "struck_off")]
    )

    class Meta:
        model = RegisterEntry
        fields = ["voivodeship", "entity_kind", "status"]


class PublicRegisterViewSet(viewsets.ReadOnlyModelViewSet):
    """The public register of KIS and CIS: no login, public fields only."""

    ksr_access = "public"
    permission_classes = [AllowAny]
    serializer_class = PublicRegisterEntrySerializer
    filterset_class = PublicRegisterFilter

    def get_queryset(self) -> QuerySet[RegisterEntry]:
        return (
            RegisterEntry.objects.public()
            .with_related()
            .order_by("voivodeship__code", "entity_kind", "register_number", "id")
        )


# --- officers ----------------------------------------------------------------------------


class RegisterEntrySerializer(serializers.ModelSerializer):
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(),
        required=False,
        help_text="A KIS or CIS already among the organisations; for a new one give `name` and `seat` instead.",
    )
    name = serializers.CharField(
        write_only=True, required=False, max_length=255, help_text="The name of a new KIS or CIS (with `seat`)."
    )
    seat = serializers.SlugRelatedField(
        slug_field="code",
        queryset=TerritorialUnit.objects.gminas().current(),
        write_only=True,
        required=False,
        help_text="The TERYT code of the new KIS or CIS's seat (a gmina of a voivodeship whose register you keep).",
    )
    founding_body = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    voivodeship_teryt = serializers.CharField(source="voivodeship.code", read_only=True)
    is_overdue = serializers.BooleanField(read_only=True)
    days_overdue = serializers.IntegerField(read_only=True)
    entry_deadline = serializers.DateField(read_only=True)

    class Meta:
        model = RegisterEntry
        fields = [
            "id",
            "organisation",
            "name",
            "seat",
            "organisation_name",
            "entity_kind",
            "voivodeship_teryt",
            "register_number",
            "founding_body",
            "creation_mode",
            "founding_act_number",
            "founding_act_date",
            "notification_date",
            "entry_deadline",
            "is_overdue",
            "days_overdue",
            "entry_date",
            "status",
            "struck_off_date",
            "strike_off_reason",
            "strike_off_note",
            "internal_notes",
        ]
        read_only_fields = [
            "id",
            "register_number",
            "entry_date",
            "status",
            "struck_off_date",
            "strike_off_reason",
            "strike_off_note",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            visible = Organisation.objects.visible_to(request.user)
            for name in ("organisation", "founding_body"):
                cast(serializers.PrimaryKeyRelatedField, self.fields[name]).queryset = visible

    def to_representation(self, instance: RegisterEntry) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        request = self.context.get("request")
        # Internal notes are for those who keep this register only.
        if request is None or not services.may_keep_register(request.user, instance.voivodeship.code):
            data.pop("internal_notes", None)
        return data


class RegisterEntryUpdateSerializer(serializers.ModelSerializer):
    founding_body = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), required=False)

    class Meta:
        model = RegisterEntry
        fields = list(services.UPDATABLE_FIELDS)
        extra_kwargs = {name: {"required": False} for name in services.UPDATABLE_FIELDS}

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        return attrs  # the service validates


class EnterSerializer(serializers.Serializer):
    entry_date = serializers.DateField()
    register_number = serializers.CharField(max_length=40, required=False, allow_blank=True)


class StrikeOffSerializer(serializers.Serializer):
    date = serializers.DateField()
    reason = serializers.ChoiceField(choices=StrikeOffReason.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class RegisterEntryViewSet(
    KsrAPIMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Register entries the user may read; officers notify, enter, strike off and correct."""

    serializer_class = RegisterEntrySerializer
    filterset_class = RegisterEntryFilter

    def get_queryset(self) -> QuerySet[RegisterEntry]:
        return RegisterEntry.objects.visible_to(self.request.user).with_related()

    def get_serializer_class(self) -> Any:
        if self.action in {"update", "partial_update"}:
            return RegisterEntryUpdateSerializer
        return RegisterEntrySerializer

    def _show(self, entry: RegisterEntry, status: int = 200) -> Response:
        entry = self.get_queryset().get(pk=entry.pk)
        return Response(RegisterEntrySerializer(entry, context=self.get_serializer_context()).data, status=status)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = strict(RegisterEntrySerializer)(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        notification = {
            "entity_kind": data["entity_kind"],
            "founding_body": data["founding_body"],
            "creation_mode": data["creation_mode"],
            "notification_date": data["notification_date"],
            "founding_act_number": data.get("founding_act_number", ""),
            "founding_act_date": data.get("founding_act_date"),
            "internal_notes": data.get("internal_notes", ""),
        }
        organisation, name, seat = data.get("organisation"), data.get("name", ""), data.get("seat")
        if (organisation is not None and (name or seat)) or (organisation is None and not (name and seat)):
            raise serializers.ValidationError(
                {"organisation": [_("Choose the club or centre, or give the name and seat of a new one (not both).")]}
            )
        if organisation is not None:
            entry = services.do_notify_entity(organisation=organisation, **notification, actor=request.user)
        else:
            entry = services.do_notify_new_entity(name=name, seat=seat, **notification, actor=request.user)
        return self._show(entry, status=201)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        entry = self.get_object()
        serializer = strict(RegisterEntryUpdateSerializer)(entry, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.do_update_entry(entry, dict(serializer.validated_data), actor=request.user)
        return self._show(entry)

    def _act(
        self, request: Request, serializer_class: type[serializers.Serializer], act: Callable[..., object]
    ) -> Response:
        """Validate the body with ``serializer_class``, call ``act(entry, data)``, show the entry."""
        entry = self.get_object()
        serializer = strict(serializer_class)(data=request.data)
        serializer.is_valid(raise_exception=True)
        act(entry, serializer.validated_data)
        return self._show(entry)

    @extend_schema(request=EnterSerializer, responses=RegisterEntrySerializer)
    @action(detail=True, methods=["post"])
    def enter(self, request: Request, pk: str | None = None) -> Response:
        return self._act(
            request,
            EnterSerializer,
            lambda entry, data: services.do_enter_in_register(
                entry,
                entry_date=data["entry_date"],
                register_number=data.get("register_number") or None,
                actor=request.user,
            ),
        )

    @extend_schema(request=StrikeOffSerializer, responses=RegisterEntrySerializer)
    @action(detail=True, methods=["post"], url_path="strike-off")
    def strike_off(self, request: Request, pk: str | None = None) -> Response:
        return self._act(
            request, StrikeOffSerializer, lambda entry, data: services.do_strike_off(entry, **data, actor=request.user)
        )
