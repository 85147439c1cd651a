from tashbeek.core.sitemaps import PublicSitemap

from .selectors import visible_to


class OrganisationSitemap(PublicSitemap):
    def visible(self, visitor):
        return visible_to(visitor).only("pk", "updated_at").order_by("pk")
