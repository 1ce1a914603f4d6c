from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "ksr.networks"
    label = "networks"
    verbose_name = _("Reintegration networks (LSR, RSR, KSR)")

    def ready(self) -> None:
        from ksr.core.demo import register_app_demo
        from ksr.networks.demo import seed_demo

        register_app_demo("networks", seed_demo, order=1)
