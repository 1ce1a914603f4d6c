from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistersConfig(AppConfig):
    name = "ksr.registers"
    label = "registers"
    verbose_name = _("Voivode registers of KIS and CIS")

    def ready(self) -> None:
        from ksr.registers.documents import register_documents

        register_documents()  # the documents it prints (ksr.documents)
        from ksr.registers.demo import gmina_entries
        from ksr.registry.demo import register_gmina_step

        register_gmina_step(gmina_entries)
