"""Walking every surface that can show a participant: API endpoints, pages, exports and searches.

Nothing here lists views by hand: the API is enumerated from the schema generator's endpoint
list and the pages from the URLconf, so a view added later is walked too.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from drf_spectacular.generators import EndpointEnumerator
from rest_framework import serializers

from ksr.cases.models import Participant

# The apps whose pages can show a participant or an object of theirs.
PARTICIPANT_APPS = ("cases", "plans", "privacy", "catalogue")


def participant_path(model: type[models.Model], depth: int = 3) -> str | None:
    """The forward-relation path from ``model`` to ``Participant`` (``""`` for it), or None."""
    if model is Participant:
        return ""
    if depth == 0:
        return None
    for field in model._meta.get_fields():
        if (field.many_to_one or field.one_to_one) and field.concrete and field.related_model:
            rest = participant_path(field.related_model, depth - 1)  # type: ignore[arg-type]
            if rest is not None:
                return f"{field.name}__{rest}" if rest else field.name
    return None


def viewset_serializer(callback: Any, action: str) -> type[serializers.BaseSerializer] | None:
    cls = getattr(callback, "cls", None)
    if cls is None:
        return None
    view = cls()
    view.action = action
    view.request = None
    view.format_kwarg = None
    view.kwargs = {}
    try:
        return view.get_serializer_class()  # type: ignore[no-any-return]
    except Exception:
        return getattr(cls, "serializer_class", None)


def serializer_model(serializer_class: Any) -> type[models.Model] | None:
    meta = getattr(serializer_class, "Meta", None)
    return getattr(meta, "model", None)


@dataclass(frozen=True)
class Endpoint:
    path: str  # "/api/v1/cases/participants/{id}/"
    callback: Any

    @property
    def is_detail(self) -> bool:
        return "{" in self.path

    def model(self) -> type[models.Model] | None:
        cls = getattr(self.callback, "cls", None)
        model = getattr(cls, "model", None) or getattr(getattr(cls, "queryset", None), "model", None)
        return model or serializer_model(viewset_serializer(self.callback, "retrieve" if self.is_detail else "list"))

    def url(self, pk: Any = None) -> str:
        if not self.is_detail:
            return self.path
        head, _, tail = self.path.partition("{")
        return f"{head}{pk}{tail.partition('}')[2]}"


def api_get_endpoints() -> list[Endpoint]:
    """Every GET operation of the API (list and detail routes; no custom actions with extra parameters)."""
    out = []
    for path, _regex, method, callback in EndpointEnumerator().get_api_endpoints():
        if method != "GET" or not path.startswith("/api/v1/") or path.count("{") > 1:
            continue
        out.append(Endpoint(path, callback))
    return out


def participant_serializers() -> set[type[serializers.BaseSerializer]]:
    """Every serializer class (nested ones included) of the API whose model belongs to a participant."""
    found: set[type[serializers.BaseSerializer]] = set()

    def walk(serializer: Any) -> None:
        if isinstance(serializer, serializers.ListSerializer):
            serializer = serializer.child
        if not isinstance(serializer, serializers.Serializer):
            return
        model = serializer_model(type(serializer))
        if model is not None and participant_path(model) is not None:
            found.add(type(serializer))
        for field in serializer.fields.values():
            walk(field)

    for endpoint in api_get_endpoints():
        for action in ("list", "retrieve", "create", "update"):
            serializer_class = viewset_serializer(endpoint.callback, action)
            if serializer_class is not None:
                try:
                    walk(serializer_class(context={}))
                except Exception:  # noqa: S112 — a serializer that needs its context is walked elsewhere
                    continue
    return found


def _patterns(resolver: URLResolver, namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for item in resolver.url_patterns:
        if isinstance(item, URLResolver):
            inner = ":".join(filter(None, [namespace, item.namespace or ""]))
            yield from _patterns(item, inner)
        elif isinstance(item, URLPattern) and item.name:
            yield namespace, item


def participant_pages() -> list[tuple[str, tuple[str, ...]]]:
    """``(URL name, its keyword arguments)`` of every named page of the participant apps."""
    pages = []
    for namespace, pattern in _patterns(get_resolver()):
        if namespace.split(":")[0] not in PARTICIPANT_APPS:
            continue
        kwargs = tuple(getattr(pattern.pattern, "converters", {}).keys()) or tuple(pattern.pattern.regex.groupindex)
        pages.append((f"{namespace}:{pattern.name}", kwargs))
    return pages


def page_urls(name: str, kwargs: tuple[str, ...], ids: dict[str, list[int]]) -> list[str]:
    """The URLs of a page for every candidate id of each keyword (``participant_pk``, ``case_pk``, ``pk``)."""
    combos: list[dict[str, int]] = [{}]
    for kwarg in kwargs:
        candidates = ids.get(kwarg, ids["pk"])
        combos = [{**combo, kwarg: value} for combo in combos for value in candidates]
    return [reverse(name, kwargs=combo) for combo in combos]


def body_text(response: Any) -> str:
    """The whole answer as text: HTML, JSON, CSV, or the XML inside an XLSX."""
    content = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    return str(content.decode("utf-8", "replace"))
