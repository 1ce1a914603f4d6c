from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistersConfig(AppConfig):
    name = "ksr.registers"
    label = "registers"
    verbose_name = _("Voivode registers of KIS and CIS")

    def ready(self) -> None:
        from ksr.accounts.choices import Role
        from ksr.cases.admission import register_admission_check
        from ksr.core.demo import register_app_demo
        from ksr.core.home import register_home_panel
        from ksr.registers.demo import gmina_entries, seed_demo
        from ksr.registers.documents import register_documents
        from ksr.registers.gating import register_blocks_admission
        from ksr.registers.home import officer_context
        from ksr.registry.demo import register_gmina_step

        register_documents()  # the documents it prints (ksr.documents)
        register_gmina_step(gmina_entries)
        register_admission_check("registers", register_blocks_admission)
        # After every other app's demo: the clubs it adds admit no participants before their entry.
        register_app_demo("registers", seed_demo, order=20)
        register_home_panel(
            "registers", "registers/_officer_panel.html", officer_context, roles=[Role.REGISTER_OFFICER]
        )
