from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    REFERRED = "referred", _("Referred")
    QUALIFIED = "qualified", _("Qualified")
    ACTIVE = "active", _("Active")
    EXITED = "exited", _("Exited")
    REFUSED = "refused", _("Refused")


class Sex(models.TextChoices):
    FEMALE = "F", _("female")
    MALE = "M", _("male")
