"""Geo: parsing of points and boxes, radius, distance order and figures, the map payloads."""

import json
import math
import random
import re

import pytest
from django.db.models import CharField, F, IntegerField, Value

from places import geo
from places.filters import PlaceFilters
from places.models import Place
from places.selectors import place_search
from tests.factories import PlaceFactory, seed_places

EARTH_RADIUS_KM = 6371.0088  # the mean radius PostGIS uses for geography on the sphere


def haversine_km(lat1, lon1, lat2, lon2) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("abc", "LAT,LON"),
        ("48.7", "LAT,LON"),
        ("48.7,-0.5,3", "LAT,LON"),
        ("91,0", "latitude"),
        ("-91,0", "latitude"),
        ("48,181", "longitude"),
        ("nan,0", "nombres"),
        ("inf,0", "nombres"),
        ("", "LAT,LON"),
    ],
)
def test_parse_point_refuses_bad_text_with_a_message(text, message):
    with pytest.raises(ValueError, match=message):
        geo.parse_point(text)


def test_parse_point_reads_latitude_first_and_stores_longitude_first():
    point = geo.parse_point(" 48.75 , -0.57 ")
    assert (point.x, point.y, point.srid) == (-0.57, 48.75, 4326)


@pytest.mark.parametrize(
    "text", ["1,2,3", "a,b,c,d", "-0.2,48.5,-0.9,48.9", "0,48,1,47", "0,95,1,96", "-200,0,0,1"]
)
def test_parse_bbox_refuses_bad_boxes(text):
    with pytest.raises(ValueError):
        geo.parse_bbox(text)


@pytest.mark.parametrize("text", ["0", "-5", "abc", "1001", "nan", "inf", ""])
def test_parse_radius_refuses_what_is_not_a_sensible_distance(text):
    with pytest.raises(ValueError, match="rayon|Rayon"):
        geo.parse_radius_km(text)


@pytest.mark.django_db
def test_near_excludes_places_beyond_the_radius():
    flers = geo.make_point(lat=48.7483, lon=-0.5694)
    close = PlaceFactory(lat=48.70, lon=-0.37)  # Briouze, ~15.8 km
    PlaceFactory(lat=48.59, lon=-0.64)  # Domfront, ~18.3 km
    found = place_search(filters=PlaceFilters(origin=flers, radius_km=17))
    assert list(found) == [close]


@pytest.mark.django_db
def test_places_are_ordered_by_true_distance_with_distances_in_km():
    rng = random.Random(7)
    origin = (48.7483, -0.5694)
    for _ in range(40):
        PlaceFactory(lat=origin[0] + rng.uniform(-1, 1), lon=origin[1] + rng.uniform(-1.5, 1.5))
    results = list(
        place_search(filters=PlaceFilters(origin=geo.make_point(lat=origin[0], lon=origin[1])))
    )
    expected = [haversine_km(*origin, p.location.y, p.location.x) for p in results]
    assert expected == sorted(expected)
    for place, km in zip(results, expected, strict=True):
        assert place.distance_m / 1000 == pytest.approx(km, rel=1e-6)


@pytest.mark.django_db
def test_knn_top_ten_equals_the_exact_geodesic_top_ten_on_200_probes():
    """France spans enough longitude that a planar-degree KNN gets this wrong most times."""
    rng = random.Random(2026)
    points = [(rng.uniform(42.5, 51.0), rng.uniform(-4.5, 8.0)) for _ in range(1500)]
    Place.objects.bulk_create(
        Place(
            name=f"Lieu {n}",
            slug=f"lieu-{n}",
            commune="Quelque part",
            status=Place.Status.PUBLISHED,
            location=geo.make_point(lat=lat, lon=lon),
        )
        for n, (lat, lon) in enumerate(points)
    )
    ids = dict(Place.objects.values_list("slug", "pk"))
    planar_wrong = 0
    for _ in range(200):
        lat, lon = rng.uniform(43.0, 50.5), rng.uniform(-4.0, 7.5)
        exact = sorted(range(len(points)), key=lambda n: haversine_km(lat, lon, *points[n]))[:10]
        exact_ids = {ids[f"lieu-{n}"] for n in exact}
        found = place_search(filters=PlaceFilters(origin=geo.make_point(lat=lat, lon=lon)))
        assert {p.pk for p in found[:10]} == exact_ids
        planar = sorted(
            range(len(points)), key=lambda n: (points[n][0] - lat) ** 2 + (points[n][1] - lon) ** 2
        )[:10]
        planar_wrong += set(planar) != set(exact)
    # The trap the geography column avoids is real on this data.
    assert planar_wrong > 100


