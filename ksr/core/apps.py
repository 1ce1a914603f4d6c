from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ksr.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from ksr.core.collation import register_sqlite_collation
        from ksr.core.validators import guard_names

        # Names sort in Polish order on SQLite as on PostgreSQL (ksr.core.collation).
        connection_created.connect(register_sqlite_collation, dispatch_uid="ksr-polish-collation")

        # Names never hold direction overrides or zero-width characters, in every KSR app.
        guard_names(m for m in apps.get_models() if m.__module__.startswith("ksr."))
