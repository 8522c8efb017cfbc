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
        # The site-wide search (/recherche/) shows the events after the places, when the
        # resource centre that holds it is installed.
        from django.apps import apps

        if apps.is_installed("places.resources"):
            from places.events.site_search import events_group
            from places.resources import site_search

            if events_group not in site_search.GROUPS:
                site_search.GROUPS.insert(1, events_group)
