"""Reads of the agenda shared by its pages, its map, its feeds and the API."""

from datetime import datetime

from django.db.models import Case, QuerySet, When
from django.utils import timezone

from places import search
from places.accounts.permissions import is_coordinator
from places.events.filters import EventFilters
from places.events.models import Event, EventFeed, Occurrence
from places.events.querysets import OccurrenceQuerySet
from places.models import Place


def event_text(typed: str) -> search.Text:
    """How a text is looked for among the events (full text, else typos of titles). Not
    cached: the data version a cache key needs is itself a query, as dear as the one
    `search.understand` makes (an EXISTS on the GIN index)."""
    return search.understand(typed, among=Event.objects.public())


def event_search(
    *, filters: EventFilters, now: datetime | None = None, ordered_by_day: bool = False
) -> OccurrenceQuerySet:
    """The occurrences of public events that `filters` asks for, from now (or `from`) on:
    nearest first around a point (each with `distance_m`), the best matches first for a
    text, else by start; `ordered_by_day` keeps the order by start whatever the search
    (the agenda groups by day)."""
    now = now or timezone.now()
    start, end = filters.window(now)
    occurrences = Occurrence.objects.public().upcoming(start)
    if end is not None:
        occurrences = occurrences.between(start, end)
    if filters.q:
        occurrences = occurrences.matching(event_text(filters.q))
    if filters.categories:
        occurrences = occurrences.of_category(filters.categories)
    if filters.place:
        occurrences = occurrences.at_place(filters.place)
    if filters.commune:
        occurrences = occurrences.in_commune(filters.commune)
    if filters.free:
        occurrences = occurrences.free()
    if filters.bbox is not None:
        occurrences = occurrences.in_bbox(filters.bbox)
    if filters.origin is not None and filters.radius_km:
        occurrences = occurrences.near(filters.origin, km=filters.radius_km)
    if ordered_by_day:
        occurrences = occurrences.chronological()
        if filters.origin is not None:
            occurrences = occurrences.annotate_distance(filters.origin)
    elif filters.origin is not None:
        occurrences = occurrences.nearest_first(filters.origin)
    elif filters.q:
        occurrences = occurrences.by_relevance()
    else:
        occurrences = occurrences.chronological()
    return occurrences.select_related("event", "event__place")


def event_detail(*, slug: str) -> Event:
    return Event.objects.public().select_related("place").get(slug=slug)


def event_dates(*, event: Event, now: datetime | None = None, limit: int = 12) -> list:
    now = now or timezone.now()
    return list(event.occurrences.upcoming(now).order_by("start")[:limit])


def place_upcoming(*, place_id: int, now: datetime | None = None, limit: int = 5) -> list:
    now = now or timezone.now()
    return list(
        Occurrence.objects.filter(event__place_id=place_id)
        .upcoming(now)
        .chronological()
        .select_related("event")[:limit]
    )


def place_past(*, place_id: int, now: datetime | None = None) -> OccurrenceQuerySet:
    now = now or timezone.now()
    return (
        Occurrence.objects.filter(event__place_id=place_id)
        .past(now)
        .order_by("-start", "-pk")
        .select_related("event")
    )


def feed_events(*, filters: EventFilters, now: datetime | None = None):
    """The events (whole series, with their changed occurrences) of which an occurrence
    matches `filters`: what a calendar feed writes, one VEVENT per series."""
    occurrences = event_search(filters=filters, now=now).order_by().values("event_id")
    return (
        Event.objects.filter(pk__in=occurrences)
        .select_related("place")
        .prefetch_related("changes")
        .order_by("start", "pk")
    )


def editable_places(*, user) -> QuerySet[Place]:
    """The places `user` may add events to: those they host, every place for a coordinator."""
    places = (
        Place.objects.all() if is_coordinator(user) else Place.objects.filter(hostings__user=user)
    )
    # Published places first: an event of a place still pending waits for it to be public.
    published_first = Case(When(status=Place.Status.PUBLISHED, then=0), default=1)
    return places.order_by(published_first, "name")


def events_of(*, places) -> list[Event]:
    """The events of these places, any status, the latest first (a host's view)."""
    return list(
        Event.objects.filter(place__in=places).select_related("place").order_by("-start")[:50]
    )


def feeds_of(*, places) -> list[EventFeed]:
    """The iCalendar feeds imported at these places."""
    return list(EventFeed.objects.filter(place__in=places).select_related("place").order_by("pk"))
