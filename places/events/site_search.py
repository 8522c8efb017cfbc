"""The agenda's group of the site-wide search (/recherche/): upcoming events matching a text."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from places.events import selectors
from places.events.filters import EventFilters

SHOWN = 5


def events_group(text: str):
    from places.resources.site_search import Group, Hit

    events = selectors.feed_events(filters=EventFilters(q=text))
    return Group(
        slug="agenda",
        label=_("Agenda"),
        count=events.count(),
        hits=[
            Hit(e.title, e.get_absolute_url(), e.where, e.get_category_display())
            for e in events[:SHOWN]
        ],
        more_url=f"{reverse('events:agenda')}?{urlencode({'q': text})}",
    )
