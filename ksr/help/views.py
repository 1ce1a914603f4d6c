"""The help pages: the index of topics, one topic, and the glossary. Public: they hold no data."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from ksr.core.access import public
from ksr.help.glossary import TERMS
from ksr.help.topics import BY_SLUG, TOPICS


@public
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "help/index.html", {"topics": TOPICS})


@public
def topic(request: HttpRequest, slug: str) -> HttpResponse:
    found = BY_SLUG.get(slug)
    if found is None:
        raise Http404
    return render(request, "help/topic.html", {"topic": found})


@public
def glossary(request: HttpRequest) -> HttpResponse:
    return render(request, "help/glossary.html", {"terms": TERMS})
