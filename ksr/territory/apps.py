from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoryConfig(AppConfig):
    name = "ksr.territory"
    label = "territory"
    verbose_name = _("Territory (TERYT)")

    def ready(self) -> None:
        from ksr.territory import cached  # noqa: F401 — connects the signals that forget cached choices
