from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CisConfig(AppConfig):
    name = "ksr.cis"
    verbose_name = _("CIS duties")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ksr.cases.querysets import HOLDER_ROLES
        from ksr.cis.demo import seed_demo
        from ksr.cis.views import home_panel
        from ksr.core.demo import register_app_demo
        from ksr.core.home import register_home_panel

        register_app_demo("cis", seed_demo, order=13)
        register_home_panel("cis", "cis/_home_panel.html", home_panel, roles=HOLDER_ROLES)
