"""A validated search of places: what the search form gives and every face accepts."""

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.gis.geos import Point
from django.utils import timezone

from places import geo


@dataclass(frozen=True)
class PlaceFilters:
    q: str = ""
    types: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    commune: str = ""
    origin: Point | None = None
    origin_label: str = ""
    radius_km: float | None = None
    open_now: bool = False
    founders: bool = False
    accessible: bool = False
    capacity: int | None = None  # has a space for at least that many people
    # The version of the spaces' data (places.sharing) when `capacity` is asked: what the
    # results depend on besides the places, so caches and ETags keyed on `digest()` follow it.
    spaces_version: int | None = None
    bbox: geo.BBox | None = None
    now: datetime | None = field(default=None, compare=False)

    def moment(self) -> datetime:
        """The time "open now" is read at."""
        return self.now or timezone.now()

    def digest(self) -> str:
        """A short fixed-size key of `cache_key()`, for cache keys and ETags."""
        return hashlib.blake2b(self.cache_key().encode(), digest_size=8).hexdigest()

    def cache_key(self) -> str:
        """A stable text of what changes the results (the time matters only with open_now)."""
        # Exact figures (repr): two searches share a key only if they ask the same.
        origin = f"{self.origin.y!r},{self.origin.x!r}" if self.origin else ""
        bbox = self.bbox and ",".join(
            repr(v)
            for v in (self.bbox.min_lon, self.bbox.min_lat, self.bbox.max_lon, self.bbox.max_lat)
        )
        minute = self.moment().strftime("%Y%m%d%H%M") if self.open_now else ""
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
                "founders" if self.founders else "",
                "accessible" if self.accessible else "",
                f"{self.capacity or ''}@{self.spaces_version or ''}",
            ]
        )
