"""The directory exported in the import format (`export_places`, the open data downloads).

Imports are in `places.importing`."""

from collections.abc import Iterator

from django.conf import settings

from places import io
from places.models import Place


def place_records(places) -> Iterator[dict]:
    """Places as the records `io.write` turns into a file (the import format), read a
    chunk at a time; `url` is the place's page, absolute."""
    chunks = places.prefetch_related("types", "services").iterator(chunk_size=2000)
    for place in chunks:
        record = {name: getattr(place, name) for name in io.EXPORT_FIELDS}
        record["types"] = [t.slug for t in place.types.all()]
        record["services"] = [s.slug for s in place.services.all()]
        record["lat"] = round(place.location.y, 6)
        record["lon"] = round(place.location.x, 6)
        record["url"] = f"{settings.SITE_URL}{place.get_absolute_url()}"
        yield record


def place_export(out, *, fmt: str) -> int:
    """The published places written to the text file `out` in the import format (what
    `export_places` and the open data downloads give); the number of places."""
    return io.write(place_records(Place.objects.published().order_by("slug")), fmt=fmt, out=out)
