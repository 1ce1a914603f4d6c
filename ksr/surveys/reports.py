"""The readiness report and the national diagram of cross-sector cooperation (data for HTML/PDF/XLSX).

``readiness_report_data(voivodeship_code=None)`` — "Cross-sector readiness to cooperate for
reintegration" for one region or the country: per region and per gmina value, level, responses,
and the formula.

``national_diagram_data()`` — per voivodeship:
- ``ngo_potential``: NGOs (kinds association/foundation) seated in the region with at least one of
  the sectors education, culture, health, sport;
- ``business_potential``: employers and social cooperatives seated in the region;
- ``cooperation_share``: % of surveyed institutions (responses) reporting a partnership (Q2 = TAK);
  None when nobody was surveyed there;
- ``readiness``: the region's readiness value.
These are not scoped: they are aggregate counts without personal data, shown to every reader of
surveys (regional readers see the country picture their region sits in).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q

from ksr.registry.choices import NEW_PROFILE_SECTORS, OrganisationKind
from ksr.registry.models import Organisation
from ksr.surveys.models import Response
from ksr.surveys.readiness import FORMULA, gminas_with_surveys, level_of, mean, readiness_of_gminas
from ksr.territory.choices import UnitLevel
from ksr.territory.models import TerritorialUnit

NGO_KINDS = (OrganisationKind.ASSOCIATION, OrganisationKind.FOUNDATION)
BUSINESS_KINDS = (OrganisationKind.EMPLOYER, OrganisationKind.SOCIAL_COOPERATIVE)


def _voivodeships(code: str | None = None) -> list[TerritorialUnit]:
    qs = TerritorialUnit.objects.filter(level=UnitLevel.VOIVODESHIP, retired_on__isnull=True).order_by("code")
    if code:
        qs = qs.filter(code=code)
    return list(qs)


def readiness_report_data(voivodeship_code: str | None = None) -> dict[str, Any]:
    gminas = gminas_with_surveys(voivodeship_code)
    names = {v.code: v.name for v in _voivodeships(voivodeship_code)}
    regions: dict[str, dict[str, Any]] = {}
    readiness = readiness_of_gminas(gminas)
    for gmina in gminas:
        r = readiness[gmina.pk]
        code = gmina.code[:2]
        region = regions.setdefault(code, {"code": code, "name": names.get(code, code), "gminas": []})
        region["gminas"].append(
            {
                "code": gmina.code,
                "name": gmina.name,
                "value": r.value,
                "level": r.level,
                "responses": r.responses,
                "too_few": r.too_few,
                "survey": r.components.get("survey"),
                "interviews": r.components.get("interviews"),
                "willingness_share": r.components.get("willingness_share"),
            }
        )
    for region in regions.values():
        region["value"] = mean(g["value"] for g in region["gminas"])
        region["level"] = level_of(region["value"])
        region["responses"] = sum(g["responses"] for g in region["gminas"])
    ordered = [regions[k] for k in sorted(regions)]
    overall = mean(r["value"] for r in ordered)
    return {
        "scope": voivodeship_code or "PL",
        "scope_name": names.get(voivodeship_code, voivodeship_code) if voivodeship_code else "Polska",
        "formula": FORMULA,
        "value": overall,
        "level": level_of(overall),
        "responses": sum(r["responses"] for r in ordered),
        "regions": ordered,
    }


def national_diagram_data() -> list[dict[str, Any]]:
    ngo = dict(
        Organisation.objects.filter(is_active=True, kind__in=NGO_KINDS, sectors__code__in=NEW_PROFILE_SECTORS)
        .values_list("seat__code")
        .order_by()
        .annotate(n=Count("pk", distinct=True))
        .values_list("seat__code", "n")
    )
    business = dict(
        Organisation.objects.filter(is_active=True, kind__in=BUSINESS_KINDS)
        .values_list("seat__code")
        .order_by()
        .annotate(n=Count("pk"))
        .values_list("seat__code", "n")
    )
    surveyed = dict(
        Response.objects.values_list("survey__gmina__code")
        .order_by()
        .annotate(n=Count("pk"), yes=Count("pk", filter=Q(q2_partnership=True)))
        .values_list("survey__gmina__code", "n")
    )
    partnered = dict(
        Response.objects.filter(q2_partnership=True)
        .values_list("survey__gmina__code")
        .order_by()
        .annotate(n=Count("pk"))
        .values_list("survey__gmina__code", "n")
    )
    report = {r["code"]: r for r in readiness_report_data()["regions"]}

    def by_region(counts: dict[str, int], code: str) -> int:
        return sum(n for k, n in counts.items() if k and k.startswith(code))

    rows = []
    for v in _voivodeships():
        n = by_region(surveyed, v.code)
        rows.append(
            {
                "code": v.code,
                "name": v.name,
                "ngo_potential": by_region(ngo, v.code),
                "business_potential": by_region(business, v.code),
                "surveyed": n,
                "cooperation_share": round(100 * by_region(partnered, v.code) / n, 1) if n else None,
                "readiness": report.get(v.code, {}).get("value"),
            }
        )
    return rows
