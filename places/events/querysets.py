"""The chainable filters of events and of the agenda's occurrences: each delegates to geo.py
or search.py, as places' do."""

from django.contrib.gis.db import models
from django.contrib.gis.geos import Point

from places import geo, search
from places.models import Place


class EventQuerySet(models.QuerySet):
    def at_place(self, place: Place) -> "EventQuerySet":
        return self.filter(place=place)

    def public(self) -> "EventQuerySet":
        return self.filter(place__status=Place.Status.PUBLISHED)


class EventManager(models.Manager.from_queryset(EventQuerySet)):
    def get_queryset(self) -> EventQuerySet:
        return super().get_queryset().defer("search_vector", "name_vector")


class OccurrenceQuerySet(models.QuerySet):
    """Chainable filters of the agenda: each delegates to geo.py or search.py."""

    def public(self) -> "OccurrenceQuerySet":
        return self.filter(event__place__status=Place.Status.PUBLISHED)

    def upcoming(self, now) -> "OccurrenceQuerySet":
        return self.filter(end__gt=now)

    def past(self, now) -> "OccurrenceQuerySet":
        return self.filter(end__lte=now)

    def between(self, start, end) -> "OccurrenceQuerySet":
        """Occurrences that overlap `[start, end)`."""
        return self.filter(start__lt=end, end__gt=start)

    def of_category(self, categories) -> "OccurrenceQuerySet":
        return self.filter(event__category__in=list(categories))

    def at_place(self, slug: str) -> "OccurrenceQuerySet":
        return self.filter(event__place__slug=slug)

    def free(self) -> "OccurrenceQuerySet":
        return self.filter(event__is_free=True)

    def in_commune(self, name: str) -> "OccurrenceQuerySet":
        return search.same_names(self, name, field="commune")

    def matching(self, text: search.Text) -> "OccurrenceQuerySet":
        return search.matching(self, text, prefix="event__", name="title")

    def by_relevance(self) -> "OccurrenceQuerySet":
        return search.by_relevance(self, prefix="event__", name="title")

    def near(self, point: Point, *, km: float) -> "OccurrenceQuerySet":
        return geo.within(self, point, km=km)

    def nearest_first(self, point: Point) -> "OccurrenceQuerySet":
        return geo.by_distance(self, point)

    def annotate_distance(self, point: Point) -> "OccurrenceQuerySet":
        return geo.with_distance(self, point)

    def in_bbox(self, bbox: geo.BBox) -> "OccurrenceQuerySet":
        return geo.in_bbox(self, bbox)

    def chronological(self) -> "OccurrenceQuerySet":
        return self.order_by("start", "pk")
