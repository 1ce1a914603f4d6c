"""The demo's orchestration: realistic, deterministic demo data built by the apps themselves.

Each app builds its own part of the demo through the same services the product uses, so the demo
has a full audit trail. Apps register their builders in ``AppConfig.ready()``:

- the **foundation** (organisations, people and accounts of two voivodeships) is registered by
  ``registry`` with ``register_foundation(build)``; ``build(seed, scale)`` returns a ``DemoResult``
  whose ``actor`` (the demo administrator) writes everything after it;
- every other app registers ``seed_demo(*, rng, actor, scale) -> str`` (one summary line) with
  ``register_app_demo(name, seed_demo, order=n)``. ``order`` places the app after the apps whose
  data it uses and seeds its random generator (``seed * 100 + order``), so the same ``--seed``
  always gives the same demo.

``seed(seed=1, scale=1)`` runs the foundation and then the apps in ``order`` in one transaction;
``scale`` multiplies the number of gminas covered per voivodeship (for load work).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from django.db import transaction

if TYPE_CHECKING:
    from ksr.core.types import AnyUser

DEMO_PASSWORD = "demo-ksr-2026"  # noqa: S105 — printed for the demo, never used in production

# Names and helpers every app's demo may use for realistic Polish data ---------------------------
FIRST_NAMES = [
    "Anna",
    "Maria",
    "Katarzyna",
    "Małgorzata",
    "Agnieszka",
    "Barbara",
    "Ewa",
    "Krystyna",
    "Piotr",
    "Krzysztof",
    "Andrzej",
    "Tomasz",
    "Paweł",
    "Michał",
    "Marcin",
    "Jan",
    "Grzegorz",
]
LAST_NAMES = [
    "Nowak",
    "Kowalczyk",
    "Wiśniewski",
    "Wójcik",
    "Kamiński",
    "Lewandowski",
    "Zieliński",
    "Szymański",
    "Woźniak",
    "Dąbrowski",
    "Kozłowski",
    "Jankowski",
    "Mazur",
    "Kwiatkowski",
    "Krawczyk",
]
STREETS = ["Lipowa", "Szkolna", "Ogrodowa", "Polna", "Kościuszki", "Mickiewicza", "Słoneczna"]
FEMALE_LAST = {"ski": "ska", "cki": "cka", "dzki": "dzka"}


def _female(last: str) -> str:
    for masc, fem in FEMALE_LAST.items():
        if last.endswith(masc):
            return last[: -len(masc)] + fem
    return last


def nip(rng: random.Random) -> str:
    weights = (6, 5, 7, 2, 3, 4, 5, 6, 7)
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(8)]
        check = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if check != 10:
            return "".join(map(str, digits)) + str(check)


def regon(rng: random.Random) -> str:
    weights = (8, 9, 2, 3, 4, 5, 6, 7)
    digits = [rng.randint(0, 9) for _ in range(8)]
    check = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11 % 10
    return "".join(map(str, digits)) + str(check)


@dataclass
class DemoResult:
    organisations: int = 0
    people: int = 0
    entries: int = 0
    users: list[tuple[str, str, str]] = field(default_factory=list)  # username, role label, organisation
    summaries: list[str] = field(default_factory=list)  # one line per app demo
    actor: AnyUser | None = None  # the demo administrator, who writes the apps' demos


class AppDemo(Protocol):
    def __call__(self, *, rng: random.Random, actor: AnyUser, scale: int) -> str: ...


Foundation = Callable[[int, int], DemoResult]

_foundation: list[Foundation] = []
_app_demos: dict[str, tuple[int, AppDemo]] = {}


def register_foundation(build: Foundation) -> None:
    """Register the foundation demo ``build(seed, scale) -> DemoResult`` (one; registering again replaces it)."""
    _foundation[:] = [build]


def register_app_demo(name: str, build: AppDemo, *, order: int) -> None:
    """Register an app's ``seed_demo(*, rng, actor, scale) -> str``, run after the foundation by ``order``."""
    _app_demos[name] = (order, build)


def app_demos() -> list[tuple[str, int, AppDemo]]:
    """The registered app demos in the order they run: ``(name, order, build)``."""
    return sorted(((name, order, build) for name, (order, build) in _app_demos.items()), key=lambda row: row[1])


def seed(seed: int = 1, scale: int = 1) -> DemoResult:
    """Build the whole demo in one transaction: the foundation, then each registered app demo."""
    if not _foundation:
        raise RuntimeError("No foundation demo is registered (is ksr.registry installed?).")
    with transaction.atomic():
        result = _foundation[0](seed, scale)
        actor = result.actor
        if actor is None:
            raise RuntimeError("The foundation demo made no administrator to write the apps' demos.")
        for _name, order, build in app_demos():
            rng = random.Random(seed * 100 + order)  # noqa: S311 — deterministic demo data, not security
            result.summaries.append(build(rng=rng, actor=actor, scale=scale))
        return result
