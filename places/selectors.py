"""Reads shared by the HTML pages, the map and the API, so that they cannot disagree."""

import hashlib
from dataclasses import replace

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.functional import cached_property

from places import search
from places.filters import PlaceFilters
from places.models import DataVersion, Place, PlaceQuerySet, PlaceType, Service

CACHE_SECONDS = 3600


def data_version() -> DataVersion:
    return DataVersion.current(DataVersion.PLACES)


def _key(kind: str, text: str) -> str:
    """A cache key of the places' data version and `text` (hashed: any length, any letter)."""
    digest = hashlib.blake2b(text.encode(), digest_size=12).hexdigest()
    return f"{kind}:v{data_version().version}:{digest}"


def all_versions() -> str:
    """Every concept's data version, read in one query: the key of what reads several
    concepts (a capacity search reads the spaces, the spaces' search the places...)."""
    rows = DataVersion.objects.order_by("concept").values_list("concept", "version")
    return ".".join(f"{concept}{version}" for concept, version in rows)


def text_reading(typed: str, *, among) -> search.Text:
    """How `typed` is looked for among the rows of `among` (full text, else typos), decided
    by `search.understand` once per text and data versions: a page, its facets and its map
    ask alike. Places, resources, spaces and equipment read their texts through it; `among`
    is the one queryset each searches (its published rows)."""
    digest = hashlib.blake2b(typed.encode(), digest_size=12).hexdigest()
    key = f"text:{among.model._meta.label_lower}:{all_versions()}:{digest}"
    return cache.get_or_set(key, lambda: search.understand(typed, among=among), CACHE_SECONDS)


def place_text(typed: str) -> search.Text:
    """How a text is looked for among the published places."""
    return text_reading(typed, among=Place.objects.published())


def place_search(*, filters: PlaceFilters, with_taxonomy: bool = False) -> PlaceQuerySet:
    """Published places matching `filters`: nearest first around a point (each with
    `distance_m`), places named after the text then the best ranked for a text (`rank`),
    else in alphabetical order. `with_taxonomy` fetches their types and services too (one
    query each), for display."""
    places = Place.objects.published()
    if filters.q:
        places = places.matching(place_text(filters.q))
    if filters.types:
        places = places.of_types(filters.types)
    if filters.services:
        places = places.with_services(filters.services)
    if filters.commune:
        places = places.in_commune(filters.commune)
    if filters.bbox is not None:
        places = places.in_bbox(filters.bbox)
    if filters.open_now:
        places = places.open_at(filters.moment())
    if filters.founders:
        places = places.welcoming_founders()
    if filters.accessible:
        places = places.accessible()
    if filters.capacity:
        places = places.with_space_for(filters.capacity)
    if filters.origin is not None:
        if filters.radius_km:
            places = places.near(filters.origin, km=filters.radius_km)
        places = places.nearest_first(filters.origin)
    elif filters.q:
        places = places.by_relevance()
    else:
        places = places.alphabetical()
    if with_taxonomy:
        places = places.prefetch_related("types", "services")
    return places


class PlacePaginator(Paginator):
    """Django's paginator, with the count of a search kept per data version: counting a
    broad search reads every match, and the list, the API and the map's title ask for it.

    A search may read more than the places (`capacite` reads the spaces), so the count is
    kept per version of every concept, read in one query."""

    @cached_property
    def count(self) -> int:
        try:
            sql, params = self.object_list.query.sql_with_params()
        except EmptyResultSet:  # a filter Django knows to match nothing (`__in=[]`)
            return 0
        text = f"{all_versions()}|{sql}|{[str(p) for p in params]}"
        digest = hashlib.blake2b(text.encode(), digest_size=12).hexdigest()
        return cache.get_or_set(f"count:{digest}", self.object_list.count, CACHE_SECONDS)


def place_facets(*, filters: PlaceFilters) -> dict[str, dict[str, int]]:
    """How many places each type, each service and "welcomes founders" would give, the
    other filters kept.

    A facet ignores its own filter (ticking "fablab" must not hide the count of cafés).
    Counting groups the whole directory, so counts are kept per data version."""
    return cache.get_or_set(
        _key("facets", filters.cache_key()), lambda: _count_facets(filters), CACHE_SECONDS
    )


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
    founders = (
        place_search(filters=replace(filters, founders=False))
        .order_by()
        .welcoming_founders()
        .count()
    )
    return {
        "types": {row["types__slug"]: row["count"] for row in by_type},
        "services": {row["services__slug"]: row["count"] for row in by_service},
        "flags": {"porteurs": founders},
    }


def place_detail(*, slug: str) -> Place:
    """One published place with its taxonomy and photos (raises Place.DoesNotExist otherwise)."""
    return Place.objects.published().prefetch_related("types", "services", "photos").get(slug=slug)


def other_versions() -> list[tuple[str, int, object]]:
    """`(concept, version, changed_at)` of every concept but the places (events, resources,
    what places share...): a place's page shows some of each, so its ETag follows them."""
    return list(
        DataVersion.objects.exclude(concept=DataVersion.PLACES)
        .order_by("concept")
        .values_list("concept", "version", "changed_at")
    )


def place_revision(*, slug: str) -> tuple | None:
    """`(updated_at, opening_hours)` of a published place, None when there is none: what
    the revalidation of its page reads instead of the page."""
    rows = Place.objects.published().filter(slug=slug).values_list("updated_at", "opening_hours")
    return next(iter(rows[:1]), None)  # a slug is unique: no ORDER BY


def place_for_popup(*, pk: int) -> Place:
    return Place.objects.published().prefetch_related("types").get(pk=pk)


def place_types() -> list[PlaceType]:
    return list(PlaceType.objects.all())


def services() -> list[Service]:
    return list(Service.objects.all())
