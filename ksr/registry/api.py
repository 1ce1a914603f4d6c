"""REST API of the organisation registry (``/api/v1/registry/``).

Reads are scoped (``visible_to``), lists use the same FilterSets as the pages, and every write
goes through the services: a service's ``ValidationError`` answers 400 with the (translated)
messages per field, ``PermissionDenied`` answers 403. The stakeholder type is read-only.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from ksr.core.api import KsrAPIMixin
from ksr.core.serializers import VisibleField
from ksr.registry.filters import OrganisationFilter, PersonFilter
from ksr.registry.models import Organisation, Person, Sector
from ksr.registry.services import (
    ORGANISATION_FIELDS,
    PERSON_FIELDS,
    do_create_organisation,
    do_create_person,
    do_deactivate_organisation,
    do_delete_person,
    do_update_organisation,
    do_update_person,
)
from ksr.territory.choices import UnitLevel
from ksr.territory.models import TerritorialUnit


class OrganisationSerializer(serializers.ModelSerializer):
    stakeholder_type = serializers.CharField(read_only=True, help_text="A, B or C: derived, never written.")
    respondent_category = serializers.CharField(read_only=True)
    sectors = serializers.SlugRelatedField(
        slug_field="code", many=True, required=False, queryset=Sector.objects.all(), help_text="Sector codes."
    )
    seat = serializers.SlugRelatedField(
        slug_field="code",
        queryset=TerritorialUnit.objects.current().filter(level=UnitLevel.GMINA),
        help_text="TERYT code of the gmina (7 digits).",
    )
    area = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        required=False,
        queryset=TerritorialUnit.objects.current().filter(level__in=(UnitLevel.GMINA, UnitLevel.POWIAT)),
        help_text="TERYT codes of gminas and powiats.",
    )
    parent = VisibleField(Organisation, required=False, allow_null=True)  # type: ignore[assignment]  # the stubs want the model field type
    # Declared plainly so that the model's own validation (Polish messages, duplicates) answers.
    nip = serializers.CharField(required=False, allow_blank=True, max_length=20)
    regon = serializers.CharField(required=False, allow_blank=True, max_length=20)
    krs = serializers.CharField(required=False, allow_blank=True, max_length=20)

    class Meta:
        model = Organisation
        fields = [
            "id",
            *ORGANISATION_FIELDS,
            "sectors",
            "area",
            "stakeholder_type",
            "respondent_category",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "created_at", "updated_at"]


class PersonSerializer(serializers.ModelSerializer):
    organisation = VisibleField(Organisation)

    class Meta:
        model = Person
        fields = ["id", "organisation", *PERSON_FIELDS, "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]

    def validate_organisation(self, value: Organisation) -> Organisation:
        if self.instance is not None and value.pk != self.instance.organisation_id:
            raise serializers.ValidationError(_("A person cannot be moved to another organisation."))
        return value


@extend_schema_view(
    destroy=extend_schema(
        summary="Deactivate an organisation",
        description="Organisations are never deleted through the API: this marks the organisation inactive.",
    )
)
class OrganisationViewSet(KsrAPIMixin, viewsets.ModelViewSet):
    """Organisations the user may see; writes within the user's editable territory."""

    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter

    def get_queryset(self) -> QuerySet[Organisation]:
        return (
            Organisation.objects.visible_to(self.request.user)
            .select_related("seat")
            .prefetch_related("sectors", "area")
        )

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = do_create_organisation(serializer.validated_data, actor=self.request.user)

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = do_update_organisation(
            serializer.instance, serializer.validated_data, actor=self.request.user
        )

    def perform_destroy(self, instance: Organisation) -> None:
        do_deactivate_organisation(instance, actor=self.request.user)


class PersonViewSet(KsrAPIMixin, viewsets.ModelViewSet):
    """People of the organisations the user may see; writes where the organisation is editable."""

    serializer_class = PersonSerializer
    filterset_class = PersonFilter

    def get_queryset(self) -> QuerySet[Person]:
        return Person.objects.visible_to(self.request.user).select_related("organisation")

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        organisation = data.pop("organisation")
        serializer.instance = do_create_person(organisation, data, actor=self.request.user)

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data.pop("organisation", None)
        serializer.instance = do_update_person(serializer.instance, data, actor=self.request.user)

    def perform_destroy(self, instance: Person) -> None:
        do_delete_person(instance, actor=self.request.user)


__all__ = ["OrganisationViewSet", "PersonViewSet"]
