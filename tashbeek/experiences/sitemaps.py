from tashbeek.core.sitemaps import PublicSitemap

from .selectors import experiences_visible_to


class ExperienceSitemap(PublicSitemap):
    def visible(self, visitor):
        return experiences_visible_to(visitor).order_by("pk")
