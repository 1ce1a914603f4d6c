from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_cards(sender: AppConfig, **kwargs: Any) -> None:
    from ksr.procedures.services import sync_cards

    sync_cards()


class ProceduresConfig(AppConfig):
    name = "ksr.procedures"
    label = "procedures"
    verbose_name = _("Procedure cards and need requests")

    def ready(self) -> None:
        post_migrate.connect(_sync_cards, sender=self, dispatch_uid="procedures_sync_cards")
        from ksr.core.demo import register_app_demo
        from ksr.procedures.demo import seed_demo

        register_app_demo("procedures", seed_demo, order=9)
