from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "tashbeek.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Each app declares its audit actions in its own module (see core.audit).
        autodiscover_modules("audit_actions")
        # Higher apps fill lower apps' slots (core.slots) from their own hooks.py.
        autodiscover_modules("hooks")
