"""Participants, cases and consents for the privacy tests (built directly: the fixtures, not the subject)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from ksr.cases.choices import CaseStatus
from ksr.cases.models import Case, Participant
from ksr.privacy.choices import ConsentForm, ConsentStatus
from ksr.privacy.models import Consent
from ksr.testing import Cast

TODAY = timezone.localdate


def participant(org: Any, first: str = "Jan", last: str = "Nowak", **extra: Any) -> Participant:
    extra.setdefault("no_pesel_reason", "cudzoziemiec")
    return Participant.objects.create(organisation=org, first_name=first, last_name=last, **extra)


def case(cast: Cast, person: Participant | None = None, **extra: Any) -> Case:
    person = person or participant(cast.kis_waw)
    extra.setdefault("status", CaseStatus.ACTIVE)
    extra.setdefault("opened_on", TODAY() - dt.timedelta(days=30))
    extra.setdefault("responsible_helper", cast.case_manager)
    extra.setdefault("case_manager", cast.case_manager)
    return Case.objects.create(participant=person, organisation=person.organisation, **extra)


def consent(cast: Cast, the_case: Case | None = None, *, helper: bool = True, **extra: Any) -> Consent:
    """A consent for the library partner; with ``helper`` both consents are recorded (live)."""
    the_case = the_case or case(cast)
    today = TODAY()
    values: dict[str, Any] = {
        "participant": the_case.participant,
        "case": the_case,
        "partner": cast.library_waw,
        "service": "Warsztaty czytelnicze",
        "participant_consent_on": today - dt.timedelta(days=2),
        "participant_consent_form": ConsentForm.WRITTEN,
        "participant_consent_document": "Z/1/2026",
        "valid_from": today - dt.timedelta(days=1),
        "valid_until": today + dt.timedelta(days=90),
        "status": ConsentStatus.AWAITING_HELPER,
    }
    if helper:
        values.update(status=ConsentStatus.GRANTED, helper=cast.case_manager, helper_consent_on=today)
    values.update(extra)
    return Consent.objects.create(**values)


def consent_data(cast: Cast, **extra: Any) -> dict[str, Any]:
    today = TODAY()
    data: dict[str, Any] = {
        "partner": cast.library_waw,
        "service": "Warsztaty czytelnicze",
        "participant_consent_on": today,
        "participant_consent_form": ConsentForm.ELECTRONIC,
        "participant_consent_document": "e-zgoda 17",
        "valid_from": today,
        "valid_until": today + dt.timedelta(days=180),
    }
    data.update(extra)
    return data
