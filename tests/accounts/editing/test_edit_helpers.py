"""The edit page's helpers for its scripts: an address to a point, hours to words."""

import pytest

pytestmark = pytest.mark.django_db
GEOCODE = "/lieux/la-grange/modifier/adresse/"
HOURS = "/lieux/la-grange/modifier/horaires/"


def test_an_address_becomes_the_geocoders_point(client, place, host, fake_address_geocoder):
    client.force_login(host)
    response = client.get(
        GEOCODE, {"address": "12 rue des Prés", "postcode": "61100", "commune": "Flers"}
    )
    assert response.status_code == 200
    assert response.json() == {
        "lat": 48.7512,
        "lon": -0.5654,
        "label": "12 Rue des Prés 61100 Flers",
    }
    assert fake_address_geocoder.requests[-1]["postcode"] == "61100"
    # Asked again, the answer comes from the cache.
    client.get(GEOCODE, {"address": "12 rue des Prés", "postcode": "61100", "commune": "Flers"})
    assert len(fake_address_geocoder.requests) == 1


def test_an_unknown_address_is_a_404_and_a_geocoder_down_a_503(
    client, place, host, fake_address_geocoder, settings
):
    client.force_login(host)
    assert client.get(GEOCODE, {"address": "nulle part"}).status_code == 404
    settings.GEOCODER_URL = "http://127.0.0.1:9"
    response = client.get(GEOCODE, {"address": "1 rue inconnue", "commune": "Flers"})
    assert response.status_code == 503
    assert response.json() == {"detail": "Le service d’adresses ne répond pas."}


def test_hours_are_said_in_words_or_their_mistake_is_said(client, place, host):
    client.force_login(host)
    words = client.get(HOURS, {"h": "Mo-Su 09:00-12:00"}).json()
    assert words["valid"] and len(words["week"]) == 7
    assert all(day["words"] == "9 h – 12 h" for day in words["week"])
    wrong = client.get(HOURS, {"h": "lundi matin"}).json()
    assert not wrong["valid"] and "syntaxe OpenStreetMap" in wrong["error"]
    assert client.get(HOURS, {"h": ""}).json() == {"valid": True, "empty": True, "week": []}


@pytest.mark.parametrize("url", [GEOCODE, HOURS])
@pytest.mark.parametrize("who", [None, "stranger", "other_host"])
def test_the_helpers_answer_only_those_who_may_edit(client, place, request, url, who):
    if who:
        client.force_login(request.getfixturevalue(who))
    response = client.get(url, {"address": "x", "h": "Mo 09:00-12:00"})
    assert response.status_code == (403 if who else 302)
