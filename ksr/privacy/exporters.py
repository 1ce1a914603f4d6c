"""The participant's copy of their data (GDPR art. 15) and this app's exporter and anonymiser.

``build_export(participant)`` is the union of every registered exporter
(``ksr.privacy.registry``), keyed by exporter name; ``participant`` and ``consents`` are this
app's own. An exporter that fails is reported in the copy rather than silently dropped.
"""

from __future__ import annotations

import logging
from typing import Any

from django.utils import timezone

from ksr.cases.models import Participant
from ksr.privacy.models import Consent
from ksr.privacy.registry import exporters, register_anonymiser, register_exporter
from ksr.privacy.services import anonymise_consents

logger = logging.getLogger(__name__)

PARTICIPANT_FIELDS = ("first_name", "last_name", "pesel", "no_pesel_reason", "birth_date", "sex")


def _plain(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def export_participant(participant: Participant) -> dict[str, Any]:
    """The participant's own record: every concrete field except internal bookkeeping."""
    skip = {"id", "created_at", "updated_at", "created_by", "updated_by", "organisation"}
    data: dict[str, Any] = {"id": participant.pk, "holder": str(participant.organisation)}
    for field in participant._meta.concrete_fields:
        if field.name in skip:
            continue
        value = getattr(participant, field.attname)
        if getattr(field, "choices", None) and value:
            data[field.name] = {"value": value, "label": str(dict(field.flatchoices).get(value, value))}
        else:
            data[field.name] = _plain(value)
    return data


def export_consents(participant: Participant) -> dict[str, Any]:
    consents = Consent.objects.filter(participant=participant).select_related("partner", "helper", "withdrawn_by")
    return {
        "items": [
            {
                "id": c.pk,
                "case_id": c.case_id,
                "partner": c.partner.name,
                "service": c.service,
                "data_shared": c.scope_labels(),
                "participant_consent_on": _plain(c.participant_consent_on),
                "participant_consent_form": str(c.get_participant_consent_form_display()),
                "participant_consent_document": c.participant_consent_document,
                "helper": c.helper.get_full_name() or c.helper.get_username() if c.helper else None,
                "helper_consent_on": _plain(c.helper_consent_on),
                "valid_from": _plain(c.valid_from),
                "valid_until": _plain(c.valid_until),
                "state": c.state_label(),
                "withdrawn_at": _plain(c.withdrawn_at),
                "withdrawal_reason": c.withdrawal_reason,
            }
            for c in consents
        ]
    }


def build_export(participant: Participant) -> dict[str, Any]:
    """Everything KSR holds about ``participant``, section per registered exporter."""
    sections: dict[str, Any] = {}
    for name, fn in exporters().items():
        try:
            sections[name] = fn(participant)
        except Exception:  # an app's bug must not hide the rest of the copy
            logger.exception("Exporter %s failed for participant %s", name, participant.pk)
            sections[name] = {"error": "export failed"}
    return {
        "generated_at": timezone.now().isoformat(),
        "holder": str(participant.organisation),
        "sections": sections,
    }


def register() -> None:
    """Called from ``PrivacyConfig.ready``."""
    register_exporter("participant", export_participant)
    register_exporter("consents", export_consents)
    register_anonymiser("consents", anonymise_consents)
