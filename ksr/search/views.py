"""The search page behind the search box in the header."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ksr.audit.reads import record_view_reads
from ksr.cases.models import Participant
from ksr.core.access import login_required
from ksr.search.sections import MIN_LENGTH, search


@login_required
def results(request: HttpRequest) -> HttpResponse:
    text = (request.GET.get("q") or "").strip()[:100]
    sections = search(request.user, text)
    for section in sections:
        if section.rows:
            # Names of participants were shown: each one is a read of personal data.
            record_view_reads(request, Participant, section.rows, part="search")
    return render(
        request,
        "search/results.html",
        {
            "q": text,
            "sections": sections,
            "too_short": 0 < len(text) < MIN_LENGTH,
            "min_length": MIN_LENGTH,
            "total": sum(len(section.hits) for section in sections),
        },
    )
