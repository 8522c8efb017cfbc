"""What-ifs: the changes the bench report proposes, measured beside the code as it is.

Never used by the site. Each builds the same content as the app (same features, same rows)
in a cheaper way, so that a proposal comes with a figure instead of a guess.
"""

from django.urls import reverse

from places.selectors import PlaceFilters, place_search

# Map documents: a map has no use for alphabetical order. Selecting with a semi-join on the
# unordered selection (no ICU sort of every name, no row_number(), no CTE scanned twice) and
# aggregating the types in the same pass gives the same features, ordered by id.
MARKERS = """
SELECT convert_to('[' || coalesce(string_agg(
    '[' || p.id
    || ',' || trim_scale(round(ST_X(p.location::geometry)::numeric, 5))
    || ',' || trim_scale(round(ST_Y(p.location::geometry)::numeric, 5))
    || ',' || coalesce(m.main_type, 0) || ']', ',' ORDER BY p.id), '') || ']', 'UTF8')
FROM places_place p
LEFT JOIN (
    SELECT DISTINCT ON (pt.place_id) pt.place_id, t.id AS main_type
    FROM places_place_types pt JOIN places_placetype t ON t.id = pt.placetype_id
    ORDER BY pt.place_id, t.position, t.id
) AS m ON m.place_id = p.id
WHERE p.id IN ({selection})
"""

GEOJSON = """
SELECT convert_to('{{"type":"FeatureCollection","features":['
    || coalesce(string_agg(feature, ',' ORDER BY id), '') || ']}}', 'UTF8')
FROM (
    SELECT p.id, '{{"type":"Feature","id":' || p.id
        || ',"geometry":' || ST_AsGeoJSON(p.location, 6)
        || ',"properties":{{"slug":' || to_json(p.slug)
        || ',"name":' || to_json(p.name)
        || ',"types":' || coalesce(
            (json_agg(t.slug ORDER BY t.position, t.id) FILTER (WHERE t.id IS NOT NULL))::text,
            '[]')
        || ',"commune":' || to_json(p.commune)
        || ',"url":' || to_json(%s || p.slug || %s)
        || '}}}}' AS feature
    FROM places_place p
    LEFT JOIN places_place_types pt ON pt.place_id = p.id
    LEFT JOIN places_placetype t ON t.id = pt.placetype_id
    WHERE p.id IN ({selection})
    GROUP BY p.id
) AS features
"""


def _selection() -> tuple[str, tuple]:
    qs = place_search(filters=PlaceFilters()).order_by().values("pk")
    return qs.query.sql_with_params()


def markers_sql() -> tuple[str, tuple]:
    selection, params = _selection()
    return MARKERS.format(selection=selection), params


def geojson_sql() -> tuple[str, tuple]:
    selection, params = _selection()
    prefix, suffix = reverse("places:detail", kwargs={"slug": "SLUG"}).split("SLUG")
    return GEOJSON.format(selection=selection), (prefix, suffix, *params)
