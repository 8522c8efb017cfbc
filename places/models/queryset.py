"""The chainable filters of places: each delegates to geo.py, search.py or hours.py, so that
every face (pages, map, API) and every other concept built on places asks them alike."""

from collections.abc import Iterable
from datetime import UTC, datetime

from django.contrib.gis.db import models
from django.contrib.gis.geos import Point
from django.core.cache import cache
from django.db.models import Exists, OuterRef
from django.db.models.functions import Collate

from places import geo, hours, search
from places.models.choices import Wheelchair
from places.models.version import DataVersion


class PlaceQuerySet(models.QuerySet):
    """Chainable filters of places: each delegates to geo.py, search.py or hours.py."""

    def published(self) -> "PlaceQuerySet":
        return self.filter(status=self.model.Status.PUBLISHED)

    def matching(self, text: search.Text) -> "PlaceQuerySet":
        return search.matching(self, text)

    def by_relevance(self) -> "PlaceQuerySet":
        return search.by_relevance(self)

    def near(self, point: Point, *, km: float) -> "PlaceQuerySet":
        return geo.within(self, point, km=km)

    def nearest_first(self, point: Point) -> "PlaceQuerySet":
        return geo.by_distance(self, point)

    def in_bbox(self, bbox: geo.BBox) -> "PlaceQuerySet":
        return geo.in_bbox(self, bbox)

    def of_types(self, slugs: Iterable[str]) -> "PlaceQuerySet":
        """Places of at least one of these types."""
        through = self.model.types.through.objects
        return self.filter(
            Exists(through.filter(place_id=OuterRef("pk"), placetype__slug__in=list(slugs)))
        )

    def with_services(self, slugs: Iterable[str]) -> "PlaceQuerySet":
        """Places that offer every one of these services."""
        through = self.model.services.through.objects
        qs = self
        for slug in slugs:
            qs = qs.filter(Exists(through.filter(place_id=OuterRef("pk"), service__slug=slug)))
        return qs

    def in_commune(self, name: str) -> "PlaceQuerySet":
        """Places of a commune, whatever its case and accents."""
        return search.same_names(self, name, field="commune")

    def open_at(self, when: datetime) -> "PlaceQuerySet":
        return self.filter(opening_hours__in=open_hours_at(self.model, when))

    def welcoming_founders(self) -> "PlaceQuerySet":
        return self.filter(welcomes_founders=True)

    def accessible(self) -> "PlaceQuerySet":
        """Places a wheelchair user can enter (not those only partly accessible)."""
        return self.filter(wheelchair=Wheelchair.YES)

    def with_space_for(self, people: int) -> "PlaceQuerySet":
        """Places that share a space (places.sharing) for at least `people` people.

        The core app does not import its sub-apps: the space model is reached through the
        reverse relation that places.sharing declares."""
        spaces = self.model._meta.get_field("spaces").related_model.objects
        return self.filter(
            Exists(spaces.filter(place_id=OuterRef("pk"), capacity__gte=people).values("pk"))
        )

    def alphabetical(self) -> "PlaceQuerySet":
        return self.order_by(Collate("name", "fr-x-icu"), "pk")


def open_hours_at(model, when: datetime) -> list[str]:
    """The `opening_hours` texts of published places that are open at `when`, each distinct
    text evaluated once. Reading them takes ~0.1 s at 100,000 places and a page asks again
    for its facets and its map: kept per data version and minute."""

    def evaluate() -> list[str]:
        texts = (
            model.objects.published()
            .exclude(opening_hours="")
            .order_by()
            .values_list("opening_hours", flat=True)
            .distinct()
        )
        return [text for text in texts if hours.is_open(text, when)]

    version = DataVersion.current(DataVersion.PLACES).version
    key = f"open-hours:v{version}:{when.astimezone(UTC):%Y%m%d%H%M}"
    return cache.get_or_set(key, evaluate, 3600)


class PlaceManager(models.Manager.from_queryset(PlaceQuerySet)):
    def get_queryset(self) -> PlaceQuerySet:
        # The stored search vectors (~1.5 KB a row) are read by the database, never by Python.
        return super().get_queryset().defer("search_vector", "name_vector")
