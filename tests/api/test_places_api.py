"""The places API: read open to all, paginated, documented (errors and CORS: test_errors)."""

import pytest

from tests.factories import PlaceFactory, SpaceFactory

pytestmark = pytest.mark.django_db


def test_the_list_is_paginated_with_a_count(client):
    for n in range(25):
        PlaceFactory(slug=f"lieu-{n:02d}")
    data = client.get("/api/places/").json()
    assert data["count"] == 25
    assert data["pages"] == 2
    assert len(data["results"]) == 20
    assert data["next"].endswith("page=2")
    assert len(client.get("/api/places/?page=2").json()["results"]) == 5


def test_a_place_in_the_api_has_its_fields_and_a_geojson_point(client):
    PlaceFactory(
        slug="la-grange",
        name="La Grange",
        lat=48.75,
        lon=-0.57,
        types=["fablab"],
        services=["wifi"],
        email="secret@example.org",
        website="https://example.org",
    )
    data = client.get("/api/places/la-grange/").json()
    assert data["name"] == "La Grange"
    assert data["location"] == {"type": "Point", "coordinates": [-0.57, 48.75]}
    assert data["types"] == ["fablab"]
    assert data["services"] == ["wifi"]
    assert data["url"] == "http://testserver/lieux/la-grange/"
    assert "email" not in data  # shown only through a contact form


@pytest.mark.parametrize("status", ["draft", "pending", "archived"])
def test_unpublished_places_are_not_in_the_api(client, status):
    PlaceFactory(slug="cachee", status=status)
    assert client.get("/api/places/cachee/").status_code == 404
    assert client.get("/api/places/").json()["count"] == 0


def test_an_unknown_place_is_a_json_404(client):
    response = client.get("/api/places/nulle-part/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_the_popup_of_a_marker_is_small_and_public_only(client):
    place = PlaceFactory(slug="la-grange", name="La Grange", types=["fablab"])
    hidden = PlaceFactory(slug="brouillon", status="draft")
    data = client.get(f"/api/places/markers/{place.pk}/").json()
    assert data == {
        "id": place.pk,
        "slug": "la-grange",
        "name": "La Grange",
        "commune": "Flers",
        "summary": place.summary,
        "types": ["fablab"],
        "url": "/lieux/la-grange/",
    }
    assert client.get(f"/api/places/markers/{hidden.pk}/").status_code == 404


def test_the_openapi_schema_describes_the_contract(client):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    for path in ("/api/places/", "/api/places/{slug}/", "/api/places.geojson"):
        assert path in schema["paths"], path
    expected = {
        *("q", "type", "service", "commune", "near", "ou", "rayon", "ouvert", "porteurs"),
        *("bbox", "page"),
    }
    for path in ("/api/places/", "/api/places.geojson", "/api/places/markers.json"):
        names = {p["name"] for p in schema["paths"][path]["get"].get("parameters", [])}
        assert expected - {"page"} <= names, (path, expected - names)
    list_names = {p["name"] for p in schema["paths"]["/api/places/"]["get"]["parameters"]}
    assert "page" in list_names


def test_the_api_docs_page_serves_its_assets_locally(client):
    html = client.get("/api/docs/").content.decode()
    assert "swagger" in html.lower()
    assert "cdn" not in html.lower()
    assert "https://" not in html.replace("https://schema", "")


def test_a_page_of_the_list_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for n in range(20):
        PlaceFactory(slug=f"lieu-{n:02d}", types=["fablab", "coworking"], services=["wifi"])
    # data version, count (then kept per version), page, types, services (none per place)
    with django_assert_max_num_queries(5):
        assert len(client.get("/api/places/").json()["results"]) == 20


def test_the_count_of_a_capacity_search_follows_a_change_of_the_spaces(client):
    place = PlaceFactory(slug="la-halle")
    space = SpaceFactory(place=place, capacity=40)
    assert client.get("/api/places/", {"capacite": 20}).json()["count"] == 1
    space.capacity = 10
    space.save()
    data = client.get("/api/places/", {"capacite": 20}).json()
    assert data["results"] == []
    assert data["count"] == 0
