from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistersConfig(AppConfig):
    name = "ksr.registers"
    label = "registers"
    verbose_name = _("Voivode registers of KIS and CIS")

    def ready(self) -> None:
        from ksr.registers.documents import register_documents

        register_documents()  # the documents it prints (ksr.documents)
        from ksr.cases.admission import register_admission_check
        from ksr.registers.demo import gmina_entries
        from ksr.registers.gating import register_blocks_admission
        from ksr.registry.demo import register_gmina_step

        register_gmina_step(gmina_entries)
        register_admission_check("registers", register_blocks_admission)
