"""The map's data documents: built by PostgreSQL, compressed once per data version, cached.

A document (the GeoJSON of the places, or the compact markers) is identified by the data
version (bumped by the database on every write, see `DataVersion`) and the search. Its ETag
is known before anything is built, so a browser revalidating gets a 304 for the price of
one primary-key read; a new version builds the bytes once, and each encoding (br, gzip) is
compressed once and shared through the cache by every app server. Each encoding is its own
representation, with its own ETag (RFC 9110 §8.8.3), so each revalidates on its own.
"""

import gzip
from dataclasses import dataclass
from datetime import datetime

import brotli
from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.core.cache import cache
from django.db.models import Case, Expression, F, OuterRef, Subquery, TextField, Value, When
from django.db.models.functions import Concat
from django.urls import reverse

from places import geo, selectors
from places.encoding import IDENTITY, negotiate
from places.filters import PlaceFilters
from places.models import PlaceType

CACHE_SECONDS = 24 * 3600
ENCODINGS = ("br", "gzip")  # in order of preference, before the plain bytes
KINDS = {
    "geojson": "application/geo+json",
    "markers": "application/json",
}


def _type_slugs() -> Expression:
    """A place's type slugs, in the taxonomy's order."""
    types = PlaceType.objects.filter(places=OuterRef("pk")).order_by("position", "pk")
    return ArraySubquery(types.values("slug"))


def _main_type(preferred: tuple[str, ...]) -> Expression:
    """The type a marker shows: the first of the searched types, else the place's first."""
    types = PlaceType.objects.filter(places=OuterRef("pk"))
    if preferred:
        first = Case(When(slug__in=preferred, then=Value(0)), default=Value(1))
        types = types.order_by(first, "position", "pk")
    else:
        types = types.order_by("position", "pk")
    return Subquery(types.values("pk")[:1])


def _properties() -> dict[str, Expression]:
    """What a feature of /api/places.geojson tells of a place (its URL absolute)."""
    prefix, suffix = reverse("places:detail", kwargs={"slug": "SLUG"}).split("SLUG")
    return {
        "slug": F("slug"),
        "name": F("name"),
        "types": _type_slugs(),
        "commune": F("commune"),
        "url": Concat(
            Value(f"{settings.SITE_URL}{prefix}"),
            F("slug"),
            Value(suffix),
            output_field=TextField(),
        ),
    }


@dataclass(frozen=True)
class MapDocument:
    kind: str
    filters: PlaceFilters
    version: int
    last_modified: datetime

    @property
    def key(self) -> str:
        return f"map:{self.kind}:v{self.version}:{self.filters.digest()}"

    def etag(self, encoding: str = IDENTITY) -> str:
        """`"markers-v3-<digest>"` for the plain bytes, `"markers-v3-<digest>-br"` for br..."""
        name = self.key.removeprefix("map:").replace(":", "-")
        return f'"{name}"' if encoding == IDENTITY else f'"{name}-{encoding}"'

    @property
    def content_type(self) -> str:
        return KINDS[self.kind]

    def build(self) -> bytes:
        places = selectors.place_search(filters=self.filters)
        if self.kind == "geojson":
            # Nearest first or best match first when the search says so; by id otherwise.
            ordered = self.filters.origin is not None or bool(self.filters.q)
            return geo.feature_collection(places, properties=_properties(), ordered=ordered)
        return geo.compact_points(places, kind=_main_type(self.filters.types))

    def content(self, encoding: str = IDENTITY) -> bytes:
        """The document's bytes, compressed with `encoding` ("br", "gzip" or "identity")."""
        key = f"{self.key}:{encoding}"
        body = cache.get(key)
        if body is not None:
            return body
        if encoding == IDENTITY:
            body = self.build()
        elif encoding == "br":
            body = brotli.compress(self.content(), quality=5)
        else:
            body = gzip.compress(self.content(), compresslevel=6, mtime=0)
        cache.set(key, body, CACHE_SECONDS)
        return body


def map_document(*, kind: str, filters: PlaceFilters) -> MapDocument:
    version = selectors.data_version()
    return MapDocument(
        kind=kind, filters=filters, version=version.version, last_modified=version.changed_at
    )


def best_encoding(accept_encoding: str | None) -> str | None:
    """ "br", "gzip" or "identity" for this Accept-Encoding; None when it refuses all three."""
    return negotiate(accept_encoding, available=ENCODINGS)
