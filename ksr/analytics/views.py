"""Pages of network analytics: the list of networks, a network's graph and metrics, a region's
metrics and the maps. Whoever can see a network (``Network.objects.visible_to``) sees its graph
and metrics; the maps (organisations and counts, no persons) are for every signed-in user."""

from __future__ import annotations

import math
from typing import Any, cast

from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ksr.analytics import analysis, mapdata
from ksr.analytics.choices import GminaStatus, TieType
from ksr.analytics.filters import NetworkAnalyticsFilter
from ksr.analytics.svg import SECTOR_COLOURS, TIE_STYLES, TYPE_COLOURS, render_graph_svg, sector_number
from ksr.audit.choices import AuditAction
from ksr.audit.services import record
from ksr.core.access import LoginRequiredMixin, login_required
from ksr.core.exports import Column, csv_response
from ksr.core.listing import FilteredListView
from ksr.networks.choices import NetworkLevel
from ksr.networks.health import lsr_health_many
from ksr.networks.models import Network
from ksr.registry.choices import NEW_PROFILE_SECTORS, SectorCode, StakeholderType
from ksr.territory import maps
from ksr.territory.models import TerritorialUnit

LIST_COLUMNS: list[Column] = cast(
    "list[Column]",
    [
        (gettext_lazy("Name"), lambda n: n.name),
        (gettext_lazy("Level"), lambda n: n.get_level_display()),
        (gettext_lazy("Territory"), lambda n: n.territory.name if n.territory else ""),
        (gettext_lazy("TERYT code"), lambda n: n.territory.code if n.territory else ""),
        (gettext_lazy("Current members"), lambda n: n.member_count),
    ],
)


class NetworkListView(LoginRequiredMixin, FilteredListView):
    """LSRs and RSRs the user can see, with links to their graph and metrics."""

    model = Network
    filterset_class = NetworkAnalyticsFilter
    template_name = "analytics/network_list.html"
    partial_template_name = "analytics/_network_results.html"
    export_columns = LIST_COLUMNS
    export_filename = "sieci-analityka"

    def get_base_queryset(self) -> QuerySet[Any]:
        return (
            Network.objects.visible_to(self.request.user)
            .filter(level__in=[NetworkLevel.LOCAL, NetworkLevel.REGIONAL])
            .select_related("territory")
            .annotate(member_count=Count("memberships", filter=Q(memberships__left_on__isnull=True), distinct=True))
            .order_by("level", "name", "id")
        )


network_list = NetworkListView.as_view()


def _visible_network(request: HttpRequest, network_pk: int) -> Network:
    return get_object_or_404(Network.objects.visible_to(request.user).select_related("territory"), pk=network_pk)


def _tie_legend(present: list[str]) -> list[dict[str, Any]]:
    labels = dict(TieType.choices)
    return [
        {"code": t, "label": labels[t], "colour": TIE_STYLES[t][0], "dash": TIE_STYLES[t][1], "present": t in present}
        for t in TieType.values
    ]


def _colour_legends() -> dict[str, Any]:
    return {
        "type_legend": [
            {"code": code, "label": label, "colour": TYPE_COLOURS[code]} for code, label in StakeholderType.choices
        ],
        "sector_legend": [
            {"code": code, "label": label, "colour": SECTOR_COLOURS[code], "number": sector_number(code)}
            for code, label in SectorCode.choices
        ],
    }


def _network_context(network: Network, result: analysis.Analysis) -> dict[str, Any]:
    summary = analysis.summary_of(network, result)
    labels = dict(SectorCode.choices)
    return {
        "network": network,
        "analysis": result,
        "metrics": result.metrics,
        "rows": result.node_rows(),
        "summary": summary,
        "covered_sectors": [labels[s] for s in summary.covered_sectors],
        "missing_sectors": [labels[s] for s in summary.missing_sectors],
        "health": analysis.health_of(network),
        "tie_legend": _tie_legend(result.tie_types),
        "new_profile_count": len(NEW_PROFILE_SECTORS),
    }


