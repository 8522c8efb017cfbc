"""A validated search of spaces or equipment: what the search form gives every face."""

from dataclasses import dataclass

from django.contrib.gis.geos import Point


@dataclass(frozen=True)
class SharedFilters:
    q: str = ""
    kinds: tuple[str, ...] = ()
    capacity: int | None = None  # spaces only: at least that many people
    origin: Point | None = None
    origin_label: str = ""
    radius_km: float | None = None
    free: bool = False
    accessible: bool = False
    place: str = ""  # a place's slug
