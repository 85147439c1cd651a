from tashbeek.core.sitemaps import PublicSitemap

from .selectors import communities_list


class CommunitySitemap(PublicSitemap):
    def visible(self, visitor):
        return communities_list().order_by("pk")
