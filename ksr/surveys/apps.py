from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "ksr.surveys"
    label = "surveys"
    verbose_name = _("Readiness surveys and interviews")

    def ready(self) -> None:
        from ksr.core.demo import register_app_demo
        from ksr.surveys.demo import seed_demo

        register_app_demo("surveys", seed_demo, order=10)
