from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "ksr.privacy"
    label = "privacy"
    verbose_name = _("Consents and privacy")

    def ready(self) -> None:
        from ksr.privacy.documents import register_documents

        register_documents()  # the documents it prints (ksr.documents)
        from ksr.cases.special import register_special_category_reader
        from ksr.cases.workspace import register_due_items
        from ksr.privacy.access import can_read_special_category
        from ksr.privacy.exporters import register
        from ksr.privacy.queries import due_items

        register()
        register_special_category_reader(can_read_special_category)
        register_due_items("privacy", due_items)
        from ksr.core.demo import register_app_demo
        from ksr.privacy.demo import seed_demo

        register_app_demo("privacy", seed_demo, order=8)
