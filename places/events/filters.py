"""A validated search of the agenda: what the agenda's form gives, every face accepts."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.gis.geos import Point

from places import geo
from places.events import recurrence


@dataclass(frozen=True)
class EventFilters:
    q: str = ""
    date_from: date | None = None
    date_to: date | None = None  # inclusive
    categories: tuple[str, ...] = ()
    commune: str = ""
    place: str = ""
    origin: Point | None = None
    origin_label: str = ""
    radius_km: float | None = None
    bbox: geo.BBox | None = None
    free: bool = False

    def window(self, now: datetime) -> tuple[datetime, datetime | None]:
        """The `[start, end)` the occurrences must overlap: from `date_from` (else now) to the
        end of `date_to` (else open)."""
        start = recurrence.midnight(self.date_from) if self.date_from else now
        end = recurrence.midnight(self.date_to + timedelta(days=1)) if self.date_to else None
        return start, end
