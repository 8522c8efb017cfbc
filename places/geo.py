"""The only module that knows SRIDs, geography and PostGIS: parsing, lookups, map payloads.

Places are stored as `geography(Point, 4326)`: distances are metres on the sphere, and the
GiST index serves both `ST_DWithin` and the KNN operator `<->` (on geography, `<->` orders by
true distance on the sphere, where a planar-degree KNN would get the top 10 wrong in France).
"""

import math
from dataclasses import dataclass

from django.contrib.gis.db.models import Collect, GeometryField
from django.contrib.gis.db.models.functions import GeometryDistance
from django.contrib.gis.geos import Point, Polygon
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import BooleanField, Expression, F, FloatField, Func, QuerySet
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from places.prepared import Condition

SRID = 4326
MAX_RADIUS_KM = 1000.0


@dataclass(frozen=True, slots=True)
class BBox:
    """A longitude/latitude rectangle, as a map viewport is."""

    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float

    def polygon(self) -> Polygon:
        return Polygon.from_bbox((self.min_lon, self.min_lat, self.max_lon, self.max_lat))


def make_point(*, lat: float, lon: float) -> Point:
    """A WGS 84 point from validated numbers (never from text GDAL would parse)."""
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise ValueError(_("Les coordonnées doivent être des nombres."))
    if not -90 <= lat <= 90:
        raise ValueError(_("La latitude doit être comprise entre -90 et 90."))
    if not -180 <= lon <= 180:
        raise ValueError(_("La longitude doit être comprise entre -180 et 180."))
    return Point(lon, lat, srid=SRID)


def _numbers(text: str, *, count: int, example: str) -> list[float]:
    parts = [part.strip() for part in (text or "").split(",")]
    if len(parts) != count:
        raise ValueError(_("Format attendu : %(example)s.") % {"example": example})
    try:
        return [float(part) for part in parts]
    except ValueError:
        raise ValueError(_("Format attendu : %(example)s.") % {"example": example}) from None


def parse_point(text: str) -> Point:
    """`"48.75,-0.57"` (latitude first, as people write it) to a point."""
    lat, lon = _numbers(text, count=2, example="LAT,LON (48.75,-0.57)")
    return make_point(lat=lat, lon=lon)


def parse_bbox(text: str) -> BBox:
    """`"minLon,minLat,maxLon,maxLat"` (the GeoJSON and Leaflet order) to a box."""
    min_lon, min_lat, max_lon, max_lat = _numbers(
        text, count=4, example="minLon,minLat,maxLon,maxLat (-0.9,48.5,-0.2,48.9)"
    )
    make_point(lat=min_lat, lon=min_lon)
    make_point(lat=max_lat, lon=max_lon)
    if min_lon > max_lon or min_lat > max_lat:
        raise ValueError(_("Le coin sud-ouest doit précéder le coin nord-est."))
    return BBox(min_lon, min_lat, max_lon, max_lat)


def parse_radius_km(text: str | float) -> float:
    """A search radius in kilometres, strictly positive and at most MAX_RADIUS_KM."""
    try:
        km = float(text)
    except (TypeError, ValueError):
        raise ValueError(_("Le rayon est un nombre de kilomètres.")) from None
    if not (math.isfinite(km) and 0 < km <= MAX_RADIUS_KM):
        raise ValueError(
            _("Le rayon doit être supérieur à 0 et d’au plus %(max)d km.") % {"max": MAX_RADIUS_KM}
        )
    return km


def as_geometry(field: str = "location") -> Cast:
    """The geography column as a planar geometry, matching the expression index on it."""
    return Cast(field, GeometryField(srid=SRID))


def centroid(qs: QuerySet) -> Point | None:
    """The centre of the points of `qs`, or None when it is empty."""
    points = qs.aggregate(points=Collect(as_geometry()))["points"]
    if points is None:
        return None
    centre = points.centroid
    return make_point(lat=centre.y, lon=centre.x)


def within(point: Expression, metres: Expression) -> Func:
    """The condition "within `metres` of `point`" (ST_DWithin on geography: metres,
    indexed)."""
    return Func(F("location"), point, metres, function="ST_DWithin", output_field=BooleanField())


def by_distance(qs: QuerySet, point: Expression) -> QuerySet:
    """Nearest first through the GiST index, each row with `distance_m`.

    Ordering by the `<->` operator itself (not by a `Distance()` annotation) is what lets
    PostgreSQL walk the index (KNN); on geography it is the distance on the sphere, so the
    order and the figures shown agree.
    """
    distance = GeometryDistance("location", point)
    # No tie-breaker after it: a second sort key would cost the index walk.
    return qs.annotate(distance_m=distance).order_by(distance)


class _Overlaps(Condition):
    """`a && b`: the bounding boxes overlap (what the GiST index answers)."""

    sql = "{} && {}"


def in_bbox(qs: QuerySet, box: Expression) -> QuerySet:
    """Places inside a lon/lat rectangle, `box` an expression of its polygon (planar, as the
    map shows it; GiST expression index)."""
    return qs.filter(_Overlaps(as_geometry(), box))


class _Geography(Func):
    output_field = GeometryField(srid=SRID, geography=True)
    template = "(%(expressions)s)::geography"


