"""Pages of the voivode registers of KIS and CIS.

- Officers (signed in): the scoped list with filters and export, an entry's page, and the forms
  that notify, enter, strike off and correct — each calling one service.
- The public register (no login): the national register with a map of Poland, each
  voivodeship's register with a map of its powiats, and both as CSV (``?format=csv``) and
  JSON (``?format=json``; shape documented in ``ksr.registers.public``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for
from ksr.core.access import LoginRequiredMixin, login_required, public, roles_required
from ksr.core.exports import csv_response
from ksr.core.listing import FilteredListView
from ksr.core.pages import form_page
from ksr.core.types import AnyUser
from ksr.registers import public as public_register
from ksr.registers import services
from ksr.registers.choices import EntityKind, EntryStatus
from ksr.registers.filters import RegisterEntryFilter
from ksr.registers.forms import EnterForm, EntryUpdateForm, NotificationForm, StrikeOffForm
from ksr.registers.models import RegisterEntry
from ksr.territory import maps
from ksr.territory.models import TerritorialUnit

KEEPERS = (Role.REGISTER_OFFICER, Role.SYSTEM_ADMIN)

# --- officers ----------------------------------------------------------------------------


EXPORT_COLUMNS = [column for name, column in public_register.COLUMNS.items() if name != "address"]


class EntryListView(LoginRequiredMixin, FilteredListView):
    """Register entries the user may read (scoped), with filters, overdue flags and export."""

    model = RegisterEntry
    filterset_class = RegisterEntryFilter
    template_name = "registers/entry_list.html"
    partial_template_name = "registers/_entry_results.html"
    context_object_name = "entries"
    export_columns = EXPORT_COLUMNS
    export_filename = "rejestr-kis-cis"

    def get_base_queryset(self) -> QuerySet[Any]:
        return RegisterEntry.objects.visible_to(self.request.user).with_related()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["may_notify"] = bool(scope_for(self.request.user).has_any_role(KEEPERS))
        return context


entry_list = EntryListView.as_view()


def _may_edit(entry: RegisterEntry, user: AnyUser) -> bool:
    return RegisterEntry.objects.editable_by(user).filter(pk=entry.pk).exists()


def _detail_url(entry: RegisterEntry) -> str:
    return reverse("registers:entry_detail", args=[entry.pk])


@login_required
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(RegisterEntry.objects.visible_to(request.user).with_related(), pk=pk)
    may_edit = _may_edit(entry, request.user)
    return render(
        request,
        "registers/entry_detail.html",
        {
            "entry": entry,
            "may_edit": may_edit,
            "may_enter": may_edit and entry.can_move_to(EntryStatus.ENTERED),
            "may_strike_off": may_edit and entry.can_move_to(EntryStatus.STRUCK_OFF),
        },
    )


@roles_required(*KEEPERS)
def entry_create(request: HttpRequest) -> HttpResponse:
    """Record the notification of a KIS or CIS (the voivode then has 30 days to enter a KIS)."""
    return form_page(
        request,
        NotificationForm(request.POST or None, user=request.user),
        lambda data: _notify(data, request.user),
        title=_("New notification"),
        back_url=reverse("registers:entry_list"),
        success=_("The notification has been recorded."),
        success_url=_detail_url,
    )


def _notify(data: dict[str, Any], actor: AnyUser) -> RegisterEntry:
    """Notify a recorded club or centre, or record a new one with its notification."""
    data = dict(data)
    organisation, name, seat = data.pop("organisation"), data.pop("name"), data.pop("seat")
    if organisation is not None:
        return services.do_notify_entity(organisation=organisation, **data, actor=actor)
    return services.do_notify_new_entity(name=name, seat=seat, **data, actor=actor)


def _entry_page(
    request: HttpRequest,
    pk: int,
    make_form: Callable[[RegisterEntry], BaseForm],
    save: Callable[[RegisterEntry, dict[str, Any]], object],
    *,
    title: str,
    success: str,
    target: str = "",
    **context: Any,
) -> HttpResponse:
    """The form page of one editable entry; a move the machine refuses redirects with the reason."""
    entry = get_object_or_404(RegisterEntry.objects.editable_by(request.user).with_related(), pk=pk)
    if target and not entry.can_move_to(target):
        for message in services.refusal(entry.status, target).messages:
            messages.error(request, message)
        return redirect(_detail_url(entry))
    return form_page(
        request,
        make_form(entry),
        lambda data: save(entry, data),
        title=f"{title}: {entry.organisation.name}",
        back_url=_detail_url(entry),
        success=success,
        **context,
    )


@roles_required(*KEEPERS)
def entry_enter(request: HttpRequest, pk: int) -> HttpResponse:
    return _entry_page(
        request,
        pk,
        lambda entry: EnterForm(request.POST or None),
        lambda entry, data: services.do_enter_in_register(
            entry,
            entry_date=data["entry_date"],
            register_number=data["register_number"] or None,
            actor=request.user,
        ),
        title=_("Entry in the register"),
        success=_("The entity has been entered in the register."),
        target=EntryStatus.ENTERED,
    )


@roles_required(*KEEPERS)
def entry_strike_off(request: HttpRequest, pk: int) -> HttpResponse:
    return _entry_page(
        request,
        pk,
        lambda entry: StrikeOffForm(request.POST or None),
        lambda entry, data: services.do_strike_off(entry, **data, actor=request.user),
        title=_("Striking off the register"),
        success=_("The entity has been struck off the register."),
        target=EntryStatus.STRUCK_OFF,
        danger=True,
        submit_label=_("Strike off the register"),
    )


@roles_required(*KEEPERS)
def entry_update(request: HttpRequest, pk: int) -> HttpResponse:
    return _entry_page(
        request,
        pk,
        lambda entry: EntryUpdateForm(request.POST or None, instance=entry, user=request.user),
        lambda entry, data: services.do_update_entry(entry, data, actor=request.user),
        title=_("Correct the entry"),
        success=_("The entry has been corrected."),
    )


# --- the public register -----------------------------------------------------------------

OPEN_DATA_FORMATS = {"csv", "json"}


def _open_data(fmt: str, voivodeship: TerritorialUnit | None) -> HttpResponseBase:
    entries = public_register.public_entries(voivodeship.code if voivodeship else None)
    filename = f"rejestr-kis-cis-{voivodeship.code}" if voivodeship else "rejestr-kis-cis"
    if fmt == "csv":
        return csv_response(entries, public_register.PUBLIC_COLUMNS, filename)
    rows = [public_register.public_row(e) for e in entries]
    data = {
        "register": "kis-cis",
        "voivodeship": {"teryt": voivodeship.code, "name": voivodeship.name} if voivodeship else None,
        "count": len(rows),
        "entries": rows,
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'inline; filename="{filename}.json"'
    return response


def _powiat_rows(values: dict[str, int], voivodeship_code: str | None) -> list[dict[str, Any]]:
    names = maps.powiat_names()
    return [
        {"code": code, "name": name, "count": values.get(code, 0)}
        for code, name in sorted(names.items())
        if voivodeship_code is None or code.startswith(voivodeship_code)
    ]


def _map_context(values: dict[str, int], voivodeship: TerritorialUnit | None) -> dict[str, Any]:
    if voivodeship:
        title = _("Entered KIS and CIS per powiat: %(name)s voivodeship") % {"name": voivodeship.name.lower()}
    else:
        title = _("Entered KIS and CIS per powiat in Poland")
    description = _(
        "Choropleth map: the darker a powiat, the more KIS and CIS entered; hatched powiats have none. "
        "The table of counts per powiat below gives the same data."
    )
    return {
        "map_svg": maps.render_powiat_map(
            values,
            title=title,
            description=description,
            voivodeship=voivodeship.code if voivodeship else None,
            id_prefix=f"map-{voivodeship.code}" if voivodeship else "map-pl",
        ),
        "map_title": title,
        "legend": maps.map_legend(),
        "powiat_rows": _powiat_rows(values, voivodeship.code if voivodeship else None),
    }


@public
def public_index(request: HttpRequest) -> HttpResponseBase:
    """The national register: a map of Poland and the counts per voivodeship."""
    fmt = request.GET.get("format", "")
    if fmt in OPEN_DATA_FORMATS:
        return _open_data(fmt, None)
    per_voivodeship = public_register.entered_per_voivodeship()
    voivodeships = list(TerritorialUnit.objects.voivodeships().current().order_by("code"))
    rows: list[dict[str, Any]] = []
    for unit in voivodeships:
        counts = per_voivodeship.get(unit.code, {})
        kis, cis = counts.get(EntityKind.KIS, 0), counts.get(EntityKind.CIS, 0)
        rows.append({"unit": unit, "kis": kis, "cis": cis, "total": kis + cis})
    context = {
        "rows": rows,
        "total_kis": sum(r["kis"] for r in rows),
        "total_cis": sum(r["cis"] for r in rows),
        **_map_context(public_register.entered_per_powiat(), None),
    }
    return render(request, "registers/public_index.html", context)


@public
def public_voivodeship(request: HttpRequest, code: str) -> HttpResponseBase:
    """One voivodeship's register: the entries, a map of its powiats and the counts per powiat."""
    if len(code) != 2 or not code.isdigit():
        raise Http404
    voivodeship = get_object_or_404(TerritorialUnit.objects.voivodeships(), code=code)
    fmt = request.GET.get("format", "")
    if fmt in OPEN_DATA_FORMATS:
        return _open_data(fmt, voivodeship)
    entries = list(public_register.public_entries(code))
    context = {
        "voivodeship": voivodeship,
        "entries": entries,
        "headers": [label for label, _value in public_register.TABLE_COLUMNS],
        "rows": [[value(entry) for _label, value in public_register.TABLE_COLUMNS] for entry in entries],
        **_map_context(public_register.entered_per_powiat(code), voivodeship),
    }
    return render(request, "registers/public_voivodeship.html", context)
