from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "tashbeek.needs"
    label = "needs"
    verbose_name = _("Needs and offers")