def ewkt(point: Point) -> str:
    """`SRID=4326;POINT(lon lat)`: a point as text PostgreSQL casts (exact, and no GEOS call
    to make its binary form)."""
    if point.srid not in (None, SRID):
        raise ValueError(f"expected a WGS 84 point, got SRID {point.srid}")
    return f"SRID={SRID};POINT({point.x!r} {point.y!r})"


def geography(text: Expression) -> Func:
    """The geography of an EWKT text expression (the selector's origin slot)."""
    return _Geography(text)


class _Coordinate(Func):
    output_field = FloatField()
    template = "%(function)s(%(expressions)s::geometry)"


def longitude() -> Func:
    return _Coordinate(F("location"), function="ST_X")


def latitude() -> Func:
    return _Coordinate(F("location"), function="ST_Y")


# --- Map payloads built by PostgreSQL ---------------------------------------------------------
# The payloads of the map are whole documents that PostgreSQL writes in one query and Django
# passes through untouched: serialising feature by feature in Python (GeoFeatureModelSerializer)
# is ~60x slower (see bench/). `convert_to(..., 'UTF8')` hands psycopg bytes, not text, so the
# result is not decoded and re-encoded on the way.

_TYPES_BY_PLACE = """
    SELECT pt.place_id, json_agg(t.slug ORDER BY t.position, t.id)::text AS slugs
    FROM places_place_types pt JOIN places_placetype t ON t.id = pt.placetype_id
    WHERE pt.place_id IN (SELECT id FROM sel)
    GROUP BY pt.place_id
"""
# The type a marker shows: the first of the searched types, else the place's first type.
_MAIN_TYPE_BY_PLACE = """
    SELECT pt.place_id,
           (array_agg(t.id ORDER BY t.slug = ANY(%s) DESC, t.position, t.id))[1] AS main_type
    FROM places_place_types pt JOIN places_placetype t ON t.id = pt.placetype_id
    WHERE pt.place_id IN (SELECT id FROM sel)
    GROUP BY pt.place_id
"""


def _selection_sql(qs: QuerySet, *, ordered: bool) -> tuple[str, tuple]:
    """The ids of `qs` with their rank `n`: the queryset's order (nearest first, best match
    first) when it means something, else the id, which spares sorting every name."""
    try:
        if ordered:
            sql, params = qs.values("pk").query.sql_with_params()
            return f"SELECT q.id, row_number() OVER () AS n FROM ({sql}) AS q(id)", params
        sql, params = qs.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # a filter Django knows to match nothing (`pk__in=[]`...)
        return "SELECT NULL::bigint AS id, 0 AS n WHERE false", ()
    return f"SELECT q.id, q.id AS n FROM ({sql}) AS q(id)", params


def geojson_bytes(
    qs: QuerySet, *, url_prefix: str, url_suffix: str, ordered: bool = False
) -> bytes:
    """An RFC 7946 FeatureCollection of the places of `qs` (lon/lat, 6 decimals ~ 0.1 m),
    in the queryset's order when `ordered`, else by id."""
    selection, params = _selection_sql(qs, ordered=ordered)
    sql = f"""
        WITH sel AS ({selection}), types AS ({_TYPES_BY_PLACE})
        SELECT convert_to(
            '{{"type":"FeatureCollection","features":['
            || coalesce(string_agg(
                '{{"type":"Feature","id":' || p.id
                || ',"geometry":' || ST_AsGeoJSON(p.location, 6)
                || ',"properties":{{"slug":' || to_json(p.slug)
                || ',"name":' || to_json(p.name)
                || ',"types":' || coalesce(types.slugs, '[]')
                || ',"commune":' || to_json(p.commune)
                || ',"url":' || to_json(%s || p.slug || %s)
                || '}}}}', ',' ORDER BY sel.n), '')
            || ']}}', 'UTF8')
        FROM sel JOIN places_place p ON p.id = sel.id
        LEFT JOIN types ON types.place_id = p.id
    """
    return _fetch_bytes(sql, (*params, url_prefix, url_suffix))


def markers_bytes(qs: QuerySet, *, prefer_types: tuple[str, ...] = ()) -> bytes:
    """The compact map payload: `[[id, lon, lat, main_type_id], ...]` at 5 decimals (~1 m),
    by id (a map has no use for an order; ids in sequence also compress better)."""
    selection, params = _selection_sql(qs, ordered=False)
    sql = f"""
        WITH sel AS ({selection}), types AS ({_MAIN_TYPE_BY_PLACE})
        SELECT convert_to(
            '[' || coalesce(string_agg(
                '[' || p.id
                || ',' || trim_scale(round(ST_X(p.location::geometry)::numeric, 5))
                || ',' || trim_scale(round(ST_Y(p.location::geometry)::numeric, 5))
                || ',' || coalesce(types.main_type, 0) || ']', ',' ORDER BY sel.n), '')
            || ']', 'UTF8')
        FROM sel JOIN places_place p ON p.id = sel.id
        LEFT JOIN types ON types.place_id = p.id
    """
    return _fetch_bytes(sql, (*params, list(prefer_types)))


def _fetch_bytes(sql: str, params: tuple) -> bytes:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return bytes(cursor.fetchone()[0])
