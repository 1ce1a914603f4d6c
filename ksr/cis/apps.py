from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CisConfig(AppConfig):
    name = "ksr.cis"
    verbose_name = _("CIS duties")
    default_auto_field = "django.db.models.BigAutoField"
