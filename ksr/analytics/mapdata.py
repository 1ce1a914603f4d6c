"""Figures of the maps: LSRs and their health per powiat; KIS, CIS, LSR and white spots per gmina.

- An **LSR covers** a gmina when its territory is that gmina or the gmina's powiat.
- A **KIS/CIS** counts in the gmina of its seat when it is *entered* in the voivode's register.
- A **white spot** is a gmina with no entered KIS, no entered CIS and no LSR covering it.
Gminas are matched on the first six digits of their TERYT code, so a seat recorded in a part of
an urban-rural gmina (RODZ 4/5) counts for the gmina (RODZ 3).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ksr.analytics.choices import GminaStatus
from ksr.networks.choices import NetworkLevel
from ksr.networks.health import lsr_health_many
from ksr.networks.models import Network
from ksr.registers.choices import EntityKind, EntryStatus
from ksr.registers.models import RegisterEntry
from ksr.territory import maps
from ksr.territory.models import TerritorialUnit


@dataclass(frozen=True)
class GminaRow:
    code: str
    name: str
    kind: str
    kis: int
    cis: int
    lsr: int

    @property
    def powiat_code(self) -> str:
        return self.code[:4]

    @property
    def is_white_spot(self) -> bool:
        return not (self.kis or self.cis or self.lsr)

    @property
    def statuses(self) -> list[str]:
        if self.is_white_spot:
            return [str(GminaStatus.WHITE_SPOT)]
        found: list[str] = []
        if self.kis:
            found.append(GminaStatus.KIS)
        if self.cis:
            found.append(GminaStatus.CIS)
        if self.lsr:
            found.append(GminaStatus.LSR)
        return found

    @property
    def main_status(self) -> str:
        """The status the tile is coloured by: LSR over KIS over CIS, else a white spot."""
        for status in (GminaStatus.LSR, GminaStatus.KIS, GminaStatus.CIS):
            if status in self.statuses:
                return str(status)
        return str(GminaStatus.WHITE_SPOT)


@dataclass(frozen=True)
class PowiatRow:
    code: str
    name: str
    lsr_count: int
    healthy_count: int
    gmina_count: int
    white_spot_count: int


def active_lsrs() -> list[Any]:
    """Active LSRs with their territory (never empty here), as ``Network`` rows."""
    return list(
        Network.objects.filter(level=NetworkLevel.LOCAL, is_active=True, territory__isnull=False).select_related(
            "territory"
        )
    )


def gmina_rows(powiat_code: str | None = None, lsrs: list[Any] | None = None) -> list[GminaRow]:
    """Every current gmina (of one powiat, or of Poland) with its KIS, CIS and LSR counts
    (``lsrs``: the active LSRs when the caller has fetched them already)."""
    gminas = TerritorialUnit.objects.current().gminas().order_by("code")
    entries = RegisterEntry.objects.filter(status=EntryStatus.ENTERED)
    if powiat_code:
        gminas = gminas.filter(code__startswith=powiat_code)
        entries = entries.filter(organisation__seat__code__startswith=powiat_code)
    kis: dict[str, int] = defaultdict(int)
    cis: dict[str, int] = defaultdict(int)
    for seat, kind in entries.values_list("organisation__seat__code", "entity_kind"):
        (kis if kind == EntityKind.KIS else cis)[seat[:6]] += 1
    lsr_gmina: dict[str, int] = defaultdict(int)
    lsr_powiat: dict[str, int] = defaultdict(int)
    for network in active_lsrs() if lsrs is None else lsrs:
        code = network.territory.code
        if len(code) == 4:
            lsr_powiat[code] += 1
        else:
            lsr_gmina[code[:6]] += 1
    kind_labels: dict[str, str] = {}  # a translated label looked up once per kind, not once per gmina
    return [
        GminaRow(
            code=g.code,
            name=g.name,
            kind=kind_labels.setdefault(g.kind, str(g.get_kind_display())),
            kis=kis.get(g.code[:6], 0),
            cis=cis.get(g.code[:6], 0),
            lsr=lsr_gmina.get(g.code[:6], 0) + lsr_powiat.get(g.code[:4], 0),
        )
        for g in gminas
    ]


def powiat_rows(lsrs: list[Any] | None = None) -> list[PowiatRow]:
    """Per powiat (of the boundary file): LSRs, healthy LSRs, gminas and white spots."""
    lsrs = active_lsrs() if lsrs is None else lsrs
    health = lsr_health_many(lsrs)
    lsr_count: dict[str, int] = defaultdict(int)
    healthy: dict[str, int] = defaultdict(int)
    for network in lsrs:
        powiat = network.territory.code[:4]
        lsr_count[powiat] += 1
        report = health.get(network.pk)
        if report is not None and report.is_healthy:
            healthy[powiat] += 1
    gminas: dict[str, int] = defaultdict(int)
    white: dict[str, int] = defaultdict(int)
    for row in gmina_rows(lsrs=lsrs):
        gminas[row.powiat_code] += 1
        if row.is_white_spot:
            white[row.powiat_code] += 1
    return [
        PowiatRow(
            code=code,
            name=name,
            lsr_count=lsr_count.get(code, 0),
            healthy_count=healthy.get(code, 0),
            gmina_count=gminas.get(code, 0),
            white_spot_count=white.get(code, 0),
        )
        for code, name in sorted(maps.powiat_names().items())
    ]
