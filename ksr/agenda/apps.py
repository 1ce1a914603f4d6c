from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "ksr.agenda"
    verbose_name = _("Calendar")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ksr.accounts.choices import Role
        from ksr.agenda.views import manager_panel
        from ksr.core.home import register_home_panel

        register_home_panel("agenda-manager", "agenda/_manager_panel.html", manager_panel, roles=[Role.ENTITY_MANAGER])
