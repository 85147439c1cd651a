from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "tashbeek.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("search")  # each app's search.py registers its kinds
