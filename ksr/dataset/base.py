"""Shared state of one generation run: the random streams, the writer, the dates and the registry
of what was generated (organisations by kind and place, users, networks) for later phases."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from ksr.audit.models import AuditEntry
from ksr.dataset.identifiers import Identifiers
from ksr.dataset.writer import Writer

START = dt.date(2023, 1, 1)
DEFAULT_TODAY = dt.date(2026, 11, 30)


def stamp(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=dt.UTC)


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    following = dt.date(year + (month0 == 11), (month0 + 1) % 12 + 1, 1)
    return dt.date(year, month0 + 1, min(day.day, (following - dt.timedelta(days=1)).day))


@dataclass
class Org:
    id: int
    kind: str
    gmina: Any  # TerritorialUnit
    name: str
    parent: int | None = None

    @property
    def powiat(self) -> str:
        return str(self.gmina.code[:4])

    @property
    def voivodeship(self) -> str:
        return str(self.gmina.code[:2])


@dataclass
class Holder:
    """An operating KIS or CIS: its staff, LSR, catalogue and class diary."""

    org: Org
    manager: int
    case_managers: list[int]
    specialist: int
    lsr: int | None = None
    partners: list[int] = field(default_factory=list)
    services: list[tuple[int, str]] = field(default_factory=list)  # (id, area)
    group_services: list[int] = field(default_factory=list)
    offers: list[tuple[int, str, int]] = field(default_factory=list)  # (id, area, capacity)
    # per track: sorted (date, activity id)
    classes: dict[int, list[tuple[dt.date, int]]] = field(default_factory=dict)
    participants: int = 0


class Run:
    def __init__(self, *, seed: int, scale: float, today: dt.date) -> None:
        self.seed = seed
        self.scale = scale
        self.today = today
        self.writer = Writer(stamp(today, 6))
        self.ids = Identifiers(self.rng("identifiers"))
        self.orgs: dict[int, Org] = {}
        self.by_kind: dict[str, list[Org]] = defaultdict(list)
        self.by_gmina_kind: dict[tuple[str, str], list[Org]] = defaultdict(list)
        self.by_powiat: dict[str, list[Org]] = defaultdict(list)
        self.holders: list[Holder] = []
        self.closed_holders: list[Org] = []
        self.people: dict[int, list[int]] = defaultdict(list)  # organisation id → person ids
        self.users: dict[str, int] = {}
        self.admin_user = 0
        self.national_analyst = 0
        self.register_officers: dict[str, int] = {}
        self.regional_analysts: dict[str, int] = {}
        self.ksr = 0
        self.rsr: dict[str, int] = {}  # voivodeship code → network id
        self.lsrs: list[tuple[int, Holder]] = []
        self.entries: dict[int, tuple[int, str]] = {}  # org id → (register entry id, status)
        self.meetings: list[int] = []
        self.partnerships: list[int] = []
        self._content_types: dict[type[models.Model], int] = {}

    def rng(self, name: str) -> random.Random:
        return random.Random(f"{self.seed}:{name}")  # noqa: S311 — reproducible test data, not secrets

    def n(self, full: int, minimum: int = 1) -> int:
        return max(minimum, round(full * self.scale))

    def table(self, model: type[models.Model]) -> Any:
        return self.writer.table(model)

    def content_type(self, model: type[models.Model]) -> int:
        if model not in self._content_types:
            self._content_types[model] = ContentType.objects.get_for_model(model).pk
        return self._content_types[model]

    def record(
        self,
        action: str,
        model: type[models.Model],
        object_id: int,
        *,
        when: dt.datetime,
        actor: int | None,
        organisation: int | None,
        text: str = "",
        changes: Any = None,
        part: str = "",
    ) -> None:
        """One audit entry, as the services write them (create/update/read of an object)."""
        self.writer.table(AuditEntry).add(
            created_at=when,
            actor_id=actor,
            actor_repr=f"user{actor}" if actor else "",
            action=action,
            content_type_id=self.content_type(model),
            object_id=str(object_id),
            object_repr=text[:300],
            organisation_id=organisation,
            changes=changes if changes is not None else {},
            part=part,
        )
