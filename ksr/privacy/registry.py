"""Registries other apps fill in their ``AppConfig.ready()``.

- An **exporter** returns a JSON-serialisable ``dict`` of everything its app holds about a
  participant; the participant's copy of their data (``privacy:participant_export``) is the
  union of all exporters, keyed by exporter name.
- An **anonymiser** replaces the personal data its app holds about a participant in place;
  ``do_anonymise_participant`` calls every anonymiser inside its transaction. It must be
  idempotent (called again on an already anonymised participant it changes nothing harmful).

Usage (in ``ksr/<app>/apps.py``)::

    def ready(self):
        from ksr.privacy.registry import register_anonymiser, register_exporter
        from ksr.<app>.privacy import export_participant, anonymise_participant
        register_exporter("<app>", export_participant)
        register_anonymiser("<app>", anonymise_participant)

Registering the same name again replaces the function (safe under autoreload/tests).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from ksr.cases.models import Participant

Exporter = Callable[["Participant"], dict[str, Any]]
Anonymiser = Callable[["Participant"], None]

_exporters: dict[str, Exporter] = {}
_anonymisers: dict[str, Anonymiser] = {}


def register_exporter(name: str, fn: Exporter) -> Exporter:
    """Register ``fn(participant) -> dict`` under ``name``; returns ``fn`` (usable as decorator helper)."""
    _exporters[name] = fn
    return fn


def register_anonymiser(name: str, fn: Anonymiser) -> Anonymiser:
    """Register ``fn(participant) -> None`` under ``name``; returns ``fn``."""
    _anonymisers[name] = fn
    return fn


def exporters() -> dict[str, Exporter]:
    """Registered exporters, in registration order (a copy)."""
    return dict(_exporters)


def anonymisers() -> dict[str, Anonymiser]:
    """Registered anonymisers, in registration order (a copy)."""
    return dict(_anonymisers)


def unregister(name: str) -> None:
    """Remove an exporter and anonymiser of that name (tests)."""
    _exporters.pop(name, None)
    _anonymisers.pop(name, None)
    _related.pop(name, None)


# Objects related to a participant whose reads belong on the participant's audit tab ----------

RelatedObjects = Callable[["Participant"], Iterable["QuerySet[Any]"]]
_related: dict[str, RelatedObjects] = {}


def related_objects() -> dict[str, RelatedObjects]:
    return dict(_related)
