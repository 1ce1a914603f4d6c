"""Read-only REST API of the TERYT register: ``/api/v1/territory/units/``."""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import serializers, viewsets

from ksr.core.api import KsrAPIMixin
from ksr.territory.filters import TerritorialUnitFilter
from ksr.territory.models import TerritorialUnit


class TerritorialUnitSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(  # type: ignore[var-annotated, assignment]  # the stubs want the model field type
        slug_field="code", read_only=True, help_text="TERYT code of the parent unit."
    )

    class Meta:
        model = TerritorialUnit
        fields = ["code", "level", "kind", "name", "description", "parent", "valid_from", "retired_on"]
        read_only_fields = fields


class TerritorialUnitViewSet(KsrAPIMixin, viewsets.ReadOnlyModelViewSet):
    """TERYT units (voivodeships, powiats, gminas, their parts and districts), by TERYT code.

    Filter with ``q`` (name, diacritics ignored, or the beginning of a TERYT code), ``level``,
    ``voivodeship`` and ``powiat`` (TERYT code or name); retired units only with ``retired=true``.
    """

    serializer_class = TerritorialUnitSerializer
    filterset_class = TerritorialUnitFilter
    lookup_field = "code"
    lookup_value_regex = "[0-9]{2,7}"

    def get_queryset(self) -> QuerySet[TerritorialUnit]:
        # Reference data: every signed-in user reads all of it.
        return TerritorialUnit.objects.select_related("parent")
