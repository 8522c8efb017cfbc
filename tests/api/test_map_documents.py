"""The map documents: built once per data version, precompressed, revalidated with a 304."""

import gzip
import json
import statistics
import time

import brotli
import pytest
from django.core.cache import cache

from places.models import Place
from tests.factories import PlaceFactory, seed_places

pytestmark = pytest.mark.django_db
URLS = ["/api/places.geojson", "/api/places/markers.json"]


@pytest.mark.parametrize("url", URLS)
def test_a_matching_etag_gets_a_304(client, url):
    PlaceFactory()
    first = client.get(url)
    assert first.status_code == 200
    assert first["ETag"].startswith('"')
    assert first["Last-Modified"]
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


@pytest.mark.parametrize("url", URLS)
def test_a_write_changes_the_etag_and_the_content(client, url):
    place = PlaceFactory(name="Avant")
    first = client.get(url)
    place.name = "Après"
    place.save()
    PlaceFactory(slug="nouveau")
    second = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert second["ETag"] != first["ETag"]
    assert second.content != first.content


@pytest.mark.parametrize("url", URLS)
def test_filters_have_their_own_etag(client, url):
    PlaceFactory(types=["fablab"])
    assert client.get(url)["ETag"] != client.get(f"{url}?type=fablab")["ETag"]


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize(
    ("accept", "encoding", "decode"),
    [("br, gzip", "br", brotli.decompress), ("gzip", "gzip", gzip.decompress)],
)
def test_compressed_answers_decode_to_the_same_document(client, url, accept, encoding, decode):
    PlaceFactory()
    plain = client.get(url).content
    response = client.get(url, HTTP_ACCEPT_ENCODING=accept)
    assert response["Content-Encoding"] == encoding
    assert "Accept-Encoding" in response["Vary"]
    assert decode(response.content) == plain
    json.loads(plain)


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize(
    ("accept", "encoding"),
    [
        ("br;q=0, gzip", "gzip"),  # a refusal is a refusal
        ("gzip;q=0.5, br;q=0.8", "br"),
        ("gzip, br", "br"),  # a tie: our preference
        ("*", "br"),
        ("gzip;q=1, br;q=0.999", "gzip"),
        ("gzip, *;q=0", "gzip"),
        ("identity, gzip;q=0.5", None),
        ("br;q=0, gzip;q=0", None),  # nor gzipped by the site's middleware
        ("*;q=0, identity", None),
        ("deflate, compress", None),  # codings we do not have are ignored
        ("", None),
    ],
)
def test_the_encoding_follows_the_q_values(client, url, accept, encoding):
    PlaceFactory()
    plain = client.get(url).content
    response = client.get(url, HTTP_ACCEPT_ENCODING=accept)
    assert response.status_code == 200
    assert response.get("Content-Encoding") == encoding
    assert "Accept-Encoding" in response["Vary"]
    decode = {"br": brotli.decompress, "gzip": gzip.decompress, None: bytes}[encoding]
    assert decode(response.content) == plain


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("accept", ["*;q=0", "identity;q=0", "br;q=0, gzip;q=0, identity;q=0"])
def test_a_request_refusing_every_encoding_we_have_is_a_json_406(client, url, accept):
    PlaceFactory()
    response = client.get(url, HTTP_ACCEPT_ENCODING=accept)
    assert response.status_code == 406
    assert response["Content-Type"] == "application/json"
    assert "la requête les refuse" in response.json()["detail"]


@pytest.mark.parametrize("url", URLS)
def test_each_encoding_has_its_own_etag_and_revalidates_on_its_own(client, url):
    PlaceFactory()
    etags = {}
    for accept in ("br", "gzip", "identity"):
        first = client.get(url, HTTP_ACCEPT_ENCODING=accept)
        etags[accept] = first["ETag"]
        again = client.get(url, HTTP_ACCEPT_ENCODING=accept, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304, accept
        assert again["ETag"] == first["ETag"]
        assert "Accept-Encoding" in again["Vary"]
    assert len(set(etags.values())) == 3
    assert etags["br"] == etags["identity"][:-1] + '-br"'
    # Another encoding's ETag is another representation: the whole document.
    other = client.get(url, HTTP_ACCEPT_ENCODING="br", HTTP_IF_NONE_MATCH=etags["gzip"])
    assert other.status_code == 200
    assert other["Content-Encoding"] == "br"


def test_the_document_is_built_once_per_data_version(client, django_assert_num_queries):
    PlaceFactory()
    client.get("/api/places.geojson", HTTP_ACCEPT_ENCODING="br")
    # The version, and nothing else: the bytes come from the cache.
    with django_assert_num_queries(1):
        response = client.get("/api/places.geojson", HTTP_ACCEPT_ENCODING="br")
    assert response.status_code == 200


def test_a_revalidation_costs_one_query(client, django_assert_num_queries):
    PlaceFactory()
    etag = client.get("/api/places.geojson")["ETag"]
    with django_assert_num_queries(1):
        assert client.get("/api/places.geojson", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_the_geojson_has_only_published_places(client):
    PlaceFactory(slug="public")
    for status in ("draft", "pending", "archived"):
        PlaceFactory(slug=status, status=status)
    features = json.loads(client.get("/api/places.geojson").content)["features"]
    assert [f["properties"]["slug"] for f in features] == ["public"]
    assert client.get("/api/places.geojson")["Content-Type"] == "application/geo+json"
    assert Place.objects.count() == 4


def test_a_feature_tells_slug_name_types_in_order_commune_and_absolute_url(client, settings):
    settings.SITE_URL = "https://annuaire.example"
    PlaceFactory(
        name='Le "Café" <des> Prés',
        slug="cafe-des-pres",
        lat=48.7483,
        lon=-0.5694,
        types=["cafe-associatif", "fablab"],
    )
    (feature,) = json.loads(client.get("/api/places.geojson").content)["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [-0.5694, 48.7483]}
    assert feature["properties"] == {
        "slug": "cafe-des-pres",
        "name": 'Le "Café" <des> Prés',
        "types": ["fablab", "cafe-associatif"],  # the taxonomy's order, not the given one
        "commune": "Flers",
        "url": "https://annuaire.example/lieux/cafe-des-pres/",
    }


def test_a_marker_shows_the_first_type_or_the_searched_one(client):
    place = PlaceFactory(lat=48.748312, lon=-0.569401, types=["recyclerie", "fablab"])
    fablab, recyclerie = place.types.get(slug="fablab"), place.types.get(slug="recyclerie")
    (marker,) = json.loads(client.get("/api/places/markers.json").content)
    assert marker == [place.pk, -0.5694, 48.74831, fablab.pk]
    (marker,) = json.loads(client.get("/api/places/markers.json?type=recyclerie").content)
    assert marker[3] == recyclerie.pk


def _cold_ms(client, url: str) -> float:
    cache.clear()
    started = time.perf_counter()
    assert client.get(url).status_code == 200
    return (time.perf_counter() - started) * 1000


def test_a_whole_world_bbox_costs_what_no_bbox_costs_at_20000_places(client):
    """The planner, without statistics after a big load, believes a box holds one row: the
    documents' plan must not depend on that belief (it once re-ran an aggregate per row and
    took minutes). Measured in turns, so that a busy machine slows both alike."""
    seed_places(20_000, analyze=False)
    for url in URLS:
        without, world = [], []
        for _ in range(3):
            without.append(_cold_ms(client, url))
            world.append(_cold_ms(client, f"{url}?bbox=-180,-90,180,90"))
        ratio = statistics.median(world) / statistics.median(without)
        assert ratio <= 2, (url, world, without)
