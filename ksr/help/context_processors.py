"""Every screen's short help text and the link to its help page (``ksr_help`` in templates)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from ksr.help.topics import topic_for


def screen_help(request: HttpRequest) -> dict[str, Any]:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return {}
    found = topic_for(match.namespace or "", match.url_name or "")
    return {"ksr_help": {"topic": found, "url": reverse("help:topic", args=[found.slug])}}
