"""Reads of spaces and equipment, shared by /salles-et-materiel/, the API and a place's page."""

from places import search
from places.models import DataVersion, Place
from places.selectors import text_reading
from places.sharing.filters import SharedFilters
from places.sharing.models import Equipment, Space

CONCEPT = "sharing"
CACHE_SECONDS = 3600
# What a result shows of its place: the long texts and the search vectors stay in the database.
PLACE_FIELDS = ["place__slug", "place__name", "place__commune", "place__location"]


def data_version() -> DataVersion:
    return DataVersion.current(CONCEPT)


def shared_text(model, typed: str) -> search.Text:
    """How a text is looked for among the published spaces (or equipment): the full text,
    else typos of names, decided once per text and data versions: theirs and the places'
    (a place published or withdrawn changes what is found)."""
    return text_reading(typed, among=model.objects.published())


def shared_search(*, model, filters: SharedFilters):
    """Published places' spaces (`model=Space`) or equipment matching `filters`: nearest
    first around a point (each with `distance_m`), the best named and ranked for a text,
    else by place and name."""
    rows = model.objects.published().select_related("place")
    rows = rows.only(
        *[
            f.name
            for f in model._meta.concrete_fields
            if f.name not in ("search_vector", "name_vector")
        ],
        *PLACE_FIELDS,
        "place__wheelchair",
    )
    if filters.q:
        rows = rows.matching(shared_text(model, filters.q))
    if filters.kinds:
        rows = rows.of_kinds(filters.kinds)
    if filters.capacity and model is Space:
        rows = rows.for_at_least(filters.capacity)
    if filters.free:
        rows = rows.free()
    if filters.accessible:
        rows = rows.accessible()
    if filters.place:
        rows = rows.of_place(filters.place)
    if filters.origin is not None:
        if filters.radius_km:
            rows = rows.near(filters.origin, km=filters.radius_km)
        rows = rows.nearest_first(filters.origin)
    elif filters.q:
        rows = rows.by_relevance()
    else:
        rows = rows.alphabetical()
    return rows


def place_shares(*, place: Place) -> tuple[list[Space], list[Equipment]]:
    """The spaces and equipment of one place, in the order its hosts gave them.

    Read through the place's own relations, each row knows its place without a query (its
    facts say whether the place is accessible)."""
    return list(place.spaces.all()), list(place.equipment.all())
