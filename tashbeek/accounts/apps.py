from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "tashbeek.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .middleware import privileged_session_start

        # Auth plumbing, not business logic: the session's clocks start at sign-in.
        user_logged_in.connect(privileged_session_start, dispatch_uid="privileged_session_start")
