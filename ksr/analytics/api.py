"""Read-only REST API of network analytics (``/api/v1/analytics/``).

- ``networks/``: LSRs and RSRs the user can see (same FilterSet as the page), each with its summary;
- ``networks/{id}/``: the summary, graph figures and per-organisation metrics of one network;
- ``maps/powiats/``: LSRs, healthy LSRs, gminas and white spots per powiat (signed-in users).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ksr.analytics import analysis, mapdata
from ksr.analytics.filters import NetworkAnalyticsFilter
from ksr.core.api import KsrAPIMixin
from ksr.networks.choices import NetworkLevel
from ksr.networks.models import Network


class SummarySerializer(serializers.Serializer):
    member_count = serializers.IntegerField()
    tie_count = serializers.IntegerField(help_text="Tied pairs of members (co-membership of this network excluded).")
    density = serializers.FloatField()
    type_c_count = serializers.IntegerField()
    type_c_share = serializers.FloatField()
    covered_sectors = serializers.ListField(child=serializers.CharField(), help_text="New-profile sectors covered.")
    sector_coverage = serializers.FloatField(help_text="Covered share of the four new-profile sectors (0–1).")


class NodeMetricsSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Organisation id.")
    name = serializers.CharField()
    stakeholder_type = serializers.CharField()
    sectors = serializers.ListField(child=serializers.CharField())
    degree = serializers.IntegerField(source="metrics.degree")
    strength = serializers.IntegerField(source="metrics.strength")
    betweenness = serializers.FloatField(source="metrics.betweenness")
    brokerage = serializers.IntegerField(source="metrics.brokerage")
    component = serializers.IntegerField(source="metrics.component")
    community = serializers.IntegerField(source="metrics.community")


class GraphFiguresSerializer(serializers.Serializer):
    node_count = serializers.IntegerField()
    tie_count = serializers.IntegerField()
    density = serializers.FloatField()
    component_sizes = serializers.ListField(child=serializers.IntegerField())
    community_sizes = serializers.ListField(child=serializers.IntegerField())
    betweenness_method = serializers.CharField()
    community_method = serializers.CharField()


class NetworkListSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    level = serializers.CharField()
    territory = serializers.CharField(source="territory.code", allow_null=True, default=None)


class NetworkMetricsSerializer(NetworkListSerializer):
    summary = SummarySerializer()
    graph = GraphFiguresSerializer()
    tie_types = serializers.ListField(child=serializers.CharField())
    nodes = NodeMetricsSerializer(many=True)


class NetworkMetricsViewSet(KsrAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Networks the user can see; the detail carries every metric of the network's graph."""

    filterset_class = NetworkAnalyticsFilter

    def get_queryset(self) -> QuerySet[Network]:
        return (
            Network.objects.visible_to(self.request.user)
            .filter(level__in=[NetworkLevel.LOCAL, NetworkLevel.REGIONAL])
            .select_related("territory")
            .order_by("level", "name", "id")
        )

    def get_serializer_class(self) -> Any:
        return NetworkMetricsSerializer if self.action == "retrieve" else NetworkListSerializer

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        network = self.get_object()
        result = analysis.analyse_network(network)
        data = {
            "id": network.pk,
            "name": network.name,
            "level": network.level,
            "territory": network.territory,
            "summary": analysis.summary_of(network, result),
            "graph": result.metrics,
            "tie_types": result.tie_types,
            "nodes": result.node_rows(),
        }
        return Response(NetworkMetricsSerializer(data).data)


class PowiatFiguresSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    lsr_count = serializers.IntegerField()
    healthy_count = serializers.IntegerField()
    gmina_count = serializers.IntegerField()
    white_spot_count = serializers.IntegerField()


class PowiatFiguresView(KsrAPIMixin, APIView):
    """LSRs (and healthy LSRs), gminas and white spots per powiat of Poland."""

    @extend_schema(responses=PowiatFiguresSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(PowiatFiguresSerializer(mapdata.powiat_rows(), many=True).data)
