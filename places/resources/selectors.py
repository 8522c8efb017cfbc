"""Reads of the resource centre, shared by its pages, its API and the site-wide search."""

import hashlib
from dataclasses import replace

from django.contrib.gis.geos import Point
from django.core.cache import cache
from django.db.models import Count, Prefetch, Q

from places import search
from places.models import DataVersion, Place
from places.resources.filters import SORT_DATE, ResourceFilters
from places.resources.models import Resource, ResourceFile, ResourceQuerySet, Stage, Theme
from places.selectors import text_reading

CONCEPT = "resources"
CACHE_SECONDS = 3600
RELATED = 4
MENTORS = 5


def data_version() -> DataVersion:
    return DataVersion.current(CONCEPT)


def _key(kind: str, text: str) -> str:
    digest = hashlib.blake2b(text.encode(), digest_size=12).hexdigest()
    return f"resources-{kind}:v{data_version().version}:{digest}"


def resource_text(typed: str) -> search.Text:
    """How a text is looked for among the published resources."""
    return text_reading(typed, among=Resource.objects.published())


def resource_search(*, filters: ResourceFilters) -> ResourceQuerySet:
    """Published resources matching `filters`: by relevance with a text (unless sorted by
    date), else the newest first."""
    resources = Resource.objects.published()
    if filters.q:
        resources = resources.matching(resource_text(filters.q))
    if filters.themes:
        resources = resources.about(filters.themes)
    if filters.stages:
        resources = resources.at_stages(filters.stages)
    if filters.kinds:
        resources = resources.of_kinds(filters.kinds)
    if filters.places:
        resources = resources.offered_by(filters.places)
    if filters.q and filters.sort != SORT_DATE:
        return resources.by_relevance()
    return resources.newest_first()


def for_display(resources: ResourceQuerySet) -> ResourceQuerySet:
    """What a card or the API shows of each: themes, stages, files and place in a few queries."""
    return resources.select_related("place").prefetch_related(
        "themes",
        "stages",
        Prefetch("files", queryset=ResourceFile.objects.order_by("position", "pk")),
    )


def resource_facets(*, filters: ResourceFilters) -> dict[str, dict[str, int]]:
    """How many resources each theme, stage, kind and place would give, the other filters
    kept (a facet ignores its own filter); kept per data version."""
    return cache.get_or_set(
        _key("facets", filters.cache_key()), lambda: _count_facets(filters), CACHE_SECONDS
    )


def _counts(filters: ResourceFilters, field: str) -> dict[str, int]:
    rows = (
        resource_search(filters=filters)
        .order_by()
        .filter(**{f"{field}__isnull": False})
        .values(field)
        .annotate(count=Count("pk", distinct=True))
    )
    return {row[field]: row["count"] for row in rows}


def _count_facets(filters: ResourceFilters) -> dict[str, dict[str, int]]:
    return {
        "themes": _counts(replace(filters, themes=()), "themes__slug"),
        "stages": _counts(replace(filters, stages=()), "stages__slug"),
        "kinds": _counts(replace(filters, kinds=()), "kind"),
        "places": _counts(replace(filters, places=()), "place__slug"),
    }


def resource_detail(*, slug: str) -> Resource:
    """One published resource (raises Resource.DoesNotExist otherwise)."""
    return for_display(Resource.objects.published()).get(slug=slug)


def related_resources(*, resource: Resource) -> list[Resource]:
    """Published resources sharing the most themes and stages with `resource`, ready for
    their cards (`for_display`)."""
    themes = [t.pk for t in resource.themes.all()]
    stages = [s.pk for s in resource.stages.all()]
    return list(
        for_display(Resource.objects.published())
        .exclude(pk=resource.pk)
        .annotate(
            shared=Count("themes", filter=Q(themes__in=themes), distinct=True)
            + Count("stages", filter=Q(stages__in=stages), distinct=True)
        )
        .filter(shared__gt=0)
        .order_by("-shared", "title")[:RELATED]
    )


def resource_file(*, slug: str, pk: int) -> ResourceFile:
    """A file of the published resource `slug` (raises ResourceFile.DoesNotExist otherwise)."""
    return ResourceFile.objects.get(
        pk=pk, resource__slug=slug, resource__status=Resource.Status.PUBLISHED
    )


def place_resources(*, place: Place) -> list[Resource]:
    """The published resources a place offers, newest first."""
    return list(Resource.objects.published().filter(place=place).newest_first()[:20])


def themes() -> list[Theme]:
    return list(Theme.objects.all())


def stages() -> list[Stage]:
    return list(Stage.objects.all())


def path_stages() -> list[Stage]:
    """The stages in order, each with its published resources (`stage.published`)."""
    published = (
        Resource.objects.published().order_by("title").only("slug", "title", "summary", "kind")
    )
    return list(
        Stage.objects.prefetch_related(
            Prefetch("resources", queryset=published, to_attr="published")
        )
    )


def mentor_places(*, origin: Point | None, limit: int = MENTORS) -> list[Place]:
    """Published places that welcome founders: the nearest first (with `distance_m`) around
    `origin`, else in alphabetical order."""
    places = (
        Place.objects.published()
        .welcoming_founders()
        .only("slug", "name", "commune", "summary", "location")
    )
    if origin is not None:
        return list(places.nearest_first(origin)[:limit])
    return list(places.alphabetical()[:limit])


def published_count() -> int:
    return Resource.objects.published().count()


def places_offering() -> list[Place]:
    """The published places that offer at least one published resource (the place filter)."""
    return list(
        Place.objects.published()
        .filter(resources__status=Resource.Status.PUBLISHED)
        .distinct()
        .only("slug", "name")
        .order_by("name")
    )


def offering_place(*, slug: str) -> Place:
    """A place its hosts may offer a resource for: any status but archived (raises
    Place.DoesNotExist otherwise)."""
    return Place.objects.exclude(status=Place.Status.ARCHIVED).get(slug=slug)


def proposals_for(*, places) -> list[Resource]:
    """The resources offered by these places, any status, the latest first (a host's view)."""
    return list(
        Resource.objects.filter(place__in=places)
        .select_related("place")
        .order_by("-created_at")[:50]
    )