@login_required
def network_graph(request: HttpRequest, network_pk: int) -> HttpResponse:
    """The graph of an LSR or RSR: server-side SVG, pan/zoom/filters in graph.js, and a table."""
    network = _visible_network(request, network_pk)
    result = analysis.analyse_network(network, with_layout=True)
    context = _network_context(network, result)
    context["graph_svg"] = render_graph_svg(
        result.graph,
        result.positions or {},
        result.metrics.nodes,
        title=_("Graph of the network %(name)s") % {"name": network.name},
        description=_(
            "Organisations are circles marked with their stakeholder type (A, B, C) or sector number; "
            "lines are ties: dashed for network co-membership, solid for partnerships, dotted for forum "
            "co-attendance. The table below lists the same organisations with their metrics."
        ),
        id_prefix="network-graph",
    )
    context.update(_colour_legends())
    return render(request, "analytics/network_graph.html", context)


def _node_columns() -> list[Column]:
    return cast(
        "list[Column]",
        [
            (_("Organisation"), lambda r: r["name"]),
            (_("Stakeholder type"), lambda r: r["stakeholder_type"]),
            (_("Sectors"), lambda r: ", ".join(r["sectors"])),
            (_("Seat TERYT code"), lambda r: r["seat"]),
            (_("Ties"), lambda r: r["metrics"].degree),
            (_("Tie strength"), lambda r: r["metrics"].strength),
            (_("Betweenness"), lambda r: round(r["metrics"].betweenness, 4)),
            (_("Cross-sector brokerage"), lambda r: r["metrics"].brokerage),
            (_("Component"), lambda r: r["metrics"].component),
            (_("Community"), lambda r: r["metrics"].community),
        ],
    )


@login_required
def network_metrics(request: HttpRequest, network_pk: int) -> HttpResponseBase:
    """The metrics of an LSR or RSR; ``?format=csv`` exports the per-organisation table."""
    network = _visible_network(request, network_pk)
    result = analysis.analyse_network(network)
    if request.GET.get("format") == "csv":
        record(AuditAction.EXPORT, network, actor=request.user, object_repr=f"analytics metrics {network.pk}.csv")
        return csv_response(result.node_rows(), _node_columns(), f"metryki-sieci-{network.pk}")
    return render(request, "analytics/network_metrics.html", _network_context(network, result))


@login_required
def region_metrics(request: HttpRequest, code: str) -> HttpResponse:
    """The graph metrics of a voivodeship: its RSR and LSRs (those the user can see), per LSR too."""
    if len(code) != 2 or not code.isdigit():
        raise Http404
    region = get_object_or_404(TerritorialUnit.objects.voivodeships(), code=code)
    networks = list(
        Network.objects.visible_to(request.user)
        .filter(level__in=[NetworkLevel.LOCAL, NetworkLevel.REGIONAL], territory__code__startswith=code)
        .select_related("territory")
        .order_by("level", "name", "id")
    )
    if not networks:
        raise Http404
    # Co-membership in a network drawn here would tie all its members (every LSR a clique, density
    # 1 and no organisation in between): as on an LSR's own page, the drawn networks' own
    # co-membership is no tie; partnerships, forum co-attendance and other networks are.
    result = analysis.analyse([n.pk for n in networks], excluded_network_ids=[n.pk for n in networks])
    lsrs = [n for n in networks if n.level == NetworkLevel.LOCAL]
    health = lsr_health_many(lsrs)
    labels = dict(SectorCode.choices)
    lsr_rows = []
    for network in lsrs:
        # The figures of the LSR's own page, from the same computation (its graph, cached).
        summary = analysis.summary_of(network, analysis.analyse_network(network))
        lsr_rows.append(
            {
                "network": network,
                "summary": summary,
                "missing": [labels[s] for s in summary.missing_sectors],
                "health": health.get(network.pk),
            }
        )
    context = {
        "region": region,
        "networks": networks,
        "metrics": result.metrics,
        "lsr_rows": lsr_rows,
        "top_rows": result.node_rows()[:20],
        "new_profile_count": len(NEW_PROFILE_SECTORS),
    }
    return render(request, "analytics/region_metrics.html", context)


# --- maps -----------------------------------------------------------------------------------


