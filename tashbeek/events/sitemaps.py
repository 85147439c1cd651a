from tashbeek.core.sitemaps import PublicSitemap

from .models import Event
from .selectors import events_visible_to


class EventSitemap(PublicSitemap):
    def visible(self, visitor):
        return events_visible_to(visitor).exclude(status=Event.Status.DRAFT).order_by("pk")
