from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionKind(models.TextChoices):
    GRANTED = "granted", _("Status granted")
    EXTENDED = "extended", _("Status extended")


# How many years a voivode's decision grants CIS status for (UZS art. 5).
STATUS_YEARS = 5
# Days before the end of the status from which the CIS manager is warned.
STATUS_WARNING_DAYS = 90
