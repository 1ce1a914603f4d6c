"""Recording reads of sensitive records from views: ``audit_read(part)`` and ``AuditReadMixin``.

Class-based detail views::

    class ParticipantDetailView(AuditReadMixin, RolesRequiredMixin, DetailView):
        audit_read_part = "profile"

    # or, equivalently
    @audit_read("profile")
    class ParticipantDetailView(RolesRequiredMixin, DetailView): ...

Function views returning a ``TemplateResponse`` whose context holds the shown ``object``::

    @roles_required(Role.CASE_MANAGER)
    @audit_read("health")
    def participant_health(request, pk): ...
        return TemplateResponse(request, "…", {"object": participant})

A read is recorded (``ksr.audit.services.record_read``) only when the page was actually shown:
a successful (2xx) response that displayed an object, so a refused (403/404) or failing request
leaves no read behind. For views that do not fit, call ``record_view_read(request, obj, part)``
where the object is shown; for lists, exports and search results, ``record_view_reads`` writes
one row per object shown in a single insert.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.template.response import SimpleTemplateResponse
from django.utils.text import capfirst

from ksr.audit.choices import AuditAction
from ksr.audit.models import AuditEntry
from ksr.audit.services import record_read

V = TypeVar("V")


def record_view_read(request: HttpRequest, obj: models.Model, part: str = "") -> AuditEntry:
    """Record that the signed-in user read ``part`` of ``obj`` in this request."""
    return record_read(obj, actor=request.user, part=part, ip_address=request.META.get("REMOTE_ADDR") or None)


def _record_when_shown(request: HttpRequest, response: HttpResponse, obj: Any, part: str) -> None:
    if not 200 <= response.status_code < 300 or not isinstance(obj, models.Model):
        return
    record_view_read(request, obj, part)


class AuditReadMixin:
    """For class-based views with ``self.object`` (DetailView, UpdateView's GET, …)."""

    audit_read_part: str = ""
    request: HttpRequest

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response: HttpResponse = super().get(request, *args, **kwargs)  # type: ignore[misc]  # a mixin: the view class comes after it
        _record_when_shown(request, response, getattr(self, "object", None), self.audit_read_part)
        return response


def audit_read(part: str = "") -> Callable[[V], V]:
    """Record a read of the object a view shows; decorates a class-based view or a function view."""

    def decorator(view: Any) -> Any:
        if isinstance(view, type):
            if not hasattr(view, "get"):
                raise ImproperlyConfigured(f"{view.__name__} has no get() to record reads of.")
            return type(view.__name__, (AuditReadMixin, view), {"audit_read_part": part, "__module__": view.__module__})

        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            response = view(request, *args, **kwargs)
            if isinstance(response, SimpleTemplateResponse):
                obj = (response.context_data or {}).get("object")
                _record_when_shown(request, response, obj, part)
            elif 200 <= response.status_code < 300:
                raise ImproperlyConfigured(
                    f"{view.__name__} must return a TemplateResponse with 'object' in its context for audit_read"
                )
            return response

        return wrapper

    return decorator


def record_view_reads(
    request: HttpRequest,
    model: type[models.Model],
    rows: Iterable[tuple[Any, Any]],
    part: str = "",
    *,
    export: str | None = None,
) -> list[AuditEntry]:
    """Record, in ONE insert, that the signed-in user read ``part`` of many objects of ``model``.

    ``rows`` are ``(object id, owning organisation id)`` pairs, one per object returned (a list
    page, an API list, an export): each object gets its own row, so its own audit tab shows the
    read. The object is described neutrally (its kind and id, never its name). With ``export``
    (its description), the export itself is written in the same insert. Nothing is written for an
    anonymous user, nor for an empty list that is not an export.
    """
    user: Any = request.user
    if not getattr(user, "is_authenticated", False):
        return []
    content_type = ContentType.objects.get_for_model(model)
    kind = str(capfirst(model._meta.verbose_name))
    ip_address = request.META.get("REMOTE_ADDR") or None
    entries = [
        AuditEntry(
            actor=user,
            actor_repr=str(user.get_username()),
            action=AuditAction.READ,
            content_type=content_type,
            object_id=str(object_id),
            object_repr=f"{kind} nr {object_id}"[:300],
            organisation_id=organisation_id,
            part=part[:100],
            ip_address=ip_address,
        )
        for object_id, organisation_id in rows
    ]
    if export is not None:
        entries.insert(
            0,
            AuditEntry(
                actor=user,
                actor_repr=str(user.get_username()),
                action=AuditAction.EXPORT,
                object_repr=export[:300],
                ip_address=ip_address,
            ),
        )
    return AuditEntry.objects.bulk_create(entries) if entries else []
