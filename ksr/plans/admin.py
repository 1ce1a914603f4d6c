"""Admin of the plans app: read-only for system administrators (writes only through the pages,
the API and the services; the services card is append-only anyway)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models

from ksr.core.admin import ReadOnlyAdmin
from ksr.plans import models as plans

# Each model with the options of its read-only admin.
READ_ONLY: dict[type[models.Model], dict[str, Any]] = {
    plans.Contract: {
        "list_display": ("id", "case", "kind", "status", "next_review_on"),
        "list_filter": ("kind", "status"),
        "list_select_related": ("case__participant", "case__organisation"),
    },
    plans.ContractVersion: {
        "list_display": ("contract", "number", "valid_from", "participant_signed_on", "worker_signed_on")
    },
    plans.ContractReview: {"list_display": ("contract", "reviewed_on", "outcome")},
    plans.SanctionDecision: {"list_display": ("contract", "decision", "decided_on")},
    plans.ActionPlan: {"list_display": ("case", "status", "set_on"), "list_filter": ("status",)},
    plans.PotentialAssessment: {"list_display": ("case", "assessed_on", "assessed_by")},
    plans.ServiceCardEntry: {
        "list_display": ("case", "part", "entered_on", "author", "corrects"),
        "list_filter": ("part",),
    },
    plans.OutcomeAssessment: {"list_display": ("case", "assessed_on", "assessed_by")},
    plans.OutcomeEvent: {
        "list_display": ("case", "kind", "outcome_type", "occurred_on"),
        "list_filter": ("outcome_type", "kind"),
    },
}

for model, options in READ_ONLY.items():
    admin.site.register(model, type(f"{model.__name__}Admin", (ReadOnlyAdmin,), {"__module__": __name__, **options}))
