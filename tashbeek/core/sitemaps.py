"""The sitemap's building block: what a visitor who is not signed in may read, and nothing
else; each app lists its public pages in its own `sitemaps.py` (joined in tashbeek/urls.py)."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap


class PublicSitemap(Sitemap):
    """A sitemap of `visible(visitor)`: subclasses say which query that is."""

    limit = 5000

    def visible(self, visitor):
        raise NotImplementedError

    def items(self):
        return self.visible(AnonymousUser())

    def lastmod(self, obj):
        return getattr(obj, "updated_at", None)
