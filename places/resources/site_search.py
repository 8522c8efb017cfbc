"""One search across the site (/recherche/): a group per kind of thing (places, upcoming
events, resources), each ranked by its own search and linking to its full list.

Each group is a small function of the text; GROUPS lists them in the order the page shows
them, so another concept is one function more in the list.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from places import selectors as place_selectors
from places.dates import long_date
from places.events import selectors as event_selectors
from places.events.filters import EventFilters
from places.filters import PlaceFilters
from places.resources import selectors
from places.resources.filters import ResourceFilters

SHOWN = 5  # items per group; the group's link leads to the rest


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    summary: str = ""
    detail: str = ""  # a commune, a kind...


@dataclass(frozen=True)
class Group:
    slug: str
    label: str
    count: int
    hits: list[Hit] = field(default_factory=list)
    more_url: str = ""


def _more(name: str, text: str) -> str:
    return f"{reverse(name)}?{urlencode({'q': text})}"


def places_group(text: str) -> Group:
    places = place_selectors.place_search(filters=PlaceFilters(q=text)).only(
        "slug", "name", "commune", "summary"
    )
    count = place_selectors.PlacePaginator(places, SHOWN).count
    return Group(
        slug="lieux",
        label=_("Lieux"),
        count=count,
        hits=[Hit(p.name, p.get_absolute_url(), p.summary, p.commune) for p in places[:SHOWN]],
        more_url=_more("places:list", text),
    )


def resources_group(text: str) -> Group:
    resources = selectors.resource_search(filters=ResourceFilters(q=text)).only(
        "slug", "title", "summary", "kind"
    )
    return Group(
        slug="ressources",
        label=_("Ressources"),
        count=resources.count(),
        hits=[
            Hit(r.title, r.get_absolute_url(), r.summary, r.get_kind_display())
            for r in resources[:SHOWN]
        ],
        more_url=_more("resources:list", text),
    )


def events_group(text: str) -> Group:
    """Upcoming events, each once (its next matching date), ranked by the agenda's search."""
    occurrences = event_selectors.event_search(filters=EventFilters(q=text))
    hits, seen = [], set()
    for occurrence in occurrences[: SHOWN * 10]:  # a weekly event has many dates
        if occurrence.event_id in seen:
            continue
        seen.add(occurrence.event_id)
        event = occurrence.event
        when = long_date(occurrence.start, weekday=True)
        hits.append(Hit(event.title, event.get_absolute_url(), "", f"{when} · {event.place.name}"))
        if len(hits) == SHOWN:
            break
    return Group(
        slug="evenements",
        label=_("Évènements à venir"),
        count=occurrences.order_by().values("event_id").distinct().count(),
        hits=hits,
        more_url=_more("events:agenda", text),
    )


GROUPS: list[Callable[[str], Group]] = [places_group, events_group, resources_group]


def site_search(*, text: str) -> list[Group]:
    """Every group for `text`, in GROUPS' order (an empty text searches nothing)."""
    if not text.strip():
        return []
    return [group(text) for group in GROUPS]
