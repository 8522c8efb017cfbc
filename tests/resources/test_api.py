"""/api/resources/: the contract's fields, the filters, paginated as places, JSON 400s."""

import pytest

from places.resources.models import Resource
from tests.factories import PlaceFactory
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def test_a_resource_has_the_fields_of_the_contract(client, statutes):
    statutes.place = PlaceFactory(slug="la-grange", name="La Grange")
    statutes.link = "https://pop.eu.com/"
    statutes.save()
    body = client.get("/api/resources/").json()
    assert body["count"] == 1 and body["pages"] == 1
    item = body["results"][0]
    assert item["title"] == "Statuts d’association" and item["slug"] == "statuts"
    assert item["kind"] == "modele"
    assert item["themes"] == ["juridique"] and item["stages"] == ["emergence"]
    assert item["link"] == "https://pop.eu.com/"
    assert item["url"] == "http://testserver/ressources/statuts/"
    assert item["place"] == {
        "slug": "la-grange",
        "name": "La Grange",
        "url": "http://testserver/lieux/la-grange/",
    }
    [file] = item["files"]
    assert file["type"] == "application/vnd.oasis.opendocument.text"
    assert file["size"] == statutes.files.get().size
    assert file["url"].startswith("http://testserver/ressources/statuts/fichiers/")


def test_the_filters_are_those_of_the_list(client):
    place = PlaceFactory(slug="la-grange")
    ResourceFactory(
        title="Budget prévisionnel",
        slug="budget",
        themes=["financement"],
        kind="modele",
        place=place,
    )
    ResourceFactory(title="Statuts", slug="statuts", themes=["juridique"], stages=["idee"])
    ResourceFactory(title="En attente", status=Resource.Status.PENDING)

    def slugs(**params):
        return [r["slug"] for r in client.get("/api/resources/", params).json()["results"]]

    assert slugs(q="previsionel") == ["budget"]  # a typo
    assert slugs(theme="juridique") == ["statuts"]
    assert slugs(stage="idee") == ["statuts"]
    assert slugs(kind="modele") == ["budget"]
    assert slugs(place="la-grange") == ["budget"]
    assert sorted(slugs()) == ["budget", "statuts"]


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"theme": "inconnu"}, "theme"),
        ({"stage": "x"}, "stage"),
        ({"kind": "roman"}, "kind"),
        ({"place": "nulle-part"}, "place"),
        ({"tri": "hasard"}, "tri"),
        ({"page": "0"}, "page"),
        ({"page_size": "1000"}, "page_size"),
    ],
)
def test_a_bad_parameter_is_a_json_400_that_names_it(client, params, name):
    response = client.get("/api/resources/", params)
    assert response.status_code == 400
    assert name in response.json()["errors"]


def test_a_write_is_refused_with_405(client):
    assert client.post("/api/resources/", {}).status_code == 405


def test_the_operation_is_in_the_openapi_schema(client):
    schema = client.get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/resources/"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"q", "theme", "stage", "kind", "place", "page"} <= names


def test_a_resource_of_an_unpublished_place_names_no_place(client):
    from places.models import Place

    ResourceFactory(place=PlaceFactory(status=Place.Status.ARCHIVED))
    assert client.get("/api/resources/").json()["results"][0]["place"] is None
