from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "ksr.analytics"
    label = "analytics"
    verbose_name = _("Network analytics and maps")

    def ready(self) -> None:
        from ksr.analytics.demo import seed_demo
        from ksr.core.demo import register_app_demo

        register_app_demo("analytics", seed_demo, order=4)
