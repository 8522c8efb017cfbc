"""The events' section of /sitemap.xml (registered by the app's ready())."""

from places.events.models import Event
from places.sitemaps import RowSitemap


class EventSitemap(RowSitemap):
    def rows(self):
        return Event.objects.public()
