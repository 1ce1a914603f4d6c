from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "ksr.cases"
    label = "cases"
    verbose_name = _("Participants and cases")

    def ready(self) -> None:
        from ksr.cases.documents import register_documents

        register_documents()  # the documents it prints (ksr.documents)
        from ksr.cases.demo import seed_demo
        from ksr.core.demo import register_app_demo

        register_app_demo("cases", seed_demo, order=5)
        from ksr.cases.notices import due_notices
        from ksr.notifications.scanners import register_scanner

        register_scanner("cases", due_notices)
