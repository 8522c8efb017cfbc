"""/api/spaces/ and /api/equipment/: the filters, the fields of the SPEC, JSON 400s."""

import pytest

from tests.factories import EquipmentFactory, PlaceFactory, SpaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bocage():
    flers = PlaceFactory(slug="la-filature", name="La Filature", wheelchair="yes")
    ferte = PlaceFactory(
        slug="l-etabli", name="L’Établi", commune="La Ferté-Macé", lat=48.5897, lon=-0.3575
    )
    SpaceFactory(
        place=flers, name="Salle du métier", capacity=24, price_kind="per_day", price_amount=90
    )
    SpaceFactory(
        place=ferte,
        name="Atelier bois",
        kind="workshop",
        capacity=8,
        price_kind="free",
        price_amount=None,
    )
    EquipmentFactory(
        place=ferte,
        name="Découpeuse laser",
        kind="laser_cutter",
        price_kind="per_hour",
        price_amount=20,
        training_required=True,
    )
    EquipmentFactory(place=flers, name="Sono portable", kind="sound")


def test_spaces_nearest_first_with_the_spec_fields(client, bocage):
    answer = client.get("/api/spaces/", {"near": "48.59,-0.36"}).json()
    assert [row["name"] for row in answer["results"]] == ["Atelier bois", "Salle du métier"]
    first = answer["results"][0]
    assert first["kind"] == "workshop"
    assert first["capacity"] == 8
    assert first["price"]["kind"] == "free"
    assert first["price"]["words"] == "Gratuit"
    assert first["place"] == {
        "slug": "l-etabli",
        "name": "L’Établi",
        "commune": "La Ferté-Macé",
        "url": "http://testserver/lieux/l-etabli/",
        "wheelchair": "unknown",
    }
    assert first["distance_km"] < 1 < answer["results"][1]["distance_km"]


def test_no_distance_without_a_point(client, bocage):
    rows = client.get("/api/spaces/").json()["results"]
    assert len(rows) == 2
    assert all("distance_km" not in row for row in rows)


def test_capacity_kind_free_accessible_and_place_filter_the_spaces(client, bocage):
    def names(**query):
        return [row["name"] for row in client.get("/api/spaces/", query).json()["results"]]

    assert names(capacite=20) == ["Salle du métier"]
    assert names(kind="workshop") == ["Atelier bois"]
    assert names(gratuit=1) == ["Atelier bois"]
    assert names(accessible=1) == ["Salle du métier"]
    assert names(place="l-etabli") == ["Atelier bois"]


def test_equipment_by_text_with_a_typo_and_by_kind(client, bocage):
    def names(**query):
        return [row["name"] for row in client.get("/api/equipment/", query).json()["results"]]

    assert names(q="decoupeuse") == ["Découpeuse laser"]
    assert names(q="decoupeze") == ["Découpeuse laser"]
    assert names(kind="sound") == ["Sono portable"]
    row = client.get("/api/equipment/", {"kind": "laser_cutter"}).json()["results"][0]
    assert row["training_required"] is True
    assert row["price"] == {
        "kind": "per_hour",
        "amount": 20.0,
        "text": "",
        "words": "20 € de l’heure",
    }


def test_ou_is_read_as_on_places(client, bocage):
    # The address API is down in tests: the directory's communes answer.
    rows = client.get("/api/spaces/", {"ou": "La Ferté-Macé"}).json()["results"]
    assert rows[0]["name"] == "Atelier bois"
    assert "distance_km" in rows[0]


@pytest.mark.parametrize(
    ("path", "query", "name"),
    [
        ("/api/spaces/", {"near": "abc"}, "near"),
        ("/api/spaces/", {"near": "91,0"}, "near"),
        ("/api/spaces/", {"capacite": "beaucoup"}, "capacite"),
        ("/api/spaces/", {"capacite": "0"}, "capacite"),
        ("/api/spaces/", {"kind": "laser_cutter"}, "kind"),
        ("/api/equipment/", {"kind": "meeting_room"}, "kind"),
        ("/api/spaces/", {"rayon": "-3", "near": "48.7,-0.5"}, "rayon"),
        ("/api/spaces/", {"gratuit": "peut-etre"}, "gratuit"),
        ("/api/equipment/", {"accessible": "2"}, "accessible"),
        ("/api/spaces/", {"ou": "Nullepartville"}, "ou"),
        ("/api/spaces/", {"place": "pas un slug !"}, "place"),
        ("/api/spaces/", {"page": "0"}, "page"),
    ],
)
def test_bad_parameters_are_a_json_400_naming_them(client, bocage, path, query, name):
    response = client.get(path, query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert name in response.json()["errors"]


def test_writes_are_refused(client, bocage):
    response = client.post("/api/spaces/", {"name": "Intrus"})
    assert response.status_code == 405
