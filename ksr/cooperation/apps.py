from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "ksr.cooperation"
    label = "cooperation"
    verbose_name = _("Cooperation forum and assessment")

    def ready(self) -> None:
        from ksr.cooperation.queries import HEALTH_SOURCE
        from ksr.networks.registry import register_health_source

        register_health_source("cooperation", HEALTH_SOURCE)
