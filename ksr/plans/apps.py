from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "ksr.plans"
    label = "plans"
    verbose_name = _("Contracts, plans and the services card")

    def ready(self) -> None:
        from ksr.plans.documents import register_documents

        register_documents()  # the documents it prints (ksr.documents)
        from ksr.cases.admission import register_cis_admission_check
        from ksr.cases.workspace import register_due_items
        from ksr.plans.privacy import anonymise_participant, export_participant
        from ksr.plans.queries import due_items, ipzs_missing
        from ksr.privacy.registry import register_anonymiser, register_exporter

        register_exporter("plans", export_participant)
        register_anonymiser("plans", anonymise_participant)
        register_due_items("plans", due_items)
        register_cis_admission_check("plans", ipzs_missing)
        from ksr.core.demo import register_app_demo
        from ksr.plans.demo import seed_demo

        register_app_demo("plans", seed_demo, order=6)
