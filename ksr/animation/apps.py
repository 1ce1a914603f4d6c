from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnimationConfig(AppConfig):
    name = "ksr.animation"
    label = "animation"
    verbose_name = _("Animation")

    def ready(self) -> None:
        from ksr.animation.demo import seed_demo
        from ksr.core.demo import register_app_demo

        register_app_demo("animation", seed_demo, order=11)
