from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "ksr.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        # Record whose session is whose at sign-in, for the list of active sessions.
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from ksr.accounts.sessions import forget_session, record_session

        user_logged_in.connect(record_session, dispatch_uid="accounts_record_session")
        user_logged_out.connect(forget_session, dispatch_uid="accounts_forget_session")
