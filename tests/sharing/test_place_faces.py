"""`capacite=N`, `accessible=1` and the capacity wording on every face of the places search:
/lieux/, /, /api/places/, places.geojson, the map's markers."""

import json

import pytest

from tests.factories import PlaceFactory, SpaceFactory

pytestmark = pytest.mark.django_db

FACES = ["/lieux/", "/", "/api/places/", "/api/places.geojson", "/api/places/markers.json"]


@pytest.fixture
def bocage():
    big = PlaceFactory(slug="grande", name="La Grande Halle", wheelchair="yes")
    small = PlaceFactory(slug="petite", name="Le Petit Local", wheelchair="limited")
    far = PlaceFactory(
        slug="loin", name="La Halle de Domfront", commune="Domfront", lat=48.5922, lon=-0.6464
    )
    PlaceFactory(slug="sans", name="Sans salle")
    SpaceFactory(place=big, capacity=40)
    SpaceFactory(place=small, capacity=6)
    SpaceFactory(place=far, capacity=25)
    return {"grande": big, "petite": small, "loin": far}


def found(client, face: str, query: dict) -> list[str]:
    """The slugs (or ids, for markers) a face answers, in its order."""
    response = client.get(face, query)
    assert response.status_code == 200, response.content[:300]
    if face in ("/lieux/", "/"):
        html = response.content.decode()
        return [
            slug
            for slug in ("grande", "petite", "loin", "sans")
            if f'href="/lieux/{slug}/"' in html
        ]
    body = json.loads(response.content)
    if face == "/api/places/":
        return [row["slug"] for row in body["results"]]
    if face == "/api/places.geojson":
        return [feature["properties"]["slug"] for feature in body["features"]]
    return [marker[0] for marker in body]


@pytest.mark.parametrize("face", FACES)
def test_capacity_keeps_the_places_with_a_space_that_big(client, bocage, face):
    result = found(client, face, {"capacite": 20})
    if face.endswith("markers.json"):
        assert sorted(result) == sorted([bocage["grande"].pk, bocage["loin"].pk])
    else:
        assert sorted(result) == ["grande", "loin"]


@pytest.mark.parametrize("face", FACES)
def test_accessible_keeps_the_places_with_wheelchair_access(client, bocage, face):
    result = found(client, face, {"accessible": 1})
    assert result == ([bocage["grande"].pk] if face.endswith("markers.json") else ["grande"])


@pytest.mark.parametrize("face", FACES)
def test_the_capacity_wording_in_the_text(client, bocage, face):
    result = found(client, face, {"q": "Une salle pour 20 personnes près de Domfront"})
    if face.endswith("markers.json"):
        assert sorted(result) == sorted([bocage["grande"].pk, bocage["loin"].pk])
    elif face in ("/lieux/", "/"):
        assert sorted(result) == ["grande", "loin"]
    else:
        assert result == ["loin", "grande"]  # nearest Domfront first


@pytest.mark.parametrize(
    "typed", ["salle pour 20", "20 personnes", "vingt places", "une salle de 20 places"]
)
def test_each_wording_finds_the_rooms_of_20_or_more(client, bocage, typed):
    rows = client.get("/api/places/", {"q": typed}).json()["results"]
    assert sorted(row["slug"] for row in rows) == ["grande", "loin"]


def test_the_wording_nearest_flers_puts_flers_first(client, bocage):
    rows = client.get("/api/places/", {"q": "Une salle pour 20 personnes près de Flers"}).json()[
        "results"
    ]
    assert [row["slug"] for row in rows] == ["grande", "loin"]
    assert rows[0]["distance_km"] < rows[1]["distance_km"]


def test_a_word_like_salle_does_not_empty_the_search(client, bocage):
    rows = client.get("/api/places/", {"q": "une salle à Domfront"}).json()["results"]
    assert rows[0]["slug"] == "loin"


def test_a_text_left_after_the_wording_is_still_searched(client, bocage):
    rows = client.get("/api/places/", {"q": "halle pour 20 personnes"}).json()["results"]
    assert sorted(row["slug"] for row in rows) == ["grande", "loin"]
    rows = client.get("/api/places/", {"q": "local pour 5 personnes"}).json()["results"]
    assert sorted(row["slug"] for row in rows) == ["grande", "loin", "petite"]


@pytest.mark.parametrize(
    "query", [{"capacite": "beaucoup"}, {"capacite": "0"}, {"accessible": "peut-etre"}]
)
def test_bad_values_are_a_json_400_naming_the_parameter(client, bocage, query):
    response = client.get("/api/places/", query)
    assert response.status_code == 400
    assert set(query) <= set(response.json()["errors"])


def test_the_list_shows_the_new_filters_as_chips(client, bocage):
    html = client.get("/lieux/", {"capacite": 20, "accessible": 1}).content.decode()
    assert "Une salle pour 20 personnes" in html
    assert "Accessible en fauteuil roulant" in html


def test_a_new_space_changes_the_answers_of_a_capacity_search(client, bocage):
    """The places' caches (map documents, facets) follow the spaces' data version too."""
    first = client.get("/api/places.geojson", {"capacite": 50})
    assert json.loads(first.content)["features"] == []
    SpaceFactory(place=bocage["petite"], capacity=60)
    again = client.get("/api/places.geojson", {"capacite": 50}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert [f["properties"]["slug"] for f in json.loads(again.content)["features"]] == ["petite"]
