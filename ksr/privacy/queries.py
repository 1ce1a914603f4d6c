"""Read helpers other apps use: consents falling due in a date window (for the case workspace)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from ksr.cases.workspace import DueItem
from ksr.privacy.choices import ConsentStatus
from ksr.privacy.models import Consent

DUE_KIND = "consent_expiry"


def due_items(cases: Iterable[Any], start: dt.date, end: dt.date) -> list[DueItem]:
    """Consents (not withdrawn) of these cases whose ``valid_until`` falls within ``start``–``end``.

    ``cases`` is a queryset or an iterable of cases (or case ids); returns
    ``ksr.cases.workspace.DueItem(date, kind, label, case_id, url)`` items, by date. One query.
    """
    if isinstance(cases, QuerySet):
        case_filter: dict[str, Any] = {"case__in": cases.values("pk")}
    else:
        case_filter = {"case_id__in": [getattr(c, "pk", c) for c in cases]}
    consents = (
        Consent.objects.filter(**case_filter, valid_until__gte=start, valid_until__lte=end)
        .exclude(status=ConsentStatus.WITHDRAWN)
        .select_related("partner")
        .order_by("valid_until", "pk")
    )
    return [
        DueItem(
            date=consent.valid_until,
            kind=DUE_KIND,
            label=_("Consent to share data with %(partner)s (%(service)s) ends")
            % {"partner": consent.partner.name, "service": consent.service},
            case_id=consent.case_id,
            url=reverse("privacy:participant_consents", kwargs={"participant_pk": consent.participant_id}),
        )
        for consent in consents
    ]
