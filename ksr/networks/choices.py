from django.db import models
from django.utils.translation import gettext_lazy as _


class NetworkLevel(models.TextChoices):
    LOCAL = "local", _("Local network (LSR)")
    REGIONAL = "regional", _("Regional network (RSR)")
    NATIONAL = "national", _("National network (KSR)")


class CreationVariant(models.TextChoices):
    """How an LSR came to be (000.md §2.7, §3.1; seed 000 L616–651)."""

    ADMINISTRATIVE = "administrative", _("Administrative variant")
    CIVIC = "civic", _("Civic (bottom-up) variant")


class CreationActKind(models.TextChoices):
    DECISION = "decision", _("Decision of the wójt/mayor/city president")
    RESOLUTION = "resolution", _("Gmina council resolution")
