"""The events' section of /sitemap.xml (registered by the app's ready())."""

from django.db.models import Max

from places.events.models import Event
from places.sitemaps import SiteSitemap


class EventSitemap(SiteSitemap):
    limit = 10_000

    def items(self):
        return Event.objects.public().only("slug", "updated_at").order_by("pk")

    def location(self, event: Event) -> str:
        return event.get_absolute_url()

    def lastmod(self, event: Event):
        return event.updated_at

    def get_latest_lastmod(self):
        return Event.objects.public().aggregate(latest=Max("updated_at"))["latest"]
