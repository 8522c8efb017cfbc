"""A place's accessibility: in words with pictograms on its page, in its JSON-LD, in the API,
and edited by its hosts."""

import json
import re

import pytest

from places.accounts.models import Hosting
from places.models import Place
from tests.factories import PlaceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def place():
    return PlaceFactory(
        slug="la-grange",
        wheelchair="yes",
        hearing_notes="Boucle magnétique à l’accueil",
        sight_notes="Menus en gros caractères",
        acceslibre_url="https://acceslibre.beta.gouv.fr/app/61-flers/a/tiers-lieu/erp/la-grange/",
    )


def jsonld(html: str) -> dict:
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )


def test_the_page_says_it_in_words_with_pictograms(client, place):
    html = client.get("/lieux/la-grange/").content.decode()
    section = html[html.index('id="accessibility-title"') :]
    section = section[: section.index("</section>")]
    assert "Accessible en fauteuil roulant" in section
    assert "Boucle magnétique à l’accueil" in section and "Menus en gros caractères" in section
    assert "#accessibility" in section and "#ear" in section and "#eye" in section
    assert place.acceslibre_url in section


def test_an_unknown_access_is_said_so(client):
    PlaceFactory(slug="inconnu")
    assert (
        "Accès en fauteuil roulant non renseigné" in client.get("/lieux/inconnu/").content.decode()
    )


def test_the_jsonld_has_amenity_features(client, place):
    data = jsonld(client.get("/lieux/la-grange/").content.decode())
    features = {feature["name"]: feature for feature in data["amenityFeature"]}
    assert features["wheelchairAccessible"]["value"] is True
    assert features["hearingAccessibility"]["description"] == "Boucle magnétique à l’accueil"
    assert features["visualAccessibility"]["value"] is True
    assert features["acceslibre"]["url"] == place.acceslibre_url


def test_no_access_is_false_in_the_jsonld(client):
    PlaceFactory(slug="etage", wheelchair="no")
    data = jsonld(client.get("/lieux/etage/").content.decode())
    assert {
        f["name"]: f["value"] for f in data["amenityFeature"] if f["name"] == "wheelchairAccessible"
    } == {"wheelchairAccessible": False}


def test_the_api_gives_the_accessibility_fields(client, place):
    row = client.get("/api/places/la-grange/").json()
    assert row["wheelchair"] == "yes"
    assert row["hearing_notes"] == "Boucle magnétique à l’accueil"
    assert row["acceslibre_url"] == place.acceslibre_url


def test_a_host_edits_the_accessibility(client, place):
    from tests.accounts.editing.conftest import edit_data

    host = UserFactory()
    Hosting.objects.create(place=place, user=host)
    client.force_login(host)
    response = client.post(
        "/lieux/la-grange/modifier/",
        edit_data(
            place, wheelchair="limited", sight_notes="", acceslibre_url="javascript:alert(1)"
        ),
    )
    assert response.status_code == 400  # not a web address
    assert Place.objects.get(pk=place.pk).wheelchair == "yes"
    client.post(
        "/lieux/la-grange/modifier/", edit_data(place, wheelchair="limited", sight_notes="")
    )
    place.refresh_from_db()
    assert place.wheelchair == "limited" and place.sight_notes == ""
    assert place.history.first().wheelchair == "limited"


def test_what_is_not_known_is_not_in_the_jsonld(client, place):
    PlaceFactory(slug="inconnu")  # wheelchair unknown, no notes, no acceslibre page
    names = {
        f["name"] for f in jsonld(client.get("/lieux/inconnu/").content.decode())["amenityFeature"]
    }
    known = {
        f["name"]
        for f in jsonld(client.get("/lieux/la-grange/").content.decode())["amenityFeature"]
    }
    accessibility = {
        "wheelchairAccessible",
        "hearingAccessibility",
        "visualAccessibility",
        "acceslibre",
    }
    assert accessibility <= known
    assert not accessibility & names
