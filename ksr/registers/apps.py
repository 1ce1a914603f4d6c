from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistersConfig(AppConfig):
    name = "ksr.registers"
    label = "registers"
    verbose_name = _("Voivode registers of KIS and CIS")

    def ready(self) -> None:
        from ksr.accounts.choices import Role
        from ksr.core.demo import register_app_demo
        from ksr.core.home import register_home_panel
        from ksr.registers.demo import gmina_entries, seed_demo
        from ksr.registers.home import officer_context
        from ksr.registry.demo import register_gmina_step

        register_gmina_step(gmina_entries)
        # After every other app's demo: the clubs it adds admit no participants before their entry.
        register_app_demo("registers", seed_demo, order=20)
        register_home_panel(
            "registers", "registers/_officer_panel.html", officer_context, roles=[Role.REGISTER_OFFICER]
        )
