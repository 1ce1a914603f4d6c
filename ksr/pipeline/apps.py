from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PipelineConfig(AppConfig):
    name = "ksr.pipeline"
    label = "pipeline"
    verbose_name = _("Pipeline of new social-employment entities")

    def ready(self) -> None:
        from ksr.core.demo import register_app_demo
        from ksr.pipeline.demo import seed_demo

        register_app_demo("pipeline", seed_demo, order=12)
