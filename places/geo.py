"""The only module that knows SRIDs, geography and PostGIS: parsing, lookups, map documents.

Points are stored as `geography(Point, 4326)`: distances are metres on the sphere, and the
GiST index serves both `ST_DWithin` and the KNN operator `<->` (on geography, `<->` orders by
true distance on the sphere, where a planar-degree KNN would get the top 10 wrong in France).
Every function takes the point `field` of its queryset, so places, events and spaces share
them.
"""

import json
import math
from dataclasses import dataclass

from django.contrib.gis.db.models import Collect, GeometryField
from django.contrib.gis.db.models.functions import AsGeoJSON, GeometryDistance
from django.contrib.gis.geos import Point, Polygon
from django.contrib.gis.measure import D
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Expression, F, FloatField, Func, QuerySet
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

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


def centroid(qs: QuerySet, *, field: str = "location") -> Point | None:
    """The centre of the points of `qs`, or None when it is empty."""
    points = qs.aggregate(points=Collect(as_geometry(field)))["points"]
    if points is None:
        return None
    centre = points.centroid
    return make_point(lat=centre.y, lon=centre.x)


def within(qs: QuerySet, point: Point, *, km: float, field: str = "location") -> QuerySet:
    """Rows within `km` of `point` (ST_DWithin on geography: metres, indexed)."""
    return qs.filter(**{f"{field}__dwithin": (point, D(km=km))})


def by_distance(qs: QuerySet, point: Point, *, field: str = "location") -> QuerySet:
    """Nearest first through the GiST index, each row with `distance_m`.

    Ordering by the `<->` operator itself (not by a `Distance()` annotation) is what lets
    PostgreSQL walk the index (KNN); on geography it is the distance on the sphere, so the
    order and the figures shown agree. No tie-breaker after it: a second sort key would cost
    the index walk.
    """
    distance = GeometryDistance(field, point)
    return qs.annotate(distance_m=distance).order_by(distance)


def with_distance(qs: QuerySet, point: Point, *, field: str = "location") -> QuerySet:
    """Each row with `distance_m` (on the sphere, as `by_distance` gives it), order kept."""
    return qs.annotate(distance_m=GeometryDistance(field, point))


def in_bbox(qs: QuerySet, bbox: BBox, *, field: str = "location") -> QuerySet:
    """Rows inside a lon/lat rectangle (planar, as the map shows it; GiST expression index)."""
    return qs.alias(_geometry=as_geometry(field)).filter(_geometry__bboverlaps=bbox.polygon())


class _Coordinate(Func):
    output_field = FloatField()


def longitude(field: str = "location") -> Func:
    return _Coordinate(as_geometry(field), function="ST_X")


def latitude(field: str = "location") -> Func:
    return _Coordinate(as_geometry(field), function="ST_Y")


# --- Map documents, written by PostgreSQL -------------------------------------------------------
# A map document is a whole answer that PostgreSQL writes in one query and Django passes through
# untouched: serialising row by row in Python (GeoFeatureModelSerializer) is ~50x slower (see
# bench/). The rows come from the queryset itself (its filters, its order, its properties as
# expressions); only the text around them is written here. Per-row values such as a place's
# types are correlated subqueries: their cost grows with the rows whatever the planner guesses
# (a join to an aggregate, with a selection it believed to be one row, re-ran the aggregate for
# every row). `convert_to(..., 'UTF8')` hands psycopg bytes, not text to decode and re-encode.


def _rows_sql(qs: QuerySet, columns: dict[str, Expression], *, ordered: bool) -> tuple[str, tuple]:
    """The SQL of `qs` reading `columns`, numbered `_n` in the queryset's order (when
    `ordered`) or by id."""
    rows = qs.values(**columns)
    if not ordered:
        rows = rows.order_by("pk")
    try:
        sql, params = rows.query.sql_with_params()
    except EmptyResultSet:  # a filter Django knows to match nothing (`pk__in=[]`...)
        names = ", ".join(f"NULL AS {connection.ops.quote_name(name)}" for name in columns)
        return f"SELECT 0 AS _n, {names} WHERE false", ()
    return f"SELECT row_number() OVER () AS _n, s.* FROM ({sql}) AS s", params


def feature_collection(
    qs: QuerySet,
    *,
    properties: dict[str, Expression],
    field: str = "location",
    ordered: bool = False,
) -> bytes:
    """An RFC 7946 FeatureCollection of the rows of `qs` (lon/lat, 6 decimals ~ 0.1 m), each
    with `properties` (JSON name → expression), in the queryset's order when `ordered`, else
    by id."""
    columns = {f"_p{i}": expression for i, expression in enumerate(properties.values())}
    selection, params = _rows_sql(
        qs,
        {"_id": F("pk"), "_geojson": AsGeoJSON(field, precision=6), **columns},
        ordered=ordered,
    )
    members = " || ',' || ".join(
        f"'{json.dumps(name)}:' || coalesce(to_json(q.{column})::text, 'null')"
        for name, column in zip(properties, columns, strict=True)
    )
    sql = f"""
        SELECT convert_to(
            '{{"type":"FeatureCollection","features":[' || coalesce(string_agg(
                '{{"type":"Feature","id":' || q._id || ',"geometry":' || q._geojson
                || ',"properties":{{' || {members} || '}}}}', ',' ORDER BY q._n), '')
            || ']}}', 'UTF8')
        FROM ({selection}) AS q
    """
    return _fetch_bytes(sql, params)


def compact_points(qs: QuerySet, *, kind: Expression, field: str = "location") -> bytes:
    """The compact map payload `[[id, lon, lat, kind], ...]` at 5 decimals (~1 m), by id (a
    map has no use for an order; ids in sequence also compress better). `kind` is an integer
    expression (a type's id), 0 when it is NULL."""
    selection, params = _rows_sql(
        qs,
        {"_id": F("pk"), "_lon": longitude(field), "_lat": latitude(field), "_kind": kind},
        ordered=False,
    )
    sql = f"""
        SELECT convert_to('[' || coalesce(string_agg(
            '[' || q._id || ',' || trim_scale(round(q._lon::numeric, 5))
            || ',' || trim_scale(round(q._lat::numeric, 5)) || ',' || coalesce(q._kind::text, '0') || ']',
            ',' ORDER BY q._n), '') || ']', 'UTF8')
        FROM ({selection}) AS q
    """
    return _fetch_bytes(sql, params)


def _fetch_bytes(sql: str, params: tuple) -> bytes:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return bytes(cursor.fetchone()[0])
