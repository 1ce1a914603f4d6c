from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "ksr.cooperation"
    label = "cooperation"
    verbose_name = _("Cooperation forum and assessment")

    def ready(self) -> None:
        from ksr.cooperation.documents import register_documents

        register_documents()  # the documents it prints (ksr.documents)
        from ksr.cooperation.demo import seed_demo
        from ksr.cooperation.queries import ALERT_ROLES
        from ksr.cooperation.views import alerts_context
        from ksr.core.demo import register_app_demo
        from ksr.core.home import register_home_panel

        register_app_demo("cooperation", seed_demo, order=3)
        register_home_panel("cooperation", "cooperation/_alerts.html", alerts_context, roles=ALERT_ROLES)

        from ksr.cooperation.queries import HEALTH_SOURCE
        from ksr.networks.registry import register_health_source

        register_health_source("cooperation", HEALTH_SOURCE)

        from ksr.cooperation.notices import overdue_forum_notices
        from ksr.notifications.scanners import register_scanner

        register_scanner("cooperation", overdue_forum_notices)
