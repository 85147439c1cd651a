from tashbeek.core.sitemaps import PublicSitemap

from .selectors import documents_visible_to


class DocumentSitemap(PublicSitemap):
    def visible(self, visitor):
        return documents_visible_to(visitor).order_by("pk")
