"""The KIS/CIS manager's panel on the home page: the documents awaiting their signed copy and the
link to the organisation's document settings."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest

from ksr.accounts.choices import Role
from ksr.accounts.scope import scope_for
from ksr.registry.models import Organisation


def panel_context(request: HttpRequest) -> dict[str, Any]:
    managed = scope_for(request.user).organisations_for(Role.ENTITY_MANAGER)
    organisations = (
        Organisation.objects.filter(pk__in=managed)
        .annotate(unsigned=Count("issued_documents", filter=Q(issued_documents__signed_copy=""), distinct=True))
        .order_by("name")
    )
    return {"document_organisations": list(organisations)}
