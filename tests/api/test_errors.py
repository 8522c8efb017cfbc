"""Every path under /api/, known or not, answers JSON with the right status and words."""

import pytest

from places import selectors
from tests.factories import PlaceFactory, UserFactory

pytestmark = pytest.mark.django_db

WRITES = ["post", "put", "patch", "delete"]


@pytest.fixture
def place():
    return PlaceFactory(slug="la-grange")


# What each resource also writes (tests/accounts/test_api_writes.py): not read-only for them.
WRITABLE = {"/api/places/": {"post"}, "/api/places/la-grange/": {"patch"}}


def read_only_urls(place, method: str = "get") -> list[str]:
    urls = [
        "/api/places/",
        "/api/places/la-grange/",
        "/api/places.geojson",
        "/api/places/markers.json",
        f"/api/places/markers/{place.pk}/",
        "/api/schema/",
        "/api/docs/",
    ]
    return [url for url in urls if method not in WRITABLE.get(url, set())]


def assert_json_error(response, status: int) -> str:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail
    return detail


@pytest.mark.parametrize(
    "url",
    [
        "/api/",
        "/api",
        "/api/nope/",
        "/api/places.json",
        "/api/places/caf%C3%A9/",  # a slug that cannot exist
        "/api/schema/nope/",
    ],
)
def test_a_path_the_api_does_not_know_is_a_json_404_in_french(client, url):
    detail = assert_json_error(client.get(url), 404)
    assert "Cette adresse n’existe pas dans l’API" in detail
    assert detail.endswith("sur /api/docs/.")


def test_a_place_that_is_not_published_is_a_json_404_in_french(client):
    PlaceFactory(slug="brouillon", status="draft")
    for url in ("/api/places/brouillon/", "/api/places/nulle-part/"):
        assert assert_json_error(client.get(url), 404) == "Aucun lieu publié ne porte ce nom."
    assert assert_json_error(client.get("/api/places/markers/0/"), 404).startswith("Aucun lieu")


def test_a_request_for_another_host_is_a_json_400(client):
    response = client.get("/api/places/", HTTP_HOST="annuaire.pirate.example")
    assert assert_json_error(response, 400) == "Cette requête ne peut pas aboutir (erreur 400)."


def _broken_search(*args, **kwargs):
    raise RuntimeError("a bug")


def test_an_unexpected_error_under_the_api_is_a_json_500(client, monkeypatch, settings):
    monkeypatch.setattr(selectors, "place_search", _broken_search)
    client.raise_request_exception = False
    detail = assert_json_error(client.get("/api/places/"), 500)
    assert detail == "Une erreur est survenue de notre côté ; réessayez plus tard."
    assert "a bug" not in detail
    # A developer keeps Django's page, with its traceback.
    settings.DEBUG = True
    page = client.get("/api/places/")
    assert page.status_code == 500
    assert page["Content-Type"].startswith("text/html")


def test_a_missing_slash_is_still_a_redirect(client):
    response = client.get("/api/places?q=grange")
    assert response.status_code == 301
    assert response["Location"] == "/api/places/?q=grange"


def test_the_messages_follow_the_language_asked_for(client):
    response = client.get("/api/nope/", HTTP_ACCEPT_LANGUAGE="en")
    assert "This address does not exist in the API" in assert_json_error(response, 404)


@pytest.mark.parametrize("method", WRITES)
def test_a_write_on_a_read_only_resource_is_a_405_with_allow_for_anyone(client, place, method):
    user = UserFactory()
    for signed_in in (False, True):
        if signed_in:
            client.force_login(user)
        for url in read_only_urls(place, method):
            response = getattr(client, method)(url, {}, content_type="application/json")
            detail = assert_json_error(response, 405)
            assert method.upper() in detail, url
            assert "GET" in response["Allow"].split(", "), url
            assert method.upper() not in response["Allow"], url
    place.refresh_from_db()
    assert place.name.startswith("Tiers-lieu")


def test_the_docs_page_stays_html_and_answers_options(client):
    page = client.get("/api/docs/")
    assert page.status_code == 200
    assert page["Content-Type"].startswith("text/html")
    options = client.options("/api/docs/")
    assert options.status_code == 200
    assert set(options["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_the_docs_page_refuses_json_in_json(client):
    response = client.get("/api/docs/", HTTP_ACCEPT="application/json")
    assert_json_error(response, 406)


@pytest.mark.parametrize(
    "accept", ["application/geo+json", "application/json", "*/*", "application/*", None]
)
def test_the_geojson_accepts_its_own_media_type(client, place, accept):
    headers = {} if accept is None else {"HTTP_ACCEPT": accept}
    response = client.get("/api/places.geojson", **headers)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert response.json()["features"][0]["properties"]["slug"] == "la-grange"


def test_a_media_type_the_geojson_has_not_is_a_json_406(client, place):
    assert_json_error(client.get("/api/places.geojson", HTTP_ACCEPT="text/csv"), 406)
    # The markers are JSON, not GeoJSON.
    response = client.get("/api/places/markers.json", HTTP_ACCEPT="application/geo+json")
    assert_json_error(response, 406)


def test_a_bad_parameter_of_the_geojson_is_plain_json_naming_it(client, place):
    response = client.get("/api/places.geojson?near=abc", HTTP_ACCEPT="application/geo+json")
    detail = assert_json_error(response, 400)
    assert detail == "Paramètres invalides : near."
    assert list(response.json()["errors"]) == ["near"]


def test_reads_are_open_to_other_sites_and_writes_are_not(client, place):
    for url in read_only_urls(place)[:5]:
        response = client.get(url, HTTP_ORIGIN="https://mairie.example")
        assert response["Access-Control-Allow-Origin"] == "*", url
    for method in ("POST", "PATCH", "DELETE"):
        preflight = client.options(
            "/api/places/la-grange/",
            HTTP_ORIGIN="https://mairie.example",
            HTTP_ACCESS_CONTROL_REQUEST_METHOD=method,
        )
        assert method not in preflight.get("Access-Control-Allow-Methods", "")
    assert "Access-Control-Allow-Origin" not in client.get("/", HTTP_ORIGIN="https://x.example")
