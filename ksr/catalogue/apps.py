from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "ksr.catalogue"
    label = "catalogue"
    verbose_name = _("Services, activities and attendance")

    def ready(self) -> None:
        from ksr.catalogue.documents import register_documents

        register_documents()  # the documents it prints (ksr.documents)
        from ksr.cases.admission import register_graduation_check
        from ksr.cases.workspace import register_due_items
        from ksr.catalogue.demo import seed_demo
        from ksr.catalogue.privacy import anonymise_participant, export_participant
        from ksr.catalogue.queries import due_items
        from ksr.catalogue.services import six_months_missing
        from ksr.core.demo import register_app_demo
        from ksr.privacy.registry import register_anonymiser, register_exporter

        register_exporter("catalogue", export_participant)
        register_anonymiser("catalogue", anonymise_participant)
        register_due_items("catalogue", due_items)
        register_graduation_check("catalogue", six_months_missing)
        register_app_demo("catalogue", seed_demo, order=7)
