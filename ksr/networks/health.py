"""The health of an LSR and the flags of any network: rules the product checks, not enforces.

``lsr_health(network, today=None)`` answers five questions about a local network, each with the
rule it comes from and a link to where it is fixed:

a. auspices   — the KIS works under the auspices of the wójt/burmistrz/prezydent (Model KSR, II.3, local level);
b. type_c     — type C members are present and the four new-profile sectors are all covered;
c. partnership — at least one formal partnership with a signed agreement includes a type C partner;
d. forum      — the forum meets on time (strategic at least quarterly, operational monthly);
e. assessment — the cooperation was assessed within the last six months.

(c)–(e) ask the partnerships and cooperation apps through the sources they register in
``ksr.networks.registry`` (the networks app cannot import the apps built on it).
``lsr_health_many`` computes the same for many LSRs in a fixed
number of queries (for the regional and national overview).

``network_flags(network)`` lists the structural warnings of Model KSR, II.3 that are flagged
rather than refused (the host of the main node, members that do not belong at that level).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ksr.networks.choices import NetworkLevel
from ksr.networks.models import AuspicesAct, Network, NetworkMembership
from ksr.networks.registry import health_sources
from ksr.registry.choices import NEW_PROFILE_SECTORS, OperatingLevel, OrganisationKind, SectorCode, StakeholderType

RULE_LABELS: dict[str, Promise] = {
    "auspices": gettext_lazy("The KIS works under the auspices of the wójt/mayor/city president"),
    "type_c": gettext_lazy("Type C members cover the four sectors of the new service profile"),
    "partnership": gettext_lazy("A formal partnership with a signed agreement includes a type C partner"),
    "forum": gettext_lazy("The cooperation forum meets on time"),
    "assessment": gettext_lazy("The cooperation was assessed in the last six months"),
}
RULE_SOURCES = {
    "auspices": "Model KSR, II.3, poziom lokalny",
    "type_c": "Model KSR, II.3, poziom lokalny, Wstęp, II.1",
    "partnership": "Model KSR, II.3, poziom lokalny, II.4 „KIS koordynuje proces reintegracji w ramach LSR”",
    "forum": "Model KSR, II.4 „KIS jest liderem lokalnej sieci reintegracji”, „KIS zatrudnia case managerów”",
    "assessment": "Model KSR, II.4 „KIS jest liderem lokalnej sieci reintegracji”, „KIS zatrudnia case managerów”",
}
ASSESSMENT_MONTHS = 6


@dataclass(frozen=True)
class HealthRule:
    code: str
    label: str
    ok: bool
    detail: str
    source: str
    fix_url: str
    critical: bool = False


@dataclass
class HealthReport:
    network: Network
    rules: list[HealthRule] = field(default_factory=list)

    @property
    def is_healthy(self) -> bool:
        return all(rule.ok for rule in self.rules)

    @property
    def score(self) -> int:
        """How many rules hold (0–5)."""
        return sum(1 for rule in self.rules if rule.ok)

    @property
    def failing(self) -> list[HealthRule]:
        return [rule for rule in self.rules if not rule.ok]

    def rule(self, code: str) -> HealthRule:
        return next(rule for rule in self.rules if rule.code == code)


@dataclass
class _Facts:
    """What the rules need to know about one LSR, gathered one by one or in bulk."""

    auspices: list[AuspicesAct] = field(default_factory=list)
    # (stakeholder type, sector codes) of each current member.
    members: list[tuple[str, set[str]]] = field(default_factory=list)
    partnerships: int | None = None
    strategic_ok: bool | None = None
    operational_ok: bool | None = None
    last_strategic: dt.date | None = None
    last_operational: dt.date | None = None
    last_assessment: dt.date | None = None
    assessment_known: bool = False


_FACT_NAMES = frozenset(f.name for f in fields(_Facts))


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (clamped to the month's last day)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    return dt.date(year, month, 28)  # pragma: no cover


def _url(network: Network, *candidates: tuple[str, dict[str, Any]]) -> str:
    for name, kwargs in candidates:
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    return reverse("networks:network_detail", kwargs={"pk": network.pk})


def _date(value: dt.date | None) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else "—"


def _sector_labels(codes: Iterable[str]) -> str:
    return ", ".join(str(SectorCode(code).label) for code in codes)


def _rules(network: Network, facts: _Facts, today: dt.date) -> list[HealthRule]:
    pk = {"pk": network.pk}
    rules: list[HealthRule] = []

    # (a) auspices
    if facts.auspices:
        latest = facts.auspices[0]
        detail = _("Recorded: %(act)s.") % {"act": str(latest)}
    else:
        detail = _("No act of auspices is recorded.")
    rules.append(
        HealthRule(
            "auspices",
            str(RULE_LABELS["auspices"]),
            bool(facts.auspices),
            detail,
            RULE_SOURCES["auspices"],
            _url(network, ("networks:auspices_add", pk)),
            critical=True,
        )
    )

    # (b) type C members and the four sectors
    type_c = [sectors for kind, sectors in facts.members if kind == StakeholderType.C]
    covered = set().union(*(sectors for _kind, sectors in facts.members)) if facts.members else set()
    missing = [code for code in NEW_PROFILE_SECTORS if code not in covered]
    if not type_c:
        detail = _("No current member is of type C.")
    elif missing:
        detail = ngettext(
            "%(count)d type C member; no member covers: %(sectors)s.",
            "%(count)d type C members; no member covers: %(sectors)s.",
            len(type_c),
        ) % {
            "count": len(type_c),
            "sectors": _sector_labels(missing),
        }
    else:
        detail = ngettext(
            "%(count)d type C member; all four sectors are covered.",
            "%(count)d type C members; all four sectors are covered.",
            len(type_c),
        ) % {"count": len(type_c)}
    if not type_c and missing:
        detail += " " + _("Not covered: %(sectors)s.") % {"sectors": _sector_labels(missing)}
    rules.append(
        HealthRule(
            "type_c",
            str(RULE_LABELS["type_c"]),
            bool(type_c) and not missing,
            detail,
            RULE_SOURCES["type_c"],
            _url(network, ("networks:member_add", pk)),
            critical=True,
        )
    )

    # (c) a signed partnership with a type C partner
    if facts.partnerships is None:
        ok, detail = False, _("The partnerships cannot be checked yet.")
    elif facts.partnerships:
        ok, detail = (
            True,
            ngettext(
                "%(count)d signed partnership includes a type C partner.",
                "%(count)d signed partnerships include a type C partner.",
                facts.partnerships,
            )
            % {"count": facts.partnerships},
        )
    else:
        ok, detail = False, _("No partnership with a signed agreement includes a type C partner.")
    rules.append(
        HealthRule(
            "partnership",
            str(RULE_LABELS["partnership"]),
            ok,
            detail,
            RULE_SOURCES["partnership"],
            _url(
                network,
                ("partnerships:network_partnerships", {"network_pk": network.pk}),
                ("partnerships:partnership_list", {}),
            ),
        )
    )

    # (d) the forum meets on time
    if facts.strategic_ok is None:
        ok, detail = False, _("The forum cannot be checked yet.")
    else:
        ok = bool(facts.strategic_ok and facts.operational_ok)
        detail = _("Last strategic meeting: %(s)s (%(s_state)s); last operational meeting: %(o)s (%(o_state)s).") % {
            "s": _date(facts.last_strategic),
            "s_state": _("on time") if facts.strategic_ok else _("overdue"),
            "o": _date(facts.last_operational),
            "o_state": _("on time") if facts.operational_ok else _("overdue"),
        }
    rules.append(
        HealthRule(
            "forum",
            str(RULE_LABELS["forum"]),
            ok,
            detail,
            RULE_SOURCES["forum"],
            _url(
                network,
                ("cooperation:network_forum", {"network_pk": network.pk}),
            ),
        )
    )

    # (e) an assessment in the last six months
    since = months_before(today, ASSESSMENT_MONTHS)
    if not facts.assessment_known:
        ok, detail = False, _("The assessments cannot be checked yet.")
    elif facts.last_assessment is None:
        ok, detail = False, _("The cooperation has never been assessed.")
    else:
        ok = facts.last_assessment >= since
        detail = _("Last assessment: %(date)s.") % {"date": _date(facts.last_assessment)}
    rules.append(
        HealthRule(
            "assessment",
            str(RULE_LABELS["assessment"]),
            ok,
            detail,
            RULE_SOURCES["assessment"],
            _url(
                network,
                ("cooperation:network_assessments", {"network_pk": network.pk}),
            ),
        )
    )
    return rules


def _member_facts(network_ids: Sequence[int]) -> dict[int, list[tuple[str, set[str]]]]:
    rows = (
        NetworkMembership.objects.current()
        .filter(network_id__in=network_ids)
        .values_list("network_id", "organisation_id", "organisation__stakeholder_type", "organisation__sectors__code")
        .order_by()
    )
    per: dict[int, dict[int, tuple[str, set[str]]]] = {}
    for network_id, org_id, kind, sector in rows:
        entry = per.setdefault(network_id, {}).setdefault(org_id, (kind, set()))
        if sector:
            entry[1].add(sector)
    return {network_id: list(orgs.values()) for network_id, orgs in per.items()}


def _auspices_facts(network_ids: Sequence[int]) -> dict[int, list[AuspicesAct]]:
    per: dict[int, list[AuspicesAct]] = {}
    for act in AuspicesAct.objects.filter(network_id__in=network_ids).order_by("-date", "-id"):
        per.setdefault(act.network_id, []).append(act)
    return per


def _with_facts(facts: _Facts, found: Mapping[str, Any]) -> None:
    for name, value in found.items():
        if name not in _FACT_NAMES:
            raise ValueError(f"Unknown health fact: {name}")
        setattr(facts, name, value)


def lsr_health(network: Network, today: dt.date | None = None) -> HealthReport:
    """The health of one LSR (see the module docstring)."""
    today = today or timezone.localdate()
    facts = _Facts(
        auspices=_auspices_facts([network.pk]).get(network.pk, []),
        members=_member_facts([network.pk]).get(network.pk, []),
    )
    for source in health_sources().values():
        _with_facts(facts, source.facts(network, today))
    return HealthReport(network=network, rules=_rules(network, facts, today))


def lsr_health_many(networks: Iterable[Network], today: dt.date | None = None) -> dict[int, HealthReport]:
    """The health of many LSRs in a fixed number of queries, keyed by network id."""
    today = today or timezone.localdate()
    items = list(networks)
    ids = [n.pk for n in items]
    if not ids:
        return {}
    members, auspices = _member_facts(ids), _auspices_facts(ids)
    sources = list(health_sources().values())
    rows: dict[int, dict[str, Any]] = {}
    if sources:
        queryset: QuerySet[Network] = Network.objects.filter(pk__in=ids)
        for source in sources:
            queryset = source.annotate(queryset)
        columns = [name for source in sources for name in source.columns]
        rows = {row["pk"]: row for row in queryset.values("pk", *columns)}
    reports: dict[int, HealthReport] = {}
    for network in items:
        facts = _Facts(auspices=auspices.get(network.pk, []), members=members.get(network.pk, []))
        row = rows.get(network.pk)
        if row is not None:
            for source in sources:
                _with_facts(facts, source.facts_from_row(row, today))
        reports[network.pk] = HealthReport(network=network, rules=_rules(network, facts, today))
    return reports


# Flags ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Flag:
    code: str
    message: str
    source: str


def network_flags(network: Network) -> list[Flag]:
    """Structural warnings shown on the network page (Model KSR, II.3, local level, regional level)."""
    flags: list[Flag] = []
    main = network.main_node
    host = main.parent
    if network.level == NetworkLevel.LOCAL:
        if network.parent_id is None:
            flags.append(
                Flag("no_parent", _("The LSR is not yet linked to the RSR of its voivodeship."), "Model KSR, II.3")
            )
        return flags
    members = list(
        NetworkMembership.objects.current()
        .filter(network=network)
        .select_related("organisation__seat", "member_network")
        .exclude(organisation=main, member_network__isnull=True)
    )
    if network.level == NetworkLevel.REGIONAL:
        if host is None or host.kind != OrganisationKind.ROPS:
            flags.append(
                Flag(
                    "host",
                    _("The ROWR should be hosted by the ROPS (set the ROPS as its parent organisation)."),
                    "Model KSR, II.3, poziom lokalny, poziom regionalny",
                )
            )
        code = network.voivodeship_code
        for row in members:
            if row.member_network_id is not None:
                continue
            org = row.organisation
            if not org.seat.code.startswith(code):
                flags.append(
                    Flag(
                        "member_outside",
                        _("%(org)s has its seat outside the voivodeship.") % {"org": org.name},
                        "Model KSR, II.3, poziom regionalny",
                    )
                )
            elif org.operating_level == OperatingLevel.LOCAL:
                flags.append(
                    Flag(
                        "member_local",
                        _(
                            "%(org)s works locally and is not an LSR: RSR members are LSRs "
                            "and supra-local organisations."
                        )
                        % {"org": org.name},
                        "Model KSR, II.3, poziom regionalny",
                    )
                )
    elif network.level == NetworkLevel.NATIONAL:
        if host is None or host.kind not in (OrganisationKind.MINISTRY_DEPARTMENT, OrganisationKind.ROPS):
            flags.append(
                Flag(
                    "host",
                    _(
                        "The KOWR should be hosted by a ministry department or a ROPS "
                        "(set it as its parent organisation)."
                    ),
                    "Model KSR, II.3, poziom lokalny, poziom krajowy",
                )
            )
        for row in members:
            if row.member_network_id is None and row.organisation.operating_level != OperatingLevel.NATIONAL:
                flags.append(
                    Flag(
                        "member_not_national",
                        _("%(org)s is neither an RSR nor a national organisation.") % {"org": row.organisation.name},
                        "Model KSR, II.3, poziom regionalny, poziom krajowy",
                    )
                )
    return flags
