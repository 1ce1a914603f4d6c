"""Territory pages: the searchable list of TERYT units, one unit, and the autocomplete endpoint."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from ksr.core.access import LoginRequiredMixin, login_required
from ksr.core.exports import Column
from ksr.core.listing import FilteredListView
from ksr.territory.filters import TerritorialUnitFilter
from ksr.territory.models import TerritorialUnit

SEARCH_LIMIT = 20


class UnitListView(LoginRequiredMixin, FilteredListView):
    """TERYT is public reference data: every signed-in user reads all of it."""

    model = TerritorialUnit
    filterset_class = TerritorialUnitFilter
    template_name = "territory/unit_list.html"
    partial_template_name = "territory/_unit_results.html"
    paginate_by = 50
    export_filename = "teryt"
    # Lazy headers, rendered with str() by the exporter in the request's language.
    export_columns = cast(
        list[Column],
        [
            (capfirst(_("TERYT code")), lambda u: u.code),
            (_("Name"), lambda u: u.name),
            (_("Level"), lambda u: u.get_level_display()),
            (_("Kind (RODZ)"), lambda u: u.kind),
            (_("Description"), lambda u: u.description),
            (_("Parent code"), lambda u: u.parent.code if u.parent else ""),
            (_("State as of"), lambda u: u.valid_from),
            (_("Retired on"), lambda u: u.retired_on),
        ],
    )

    def get_base_queryset(self) -> QuerySet[TerritorialUnit]:
        return TerritorialUnit.objects.select_related("parent")


class UnitDetailView(LoginRequiredMixin, DetailView):
    model = TerritorialUnit
    template_name = "territory/unit_detail.html"
    context_object_name = "unit"
    slug_field = "code"
    slug_url_kwarg = "code"

    def get_queryset(self) -> QuerySet[TerritorialUnit]:
        return TerritorialUnit.objects.with_parents()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        unit: TerritorialUnit = self.object
        context["ancestors"] = unit.ancestors()
        context["children"] = list(unit.children.order_by("retired_on", "code"))
        return context


@login_required
def unit_search(request: HttpRequest) -> HttpResponse:
    """Autocomplete for unit fields: up to 20 current units matching ``q`` (or the field named by
    ``field``), limited to ``level`` (repeatable). HTML ``<option>``s for a ``<datalist>`` by
    default; JSON (``{"results": [{code, name, level, value, label}]}``) with ``format=json``.
    """
    params = request.GET
    text = params.get("q") or params.get(params.get("field", ""), "") or ""
    units: list[TerritorialUnit] = []
    if text.strip():
        qs = TerritorialUnit.objects.current().with_parents().search(text, levels=params.getlist("level"))
        units = list(qs[:SEARCH_LIMIT])
    if params.get("format") == "json":
        return JsonResponse(
            {
                "results": [
                    {
                        "code": u.code,
                        "name": u.name,
                        "level": u.level,
                        "value": u.input_value,
                        "label": u.context_label,
                    }
                    for u in units
                ]
            }
        )
    return render(request, "territory/_unit_options.html", {"units": units})
