"""One search over what the user may see: participants (for those who hold them), organisations,
networks, register entries and procedures.

Each section queries the same scoped querysets and the same matching rules as its own list page
(``visible_to`` and the list filters' search functions), so a result is always a page the user may
open, and "all results" is that list page with the same words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ksr.cases.filters import search_people
from ksr.cases.models import Participant
from ksr.core.types import AnyUser
from ksr.networks.models import Network
from ksr.procedures.models import ProcedureCard, ProcedureRun
from ksr.registers.models import RegisterEntry
from ksr.registry.filters import search_organisations
from ksr.registry.models import Organisation

PER_SECTION = 10
MIN_LENGTH = 2


@dataclass(frozen=True)
class Hit:
    label: str
    url: str
    detail: str = ""


@dataclass
class Section:
    key: str
    title: Any
    hits: list[Hit] = field(default_factory=list)
    more_url: str = ""
    has_more: bool = False
    rows: list[Any] = field(default_factory=list)


def _first(queryset: QuerySet[Any]) -> tuple[list[Any], bool]:
    found = list(queryset[: PER_SECTION + 1])
    return found[:PER_SECTION], len(found) > PER_SECTION


def _participants(user: AnyUser, text: str) -> Section:
    found, more = _first(
        search_people(Participant.objects.visible_to(user), text)
        .select_related("organisation")
        .order_by("last_name", "first_name", "pk")
    )
    return Section(
        key="participants",
        title=_("Participants"),
        hits=[Hit(str(p), reverse("cases:participant_detail", args=[p.pk]), p.organisation.name) for p in found],
        more_url=reverse("cases:participant_list"),
        has_more=more,
        rows=[(p.pk, p.organisation_id) for p in found],
    )


def _organisations(user: AnyUser, text: str) -> Section:
    found, more = _first(
        search_organisations(Organisation.objects.visible_to(user), text).select_related("seat").order_by("name", "pk")
    )
    return Section(
        key="organisations",
        title=_("Organisations"),
        hits=[
            Hit(o.name, reverse("registry:organisation_detail", args=[o.pk]), o.seat.name if o.seat else "")
            for o in found
        ],
        more_url=reverse("registry:organisation_list"),
        has_more=more,
    )


def _networks(user: AnyUser, text: str) -> Section:
    found, more = _first(
        Network.objects.visible_to(user)
        .filter(Q(name__icontains=text) | Q(main_node__name__icontains=text))
        .select_related("main_node")
        .order_by("name", "pk")
    )
    return Section(
        key="networks",
        title=_("Networks"),
        hits=[
            Hit(n.name, reverse("networks:network_detail", args=[n.pk]), n.main_node.name if n.main_node else "")
            for n in found
        ],
        more_url=reverse("networks:network_list"),
        has_more=more,
    )


def _register_entries(user: AnyUser, text: str) -> Section:
    found, more = _first(
        RegisterEntry.objects.visible_to(user)
        .filter(Q(organisation__name__icontains=text) | Q(register_number__icontains=text))
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    return Section(
        key="register_entries",
        title=_("Register entries"),
        hits=[
            Hit(e.organisation.name, reverse("registers:entry_detail", args=[e.pk]), e.register_number or "")
            for e in found
        ],
        more_url=reverse("registers:entry_list"),
        has_more=more,
    )


def _procedures(user: AnyUser, text: str) -> Section:
    cards = list(
        ProcedureCard.objects.filter(Q(name__icontains=text) | Q(name_en__icontains=text)).order_by("number")[
            :PER_SECTION
        ]
    )
    runs, more = _first(
        ProcedureRun.objects.visible_to(user)
        .filter(Q(gmina__name__icontains=text) | Q(network__name__icontains=text) | Q(card__name__icontains=text))
        .select_related("card", "gmina")
        .order_by("card__number", "gmina__name", "pk")
    )
    card_list = reverse("procedures:card_list")
    return Section(
        key="procedures",
        title=_("Procedures"),
        hits=[Hit(str(card), f"{card_list}#card-{card.number}", str(_("procedure card"))) for card in cards]
        + [
            Hit(str(run), reverse("procedures:run_detail", args=[run.pk]), str(_("procedure in progress")))
            for run in runs
        ],
        more_url=reverse("procedures:run_list"),
        has_more=more,
    )


SECTIONS: tuple[Callable[[AnyUser, str], Section], ...] = (
    _participants,
    _organisations,
    _networks,
    _register_entries,
    _procedures,
)


def search(user: AnyUser, text: str) -> list[Section]:
    """The sections with at least one hit, in a fixed order; nothing for fewer than two characters."""
    text = (text or "").strip()
    if len(text) < MIN_LENGTH:
        return []
    return [section for section in (build(user, text) for build in SECTIONS) if section.hits]
