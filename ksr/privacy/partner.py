"""What a partner institution sees of a participant: ONE function applies the consent's scope.

Every partner surface — the list, its search, the detail page and the API — goes through
``partner_views`` (ADR 0011). Of a participant shared by live consents (participant's and
responsible helper's, within their period, not withdrawn; ``access.partner_participants``) the
partner sees:

- the name only when a live consent's data scope includes "name"; otherwise a **pseudonym**:
  stable (the same on every visit), non-reversible (a keyed hash of the partner and the
  participant, ``salted_hmac`` with the project's secret key) and **per partner** (two partners
  get different pseudonyms for the same person, so they cannot match their lists);
- the booked services and the attendance only when the scope includes them;
- never anything else (no PESEL, contact, address or special-category data).

Search matches the name only where the name is shared, and the pseudonym otherwise, so a partner
cannot find out a hidden name by searching for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from ksr.cases.models import Participant
from ksr.catalogue.models import Attendance, Booking
from ksr.catalogue.queries import attendance_for, bookings_for
from ksr.core.types import AnyUser
from ksr.privacy.access import live_consents_for
from ksr.privacy.choices import DataScope
from ksr.privacy.models import Consent

PSEUDONYM_SALT = "ksr.privacy.partner-pseudonym"
PSEUDONYM_LENGTH = 10


def pseudonym_code(partner_id: int, participant_id: int) -> str:
    """The participant's code for one partner: a keyed hash, stable and not reversible."""
    digest = salted_hmac(PSEUDONYM_SALT, f"{partner_id}:{participant_id}", algorithm="sha256").hexdigest()
    return digest[:PSEUDONYM_LENGTH].upper()


def pseudonym(partner_id: int, participant_id: int) -> str:
    return _("Participant %(code)s") % {"code": pseudonym_code(partner_id, participant_id)}


@dataclass(frozen=True)
class PartnerView:
    """One participant as a partner sees them (nothing here comes from outside the consent's scope)."""

    pk: int
    name: str
    named: bool
    code: str
    scope: frozenset[str]
    holder: str
    consents: list[Consent] = field(default_factory=list)

    def __str__(self) -> str:
        return self.name

    @property
    def shows_services(self) -> bool:
        return DataScope.BOOKED_SERVICE in self.scope

    @property
    def shows_attendance(self) -> bool:
        return DataScope.ATTENDANCE in self.scope


def _consents_by_participant(user: AnyUser, ids: Iterable[int]) -> dict[int, list[Consent]]:
    consents = live_consents_for(user).filter(participant_id__in=list(ids)).select_related("partner").order_by("pk")
    out: dict[int, list[Consent]] = {}
    for consent in consents:
        out.setdefault(consent.participant_id, []).append(consent)
    return out


def partner_view(participant: Participant, consents: list[Consent]) -> PartnerView:
    """The participant as the partner of ``consents`` (their live consents for this person) sees them."""
    scope: set[str] = set()
    for consent in consents:
        scope.update(consent.data_scope or [])
    partner_id = min(c.partner_id for c in consents) if consents else 0
    code = pseudonym_code(partner_id, participant.pk)
    named = DataScope.NAME in scope
    return PartnerView(
        pk=participant.pk,
        name=f"{participant.first_name} {participant.last_name}" if named else pseudonym(partner_id, participant.pk),
        named=named,
        code=code,
        scope=frozenset(scope),
        holder=str(participant.organisation.name) if participant.organisation_id else "",
        consents=consents,
    )


def partner_views(user: AnyUser, participants: Iterable[Participant]) -> list[PartnerView]:
    """The participants as ``user`` (a partner representative) sees them; one query for the consents."""
    rows = list(participants)
    consents = _consents_by_participant(user, (p.pk for p in rows))
    return [partner_view(p, consents[p.pk]) for p in rows if p.pk in consents]


def search_partner_participants(queryset: QuerySet[Participant], user: AnyUser, text: str) -> QuerySet[Participant]:
    """Every word in the name, among those whose name is shared; or a part of the pseudonym."""
    text = (text or "").strip()
    if not text:
        return queryset
    consents = _consents_by_participant(user, queryset.values_list("pk", flat=True))
    named_ids = {pid for pid, rows in consents.items() if any(DataScope.NAME in (c.data_scope or []) for c in rows)}
    needle = text.upper().replace(_("Participant").upper(), "").strip()
    coded_ids = {
        pid
        for pid, rows in consents.items()
        if pid not in named_ids and needle and needle in pseudonym_code(min(c.partner_id for c in rows), pid)
    }
    q = Q()
    for word in text.split():
        q &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    by_name = set(queryset.filter(q, pk__in=named_ids).values_list("pk", flat=True))
    return queryset.filter(pk__in=by_name | coded_ids)


def _partner_bookings(participant: Participant, consents: list[Consent]) -> list[Booking]:
    """The participant's bookings, in the consented cases, of a service or offer of the partner."""
    partner_ids = {c.partner_id for c in consents}
    return list(
        bookings_for(participant)
        .filter(case_id__in={c.case_id for c in consents})
        .filter(Q(service__provider_id__in=partner_ids) | Q(offer__organisation_id__in=partner_ids))
    )


def _partner_attendance(participant: Participant, consents: list[Consent]) -> list[Attendance]:
    """The participant's attendance, in the consented cases, at classes of a service the partner provides."""
    partner_ids = {c.partner_id for c in consents}
    return list(
        attendance_for(participant)
        .filter(case_id__in={c.case_id for c in consents})
        .filter(activity__service__provider_id__in=partner_ids)
    )


def partner_detail_context(user: AnyUser, participant: Participant) -> dict[str, Any]:
    """The partner's view of one participant: the same function as the list and the API."""
    consents = list(live_consents_for(user).filter(participant=participant).select_related("partner").order_by("pk"))
    view = partner_view(participant, consents)
    return {
        "view": view,
        "consents": consents,
        "show_name": view.named,
        "show_services": view.shows_services,
        "show_attendance": view.shows_attendance,
        "bookings": _partner_bookings(participant, consents) if view.shows_services else None,
        "attendance": _partner_attendance(participant, consents) if view.shows_attendance else None,
    }
