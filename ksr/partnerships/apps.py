from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "ksr.partnerships"
    label = "partnerships"
    verbose_name = _("Partnerships, pacts and synergy teams")

    def ready(self) -> None:
        from ksr.core.demo import register_app_demo
        from ksr.partnerships.demo import seed_demo

        register_app_demo("partnerships", seed_demo, order=2)

        from ksr.networks.registry import register_health_source
        from ksr.partnerships.queries import HEALTH_SOURCE

        register_health_source("partnerships", HEALTH_SOURCE)