def explain(qs) -> str:
    return qs.explain()


@pytest.mark.django_db
def test_the_knn_order_walks_the_spatial_index():
    seed_places(3000)
    point = geo.make_point(lat=48.7, lon=-0.5)
    plan = explain(place_search(filters=PlaceFilters(origin=point))[:20])
    assert "Index Scan using places_place_location" in plan
    assert "Order By: (location <->" in plan
    assert "Sort" not in plan.split("Limit")[1].split("Index Scan")[0]


@pytest.mark.django_db
def test_the_bbox_filter_and_the_radius_use_spatial_indexes():
    seed_places(3000)
    bbox_plan = explain(place_search(filters=PlaceFilters(bbox=geo.parse_bbox("-1,48,0,49"))))
    assert "place_geometry_idx" in bbox_plan
    # Unordered, so that the KNN walk cannot stand in for the radius condition.
    radius_plan = explain(
        place_search(
            filters=PlaceFilters(origin=geo.make_point(lat=48.7, lon=-0.5), radius_km=10)
        ).order_by()
    )
    assert re.search(r"Index Cond: \(location && _st_expand", radius_plan), radius_plan


@pytest.mark.django_db
def test_bbox_keeps_the_places_inside_the_lon_lat_rectangle():
    inside = PlaceFactory(lat=48.75, lon=-0.57)
    PlaceFactory(lat=48.95, lon=-0.57)
    PlaceFactory(lat=48.75, lon=-1.2)
    found = place_search(filters=PlaceFilters(bbox=geo.parse_bbox("-0.9,48.5,-0.2,48.9")))
    assert list(found) == [inside]


@pytest.mark.django_db
def test_a_feature_collection_is_rfc7946_in_lon_lat_order_with_the_properties_asked():
    PlaceFactory(name='Le "Café" <des> Prés', slug="cafe-des-pres", lat=48.7483, lon=-0.5694)
    PlaceFactory(slug="brouillon", status=Place.Status.DRAFT)
    properties = {"slug": F("slug"), "name": F("name"), "nothing": Value(None, CharField())}
    document = json.loads(geo.feature_collection(Place.objects.published(), properties=properties))
    assert document["type"] == "FeatureCollection"
    (feature,) = document["features"]
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [-0.5694, 48.7483]}
    assert feature["properties"] == {
        "slug": "cafe-des-pres",
        "name": 'Le "Café" <des> Prés',
        "nothing": None,
    }


@pytest.mark.django_db
def test_a_feature_collection_keeps_the_order_asked_else_lists_by_id():
    far = PlaceFactory(slug="loin", lat=48.5, lon=-0.6)
    near = PlaceFactory(slug="pres", lat=48.75, lon=-0.57)
    nearest_first = geo.by_distance(Place.objects.all(), geo.make_point(lat=48.75, lon=-0.57))
    properties = {"slug": F("slug")}

    def slugs(**options):
        document = geo.feature_collection(nearest_first, properties=properties, **options)
        return [feature["properties"]["slug"] for feature in json.loads(document)["features"]]

    assert slugs(ordered=True) == ["pres", "loin"]
    assert slugs() == [place.slug for place in sorted([far, near], key=lambda p: p.pk)]


@pytest.mark.django_db
def test_compact_points_are_id_lon_lat_and_kind_at_five_decimals():
    place = PlaceFactory(lat=48.748312, lon=-0.569401)
    (point,) = json.loads(geo.compact_points(Place.objects.all(), kind=Value(7)))
    assert point == [place.pk, -0.5694, 48.74831, 7]
    (point,) = json.loads(geo.compact_points(Place.objects.all(), kind=Value(None, IntegerField())))
    assert point[3] == 0


@pytest.mark.django_db
def test_an_empty_selection_gives_empty_documents():
    PlaceFactory()
    properties = {"slug": F("slug")}
    for empty in (Place.objects.filter(pk__in=[]), Place.objects.filter(pk=-1)):
        # pk__in=[] is a selection Django knows to be empty: the same answer, not an error.
        for ordered in (False, True):
            document = geo.feature_collection(empty, properties=properties, ordered=ordered)
            assert json.loads(document) == {"type": "FeatureCollection", "features": []}
        assert json.loads(geo.compact_points(empty, kind=Value(1))) == []
    assert geo.centroid(Place.objects.filter(pk=-1)) is None
