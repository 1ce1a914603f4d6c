"""Every response that returns a participant's personal data records a read naming each participant.

One place for every surface (ADR 0011):

- DRF: ``ParticipantReadsMixin`` on a viewset records, for ``list`` and ``retrieve``, one read per
  participant the answer names — in one insert per request. The viewset says how its objects
  lead to the participant (``participant_path``; ``""`` for participants themselves)::

      class BookingViewSet(ParticipantReadsMixin, KsrAPIMixin, viewsets.ReadOnlyModelViewSet):
          participant_path = "case__participant"
          read_part = "bookings (API)"

- pages: ``ParticipantListReadsMixin`` on a ``FilteredListView`` records the rows of the page
  shown, and every row of a CSV/XLSX export with the export itself (the hooks ``record_reads`` and
  ``record_export`` of ``core.listing``);
- anything else: ``record_participant_reads(request, objects, path=…, part=…)``.

The rows name the *participant* (not the booking or the contract), so the participant's audit tab
shows every read of their data.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.http import HttpRequest

from ksr.audit.reads import record_view_reads
from ksr.cases.models import Participant


def participant_rows(
    objects: Iterable[Any], path: str, model: type[models.Model] | None = None
) -> list[tuple[int, int]]:
    """``(participant id, holder id)`` of the participants ``objects`` name, each once, in order.

    ``objects`` is a queryset (read with one ``values_list``) or the objects of a page (for a path
    other than ``""``, one query finds their participants).
    """
    id_field, organisation_field = (f"{path}", f"{path}__organisation") if path else ("pk", "organisation")
    if isinstance(objects, models.QuerySet):
        pairs: Iterable[tuple[Any, Any]] = objects.order_by().values_list(id_field, organisation_field)
    else:
        items = list(objects)
        if not items:
            return []
        loaded = [_loaded_owner(obj, path) for obj in items]
        if all(owner is not None for owner in loaded):  # the page's objects carry their participant
            pairs = [(owner.pk, owner.organisation_id) for owner in loaded if owner is not None]
        else:
            model = model or type(items[0])
            found = model._default_manager.filter(pk__in=[obj.pk for obj in items]).values_list(
                "pk", id_field, organisation_field
            )
            by_object: dict[Any, list[tuple[Any, Any]]] = {}
            for pk, participant_id, organisation_id in found:
                by_object.setdefault(pk, []).append((participant_id, organisation_id))
            pairs = [pair for obj in items for pair in by_object.get(obj.pk, [])]
    seen: dict[int, int] = {}
    for participant_id, organisation_id in pairs:
        if participant_id is not None and participant_id not in seen:
            seen[participant_id] = organisation_id
    return list(seen.items())


def _loaded_owner(obj: Any, path: str) -> Any:
    """The participant at the end of ``path`` when every step is already loaded (no query), else None."""
    owner = obj
    for step in path.split("__") if path else ():
        try:
            field = owner._meta.get_field(step)
        except Exception:  # a reverse or unknown step: the caller queries instead
            return None
        if not getattr(field, "many_to_one", False) and not getattr(field, "one_to_one", False):
            return None
        if not field.is_cached(owner):
            return None
        owner = getattr(owner, step)
        if owner is None:
            return None
    return owner if isinstance(owner, Participant) else None


def record_participant_reads(
    request: HttpRequest, objects: Iterable[Any], *, path: str, part: str, export: str | None = None
) -> int:
    """One read per participant named by ``objects`` (and the ``export`` itself, when it is one),
    in one insert; the number of rows written."""
    rows = participant_rows(objects, path)
    return len(record_view_reads(request, Participant, rows, part, export=export))


class ParticipantReadsMixin:
    """For DRF viewsets: ``list`` and ``retrieve`` record a read of every participant they return.

    The objects serialized for a list or a detail are noted in ``get_serializer`` and recorded in
    ``finalize_response`` when the answer is a success, so a refused or failing request leaves
    no read behind and the viewset's own list/retrieve stay as they are.
    """

    participant_path: str = ""
    read_part: str = ""
    _read_objects: Any = None

    def get_serializer(self, *args: Any, **kwargs: Any) -> Any:
        action = getattr(self, "action", None)
        if action in {"list", "retrieve"} and args and "data" not in kwargs:
            shown = args[0]
            self._read_objects = list(shown) if kwargs.get("many") else [shown]
        return super().get_serializer(*args, **kwargs)  # type: ignore[misc]  # a mixin: the viewset comes after it

    def finalize_response(self, request: Any, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        objects, self._read_objects = self._read_objects, None
        if objects and 200 <= response.status_code < 300:
            action = getattr(self, "action", "")
            part = self.read_part if action == "retrieve" else f"{self.read_part}: list"
            record_participant_reads(request, objects, path=self.participant_path, part=part)
        return response


class ParticipantListReadsMixin:
    """For ``FilteredListView`` pages: the rows shown and the rows exported are recorded as reads."""

    participant_path: str = ""
    read_part: str = ""
    request: HttpRequest

    def record_reads(self, objects: Iterable[Any]) -> None:
        record_participant_reads(self.request, objects, path=self.participant_path, part=self.read_part)

    def record_export(self, objects: Iterable[Any], fmt: str) -> None:
        description: str = self.export_description(fmt)  # type: ignore[attr-defined]  # FilteredListView's
        part = f"{self.read_part}: {fmt}"
        record_participant_reads(self.request, objects, path=self.participant_path, part=part, export=description)
