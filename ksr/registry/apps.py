from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "ksr.registry"
    label = "registry"
    verbose_name = _("Organisation registry")

    def ready(self) -> None:
        from ksr.core.demo import register_foundation
        from ksr.registry.demo import build

        register_foundation(build)
