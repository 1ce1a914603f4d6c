from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ksr.core.states import StateMachine


class EntityKind(models.TextChoices):
    KIS = "kis", _("Social integration club (KIS)")
    CIS = "cis", _("Social integration centre (CIS)")


class CreationMode(models.TextChoices):
    """Modes of creating a KIS/CIS (Prawne aspekty, III.2 „Tryb samorządowy”, „Tryb obywatelski”, „Tryb
    współpartnerski”, „Tryb przekształceniowy”, II.3 (location of the CIS))."""

    SELF_GOVERNMENT_UNIT = "self_government_unit", _("Self-government organisational unit")
    WITHIN_OPS = "within_ops", _("Within the OPS or another social-assistance unit")
    NGO = "ngo", _("Non-governmental organisation")
    PARTNERSHIP = "partnership", _("Partnership with a leader")
    TRANSFORMATION = "transformation", _("Transformation of an existing entity")


class EntryStatus(models.TextChoices):
    NOTIFIED = "notified", pgettext_lazy("register entry status", "Notified")
    ENTERED = "entered", pgettext_lazy("register entry status", "Entered")
    STRUCK_OFF = "struck_off", pgettext_lazy("register entry status", "Struck off")


class StrikeOffReason(models.TextChoices):
    """UZS art. 18a ust. 5 (Prawne aspekty, III.1): the voivode's finding, or the operator's notice."""

    VOIVODE_FINDING = "voivode_finding", _("The voivode found that it ceased operating")
    OPERATOR_NOTICE = "operator_notice", _("The operator notified that it ceased operating")


# The lifecycle of a register entry: notified → entered → struck off, and notified → struck off
# (the operator withdraws or the club never started). Tested both ways.
ENTRY_MACHINE = StateMachine(
    EntryStatus,
    {
        EntryStatus.NOTIFIED: {EntryStatus.ENTERED, EntryStatus.STRUCK_OFF},
        EntryStatus.ENTERED: {EntryStatus.STRUCK_OFF},
        EntryStatus.STRUCK_OFF: set(),
    },
)

# UZS art. 18 ust. 1 (Prawne aspekty, III.1): the voivode enters a KIS within 30 days of notification.
KIS_ENTRY_DEADLINE_DAYS = 30
