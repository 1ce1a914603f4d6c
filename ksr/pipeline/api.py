"""REST API of the pipeline (``/api/v1/pipeline/``).

- ``initiatives/``: initiatives the user may see (``visible_to``), filtered by the same FilterSet
  as the list page; ``POST`` creates one and ``POST initiatives/<id>/transition/`` changes its
  stage, both through the services.
- ``funnel/``: the funnel nationally and per voivodeship of the visible initiatives.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from ksr.core.api import KsrAPIMixin, strict
from ksr.pipeline import services
from ksr.pipeline.choices import Stage
from ksr.pipeline.filters import InitiativeFilter
from ksr.pipeline.funnel import Funnel, progress
from ksr.pipeline.models import Initiative, StageChange
from ksr.registers.models import RegisterEntry
from ksr.registry.models import Organisation
from ksr.territory.models import TerritorialUnit


class StageChangeSerializer(serializers.ModelSerializer):
    from_stage = serializers.CharField(read_only=True, help_text="Stage code; empty for the creation.")
    to_stage = serializers.CharField(read_only=True, help_text="Stage code.")

    class Meta:
        model = StageChange
        fields = ["from_stage", "to_stage", "changed_on", "changed_by", "note"]
        read_only_fields = fields


# Written through the API: the initiative itself; its stage and the fields the stages need change
# only through ``transition/``.
INITIATIVE_WRITABLE = ["name", "gmina", "entity_kind", "notes"]
INITIATIVE_READ_ONLY = [
    "stage",
    "stage_since",
    "stalled_at",
    "creation_mode",
    "founding_body",
    "founding_act_number",
    "founding_act_date",
    "register_entry",
    "legal_steps_done",
    "changes",
]


class InitiativeSerializer(serializers.ModelSerializer):
    gmina = serializers.SlugRelatedField(slug_field="code", queryset=TerritorialUnit.objects.all())
    changes = StageChangeSerializer(many=True, read_only=True)
    stalled_at = serializers.CharField(read_only=True, help_text="Stage where a stalled initiative resumes.")

    class Meta:
        model = Initiative
        fields = ["id", *INITIATIVE_WRITABLE, *INITIATIVE_READ_ONLY]
        read_only_fields = INITIATIVE_READ_ONLY


class InitiativeTransitionSerializer(serializers.Serializer):
    to_stage = serializers.CharField(help_text="Code of the new stage (the values of the field stage).")

    def validate_to_stage(self, value: str) -> str:
        if value not in Stage.values:
            raise serializers.ValidationError(_("Unknown stage."))
        return value

    on = serializers.DateField(required=False)
    note = serializers.CharField(required=False, allow_blank=True)
    creation_mode = serializers.CharField(required=False, allow_blank=True)
    founding_body = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), required=False)
    founding_act_number = serializers.CharField(required=False, allow_blank=True)
    founding_act_date = serializers.DateField(required=False)
    register_entry = serializers.PrimaryKeyRelatedField(queryset=RegisterEntry.objects.all(), required=False)


class InitiativeViewSet(KsrAPIMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = InitiativeSerializer
    filterset_class = InitiativeFilter

    def get_queryset(self) -> QuerySet[Initiative]:
        return Initiative.objects.visible_to(self.request.user).with_related().prefetch_related("changes")

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.do_create_initiative(serializer.validated_data, actor=self.request.user)

    @extend_schema(request=InitiativeTransitionSerializer, responses=InitiativeSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        initiative = self.get_object()
        payload = strict(InitiativeTransitionSerializer)(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        to_stage = data.pop("to_stage")
        on = data.pop("on", None)
        note = data.pop("note", "")
        initiative = services.do_transition_initiative(
            initiative, to_stage, on=on, note=note, data=data, actor=request.user
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=initiative.pk)).data, status=status.HTTP_200_OK)


def _funnel_data(funnel: Funnel) -> dict[str, Any]:
    return {
        "voivodeship": funnel.code,
        "total": funnel.total,
        "created": funnel.created,
        "sustained": funnel.sustained,
        "stalled": len(funnel.stalled),
        "abandoned": funnel.abandoned,
        "below_target": funnel.below_target,
        "above_target": funnel.above_target,
        "stages": [
            {
                "stage": r.stage,
                "at_stage": r.at_stage,
                "reached": r.reached,
                "conversion": r.conversion,
                "median_days": r.median_days,
            }
            for r in funnel.rows
        ],
    }


class FunnelViewSet(KsrAPIMixin, viewsets.ViewSet):
    """The funnel of the initiatives the user may see, nationally and per voivodeship."""

    @extend_schema(
        responses=inline_serializer(
            "PipelineFunnel",
            fields={
                "regions_at_target": serializers.IntegerField(),
                "regions_below_target": serializers.BooleanField(),
                "total_below_target": serializers.BooleanField(),
                "activities_end_on": serializers.DateField(allow_null=True),
                "national": serializers.JSONField(),
                "regions": serializers.JSONField(),
            },
        )
    )
    def list(self, request: Request) -> Response:
        prog = progress(Initiative.objects.visible_to(request.user))
        return Response(
            {
                "regions_at_target": prog.regions_at_target,
                "regions_below_target": prog.regions_below,
                "total_below_target": prog.total_below,
                "activities_end_on": prog.target.activities_end_on,
                "national": _funnel_data(prog.national),
                "regions": [_funnel_data(r) for r in prog.regions],
            }
        )
