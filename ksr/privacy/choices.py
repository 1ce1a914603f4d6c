"""Choices of the privacy app and the consent lifecycle (an explicit state machine)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ksr.core.states import StateMachine


class ConsentForm(models.TextChoices):
    """How the participant gave their consent."""

    WRITTEN = "written", _("Written (signed document)")
    ELECTRONIC = "electronic", _("Electronic")


class DataScope(models.TextChoices):
    """The fixed minimal set of data a partner may see (nothing else is ever shared)."""

    NAME = "name", _("Name")
    BOOKED_SERVICE = "booked_service", _("Booked service")
    ATTENDANCE = "attendance", _("Attendance")


MINIMAL_SCOPE: tuple[str, ...] = (DataScope.NAME, DataScope.BOOKED_SERVICE, DataScope.ATTENDANCE)


class ConsentStatus(models.TextChoices):
    """Recorded state of a consent. Whether it is *live* also depends on its period (see ``Consent.is_live``)."""

    AWAITING_HELPER = "awaiting_helper", _("Awaiting the responsible helper's consent")
    GRANTED = "granted", _("Both consents given")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Allowed status changes: recording the helper's consent, and withdrawal (final).
CONSENT_MACHINE = StateMachine(
    ConsentStatus,
    {
        ConsentStatus.AWAITING_HELPER: {ConsentStatus.GRANTED, ConsentStatus.WITHDRAWN},
        ConsentStatus.GRANTED: {ConsentStatus.WITHDRAWN},
        ConsentStatus.WITHDRAWN: set(),
    },
)
