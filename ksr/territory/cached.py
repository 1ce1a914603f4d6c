"""Territorial choices computed once and cached (issue 11: about 2,900 units were rebuilt into
filter choices on every organisation list and API request).

The cache is shared (Redis when configured) and forgotten whenever a unit changes: a unit saved or
deleted one by one (signals) or a TERYT load (``load_teryt``, which writes in bulk) — after the
load's transaction commits, so a rolled-back load leaves the cached choices as they were.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from ksr.territory.choices import UnitLevel
from ksr.territory.models import TerritorialUnit

_KEY = "territory:choices:{level}"
CACHE_SECONDS = 24 * 60 * 60


def unit_choices(level: str) -> list[tuple[str, str]]:
    """``(code, "name (code)")`` of the units in force at ``level``, ordered by code."""
    key = _KEY.format(level=level)
    choices: list[tuple[str, str]] | None = cache.get(key)
    if choices is None:
        units = TerritorialUnit.objects.current().filter(level=level).order_by("code")
        choices = [(u.code, f"{u} ({u.code})") for u in units]
        cache.set(key, choices, CACHE_SECONDS)
    return choices


def forget_unit_choices() -> None:
    """Drop the cached choices (now, and again once the current transaction commits)."""
    keys = [_KEY.format(level=level) for level in UnitLevel.values]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


@receiver(post_save, sender=TerritorialUnit, dispatch_uid="territory_choices_saved")
@receiver(post_delete, sender=TerritorialUnit, dispatch_uid="territory_choices_deleted")
def _unit_changed(**_kwargs: Any) -> None:
    forget_unit_choices()
