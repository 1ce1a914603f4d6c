from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "ksr.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from ksr.accounts.choices import Role
        from ksr.core.home import register_home_panel
        from ksr.documents.home import panel_context

        register_home_panel("documents", "documents/_home.html", panel_context, roles=[Role.ENTITY_MANAGER])
