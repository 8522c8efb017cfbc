"""Reads shared by the HTML pages, the map and the API, so that they cannot disagree."""

import hashlib
from dataclasses import dataclass, field, replace
from datetime import datetime

from django.contrib.gis.geos import Point
from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef
from django.utils import timezone

from places import geo
from places.models import DataVersion, Place, PlaceType, Service

FACETS_CACHE_SECONDS = 3600


@dataclass(frozen=True)
class PlaceFilters:
    """A validated search: what `PlaceSearchForm` gives, what every face accepts."""

    q: str = ""
    types: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    commune: str = ""
    origin: Point | None = None
    origin_label: str = ""
    radius_km: float | None = None
    open_now: bool = False
    bbox: geo.BBox | None = None
    now: datetime | None = field(default=None, compare=False)

    def digest(self) -> str:
        """A short fixed-size key of `cache_key()`, for cache keys and ETags."""
        return hashlib.blake2b(self.cache_key().encode(), digest_size=8).hexdigest()

    def cache_key(self) -> str:
        """A stable text of what changes the results (the time matters only with open_now)."""
        origin = f"{self.origin.y:.5f},{self.origin.x:.5f}" if self.origin else ""
        bbox = self.bbox and ",".join(
            f"{v:.5f}"
            for v in (self.bbox.min_lon, self.bbox.min_lat, self.bbox.max_lon, self.bbox.max_lat)
        )
        minute = (self.now or timezone.now()).strftime("%Y%m%d%H%M") if self.open_now else ""
        return "|".join(
            [
                self.q,
                ",".join(sorted(self.types)),
                ",".join(sorted(self.services)),
                self.commune.lower(),
                origin,
                str(self.radius_km or ""),
                minute,
                bbox or "",
            ]
        )


def place_search(*, filters: PlaceFilters, with_taxonomy: bool = False) -> "Place.objects":
    """Published places matching `filters`: nearest first around a point, best match first
    for a text, else in alphabetical order. Rows carry `distance_m` and `rank` when relevant;
    `with_taxonomy` fetches their types and services too (one query each), for display."""
    qs = Place.objects.published()
    if with_taxonomy:
        qs = qs.prefetch_related("types", "services")
    if filters.q:
        qs = qs.search(filters.q)
    if filters.types:
        through = Place.types.through
        qs = qs.filter(
            Exists(
                through.objects.filter(place_id=OuterRef("pk"), placetype__slug__in=filters.types)
            )
        )
    for slug in filters.services:
        through = Place.services.through
        qs = qs.filter(Exists(through.objects.filter(place_id=OuterRef("pk"), service__slug=slug)))
    if filters.commune:
        qs = qs.in_commune(filters.commune)
    if filters.bbox is not None:
        qs = qs.in_bbox(filters.bbox)
    if filters.origin is not None and filters.radius_km:
        qs = qs.near(filters.origin, km=filters.radius_km)
    if filters.open_now:
        qs = qs.open_at(filters.now or timezone.now())
    if filters.origin is not None:
        return qs.by_distance(filters.origin)
    if filters.q:
        return qs.order_by("-rank", "name", "pk")
    return qs.alphabetical()


def place_facets(*, filters: PlaceFilters) -> dict[str, dict[str, int]]:
    """How many places each type and each service would give, the other filters kept.

    A facet ignores its own filter (ticking "fablab" must not hide the count of cafés).
    Counting groups the whole directory, so counts are kept per data version."""
    key = f"facets:v{data_version().version}:{filters.digest()}"
    return cache.get_or_set(key, lambda: _count_facets(filters), FACETS_CACHE_SECONDS)


def _count_facets(filters: PlaceFilters) -> dict[str, dict[str, int]]:
    by_type = (
        place_search(filters=replace(filters, types=()))
        .order_by()
        .values("types__slug")
        .annotate(count=Count("pk", distinct=True))
    )
    by_service = (
        place_search(filters=replace(filters, services=()))
        .order_by()
        .filter(services__isnull=False)
        .values("services__slug")
        .annotate(count=Count("pk", distinct=True))
    )
    return {
        "types": {row["types__slug"]: row["count"] for row in by_type},
        "services": {row["services__slug"]: row["count"] for row in by_service},
    }


def place_detail(*, slug: str) -> Place:
    """One published place with its taxonomy (raises Place.DoesNotExist otherwise)."""
    return Place.objects.published().prefetch_related("types", "services").get(slug=slug)


def place_for_popup(*, pk: int) -> Place:
    return Place.objects.published().prefetch_related("types").get(pk=pk)


def place_types() -> list[PlaceType]:
    return list(PlaceType.objects.all())


def services() -> list[Service]:
    return list(Service.objects.all())


def data_version() -> DataVersion:
    return DataVersion.current()
