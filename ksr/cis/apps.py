from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CisConfig(AppConfig):
    name = "ksr.cis"
    verbose_name = _("CIS duties")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ksr.cis.demo import seed_demo
        from ksr.core.demo import register_app_demo

        register_app_demo("cis", seed_demo, order=13)
