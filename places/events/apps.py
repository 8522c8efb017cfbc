"""App configuration of the events: what is on at the places, the agenda and its feeds."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "places.events"
    label = "events"
    verbose_name = _("Agenda")

    def ready(self) -> None:
        # The events' section of /sitemap.xml: places knows nothing of events.
        from places import sitemaps
        from places.events.sitemaps import EventSitemap

        sitemaps.SITEMAPS.setdefault("evenements", EventSitemap)
