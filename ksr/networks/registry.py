"""What the LSR health learns from the apps built on top of networks, registered in their ``ready()``.

The networks app sits below partnerships and cooperation (they import it), so it cannot import
them. Rules (c)–(e) of ``health.py`` need their facts; each of those apps registers a
``HealthSource`` in its ``AppConfig.ready()``::

    def ready(self) -> None:
        from ksr.networks.registry import register_health_source
        from ksr.partnerships.queries import HEALTH_SOURCE

        register_health_source("partnerships", HEALTH_SOURCE)

A source gives the facts (field names of ``health._Facts``) for one LSR, and for many LSRs it adds
annotations to one ``Network`` queryset and reads the facts back from each row, so the overview
stays a fixed number of queries. Registering a name again replaces the source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from ksr.networks.models import Network

Facts = dict[str, Any]


@dataclass(frozen=True)
class HealthSource:
    facts: Callable[[Network, dt.date], Facts]
    """The facts about one LSR."""
    annotate: Callable[[QuerySet[Network]], QuerySet[Network]]
    """Adds the annotations ``facts_from_row`` reads to a queryset of LSRs."""
    columns: tuple[str, ...]
    """The annotation names ``facts_from_row`` reads."""
    facts_from_row: Callable[[Mapping[str, Any], dt.date], Facts]
    """The facts about one LSR from its annotated row."""


_sources: dict[str, HealthSource] = {}


def register_health_source(name: str, source: HealthSource) -> HealthSource:
    _sources[name] = source
    return source


def health_sources() -> dict[str, HealthSource]:
    """Registered sources, in registration order (a copy)."""
    return dict(_sources)