def _powiat_csv(rows: list[mapdata.PowiatRow]) -> HttpResponseBase:
    columns = cast(
        "list[Column]",
        [
            (_("Powiat TERYT code"), lambda r: r.code),
            (_("Powiat"), lambda r: r.name),
            (_("LSRs"), lambda r: r.lsr_count),
            (_("Healthy LSRs"), lambda r: r.healthy_count),
            (_("Gminas"), lambda r: r.gmina_count),
            (_("White spots"), lambda r: r.white_spot_count),
        ],
    )
    return csv_response(rows, columns, "mapa-powiaty")


def _gmina_csv(rows: list[mapdata.GminaRow], filename: str) -> HttpResponseBase:
    columns = cast(
        "list[Column]",
        [
            (_("Gmina TERYT code"), lambda r: r.code),
            (_("Gmina"), lambda r: r.name),
            (_("Kind"), lambda r: r.kind),
            (_("Entered KIS"), lambda r: r.kis),
            (_("Entered CIS"), lambda r: r.cis),
            (_("LSRs"), lambda r: r.lsr),
            (_("White spot"), lambda r: r.is_white_spot),
        ],
    )
    return csv_response(rows, columns, filename)


STATUS_COLOURS = {
    GminaStatus.LSR: "#08519c",
    GminaStatus.KIS: "#3182bd",
    GminaStatus.CIS: "#6baed6",
    GminaStatus.WHITE_SPOT: "#ffffff",
}


@login_required
def maps_view(request: HttpRequest) -> HttpResponseBase:
    """Poland by powiat (LSRs and their health; white spots) and one powiat's gminas as tiles."""
    powiat_code = request.GET.get("powiat", "")
    if powiat_code and (len(powiat_code) != 4 or not powiat_code.isdigit()):
        raise Http404
    fmt = request.GET.get("format", "")
    if fmt == "csv":
        record(AuditAction.EXPORT, None, actor=request.user, object_repr=f"analytics maps ({request.GET.urlencode()})")
        if request.GET.get("level") == "gmina":
            name = f"mapa-gminy-{powiat_code}" if powiat_code else "mapa-gminy"
            return _gmina_csv(mapdata.gmina_rows(powiat_code or None), name)
        return _powiat_csv(mapdata.powiat_rows())
    lsrs = mapdata.active_lsrs()  # fetched once for the maps, the table and the powiat's tiles
    rows = mapdata.powiat_rows(lsrs)
    lsr_title = _("Local reintegration networks (LSR) per powiat")
    white_title = _("White spots per powiat: gminas with no KIS, no CIS and no LSR")
    context: dict[str, Any] = {
        "powiat_rows": rows,
        "lsr_map": maps.render_powiat_map(
            {r.code: r.lsr_count for r in rows},
            title=lsr_title,
            description=_(
                "The darker a powiat, the more LSRs; hatched powiats have none. "
                "The table below gives the number of LSRs and of healthy LSRs per powiat."
            ),
            id_prefix="map-lsr",
        ),
        "lsr_title": lsr_title,
        "white_map": maps.render_powiat_map(
            {r.code: r.white_spot_count for r in rows},
            title=white_title,
            description=_(
                "The darker a powiat, the more of its gminas are white spots; hatched powiats have none. "
                "The table below gives the counts."
            ),
            thresholds=(1, 3, 6, 10),
            id_prefix="map-white",
        ),
        "white_title": white_title,
        "legend": maps.map_legend(),
        "white_legend": maps.map_legend((1, 3, 6, 10)),
        "totals": {
            "lsr": sum(r.lsr_count for r in rows),
            "healthy": sum(r.healthy_count for r in rows),
            "white": sum(r.white_spot_count for r in rows),
            "gminas": sum(r.gmina_count for r in rows),
        },
        "powiat_choices": [(r.code, r.name) for r in rows],
        "powiat_code": powiat_code,
        "status_legend": [{"code": s, "label": s.label, "colour": STATUS_COLOURS[s]} for s in GminaStatus],
    }
    if powiat_code:
        gminas = mapdata.gmina_rows(powiat_code, lsrs)
        names = dict(context["powiat_choices"])
        if powiat_code not in names:
            raise Http404
        context["powiat_name"] = names[powiat_code]
        context["gminas"] = gminas
        context["grid_columns"] = max(1, math.ceil(math.sqrt(len(gminas)))) if gminas else 1
    return render(request, "analytics/maps.html", context)
