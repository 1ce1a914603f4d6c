"""Targets and progress: the funnel per region and nationally (Fiszka projektu KSR, milestone 3, tasks of milestone 3).

- *At stage*: initiatives now in each stage.
- *Reached*: initiatives that ever reached each stage of the path (from the stage history).
- *Conversion*: reached(next) / reached(stage).
- *Median days*: median time spent in a stage, over completed stays (entered → left).
- *Stalled*: initiatives in the "stalled" stage, plus those not yet entered in the register
  (prospect … notified) with no transition for ``ProgrammeTarget.stall_days`` days (default 60,
  ``choices.DEFAULT_STALL_DAYS``). Entered and operating entities wait for their 24 months and
  are not counted as stalled.
- *Created*: entities entered in the register (stages entered, operating, sustained).
- A region is flagged below target with fewer than ``min_per_region`` (2) created entities and
  above it with more than ``max_per_region`` (4); the nation is flagged below its target with
  fewer than ``total_entities`` (32) created, or when fewer than ``min_regions`` (8) regions hold
  2–4 entities each (ADR 0019).
"""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from ksr.pipeline.choices import ACTIVE, CREATED_STAGES, ORDINAL, PATH, Stage
from ksr.pipeline.models import Initiative, ProgrammeTarget, StageChange
from ksr.territory.choices import UnitLevel
from ksr.territory.models import TerritorialUnit


@dataclass
class StageRow:
    stage: str
    label: str
    at_stage: int = 0
    reached: int = 0
    conversion: float | None = None  # share of those who reached this stage that reached the next
    median_days: float | None = None


@dataclass
class Funnel:
    code: str
    name: str
    rows: list[StageRow]
    total: int
    created: int
    sustained: int
    stalled: list[Initiative]
    abandoned: int
    below_target: bool = False
    above_target: bool = False


@dataclass
class Progress:
    target: ProgrammeTarget
    national: Funnel
    regions: list[Funnel] = field(default_factory=list)
    regions_at_target: int = 0
    regions_below: bool = True
    total_below: bool = True


def is_stalled(initiative: Initiative, today: dt.date, stall_days: int) -> bool:
    if initiative.stage == Stage.STALLED:
        return True
    return (
        initiative.stage in ACTIVE
        and initiative.stage not in CREATED_STAGES
        and (today - initiative.stage_since).days >= stall_days
    )


def _funnel(
    code: str,
    name: str,
    initiatives: list[Initiative],
    changes: dict[int, list[StageChange]],
    today: dt.date,
    stall_days: int,
) -> Funnel:
    rows = [StageRow(stage=s, label=str(Stage(s).label)) for s in PATH]
    by_stage = {r.stage: r for r in rows}
    durations: dict[str, list[int]] = {s: [] for s in PATH}
    for initiative in initiatives:
        if initiative.stage in by_stage:
            by_stage[initiative.stage].at_stage += 1
        history = changes.get(initiative.pk, [])
        highest = max((ORDINAL.get(c.to_stage, -1) for c in history), default=ORDINAL.get(initiative.stage, 0))
        for i in range(highest + 1):
            rows[i].reached += 1
        for current, following in itertools.pairwise(history):
            if current.to_stage in durations:
                durations[current.to_stage].append((following.changed_on - current.changed_on).days)
    for i, row in enumerate(rows):
        if i + 1 < len(rows) and row.reached:
            row.conversion = rows[i + 1].reached / row.reached
        if durations[row.stage]:
            row.median_days = float(statistics.median(durations[row.stage]))
    return Funnel(
        code=code,
        name=name,
        rows=rows,
        total=len(initiatives),
        created=sum(1 for i in initiatives if i.stage in CREATED_STAGES),
        sustained=sum(1 for i in initiatives if i.stage == Stage.SUSTAINED),
        stalled=[i for i in initiatives if is_stalled(i, today, stall_days)],
        abandoned=sum(1 for i in initiatives if i.stage == Stage.ABANDONED),
    )


def progress(queryset: QuerySet[Initiative], today: dt.date | None = None) -> Progress:
    """The funnel nationally and per voivodeship of the initiatives in ``queryset`` (3 queries)."""
    today = today or timezone.localdate()
    target = ProgrammeTarget.current()
    initiatives = list(queryset.select_related("gmina"))
    changes: dict[int, list[StageChange]] = {}
    for change in StageChange.objects.filter(initiative__in=[i.pk for i in initiatives]).order_by(
        "initiative_id", "changed_on", "id"
    ):
        changes.setdefault(change.initiative_id, []).append(change)
    regions_codes = sorted({i.gmina.code[:2] for i in initiatives})
    names: dict[str, Any] = (
        dict(
            TerritorialUnit.objects.filter(level=UnitLevel.VOIVODESHIP, code__in=regions_codes).values_list(
                "code", "name"
            )
        )
        if regions_codes
        else {}
    )
    national = _funnel("", "", initiatives, changes, today, target.stall_days)
    regions = []
    for code in regions_codes:
        funnel = _funnel(
            code,
            str(names.get(code, code)).lower(),
            [i for i in initiatives if i.gmina.code.startswith(code)],
            changes,
            today,
            target.stall_days,
        )
        funnel.below_target = funnel.created < target.min_per_region
        funnel.above_target = funnel.created > target.max_per_region
        regions.append(funnel)
    at_target = sum(1 for r in regions if not r.below_target and not r.above_target)
    national.below_target = national.created < target.total_entities
    return Progress(
        target=target,
        national=national,
        regions=regions,
        regions_at_target=at_target,
        regions_below=at_target < target.min_regions,
        total_below=national.created < target.total_entities,
    )


def funnel_csv_rows(prog: Progress) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for funnel in [prog.national, *prog.regions]:
        for row in funnel.rows:
            rows.append(
                [
                    funnel.code or "PL",
                    row.label,
                    row.at_stage,
                    row.reached,
                    "" if row.conversion is None else round(row.conversion * 100, 1),
                    "" if row.median_days is None else row.median_days,
                ]
            )
    return rows
