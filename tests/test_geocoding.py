"""A town or a postcode to a point: the national address API (faked locally), then the directory."""

import time

import pytest
from django.core.cache import cache

from places import geocoding
from places.models import Place
from tests.conftest import FakeGeocoder, LocalServer
from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


class ScriptedGeocoder(LocalServer):
    """A broken stand-in of the address API: every request gets the same body and status."""

    def __init__(self, body: bytes, *, status: int = 200, delay: float = 0.0):
        super().__init__()
        self.body, self.status, self.delay = body, status, delay

    def respond(self, path: str, query: dict) -> tuple[int, bytes]:
        time.sleep(self.delay)
        return self.status, self.body


@pytest.fixture
def briouze_in_directory():
    """Two published places in Briouze and a draft far away that must not count."""
    PlaceFactory(commune="Briouze", postcode="61220", lat=48.70, lon=-0.37)
    PlaceFactory(commune="Briouze", postcode="61220", lat=48.68, lon=-0.35)
    PlaceFactory(commune="Briouze", postcode="61220", lat=43.0, lon=5.0, status=Place.Status.DRAFT)


# --- The service answers ----------------------------------------------------------------------


def test_the_services_answer_becomes_a_point_with_a_label(fake_geocoder):
    located = geocoding.locate("Briouze")

    assert located.point.y == pytest.approx(48.6989)  # latitude
    assert located.point.x == pytest.approx(-0.3669)  # longitude
    assert located.point.srid == 4326
    assert located.label == "Briouze (61220)"
    assert located.source == "geocoder"


def test_the_service_is_asked_for_municipalities_on_its_search_endpoint(fake_geocoder):
    geocoding.locate("Domfront")

    assert fake_geocoder.requests == [
        {"path": "/geocodage/search", "q": "Domfront", "type": "municipality", "limit": "1"}
    ]


def test_a_postcode_is_located_by_the_service(fake_geocoder):
    located = geocoding.locate("61220")

    assert located.label == "Briouze (61220)"
    assert located.point.y == pytest.approx(48.6989)


def test_an_answer_is_cached_and_the_service_not_asked_again(fake_geocoder):
    first = geocoding.locate("Briouze")
    second = geocoding.locate("  briouze ")

    assert len(fake_geocoder.requests) == 1
    assert second == first


def test_an_unknown_town_is_none_and_that_answer_is_cached(fake_geocoder):
    assert geocoding.locate("Tombouctou-sur-Varenne") is None
    assert geocoding.locate("Tombouctou-sur-Varenne") is None

    assert len(fake_geocoder.requests) == 1


def test_a_town_the_service_does_not_know_is_found_in_the_directory(fake_geocoder):
    PlaceFactory(commune="Saint-Bômer-les-Forges", lat=48.64, lon=-0.65)

    located = geocoding.locate("Saint-Bômer-les-Forges")

    assert located.source == "directory"
    assert (located.point.y, located.point.x) == pytest.approx((48.64, -0.65))


def test_an_empty_text_is_none_without_asking_the_service(fake_geocoder):
    assert geocoding.locate("   ") is None
    assert fake_geocoder.requests == []


def test_an_answer_without_a_name_is_labelled_with_what_was_asked(settings):
    answer = (
        b'{"type": "FeatureCollection", "features": [{"type": "Feature", '
        b'"geometry": {"type": "Point", "coordinates": [-0.56, 48.75]}, "properties": {}}]}'
    )
    with ScriptedGeocoder(answer) as fake:
        settings.GEOCODER_URL = fake.url
        located = geocoding.locate("Flers")

    assert located.label == "Flers"
    assert located.source == "geocoder"
    assert (located.point.y, located.point.x) == pytest.approx((48.75, -0.56))


# --- The service cannot be reached: the directory answers -------------------------------------


def test_unreachable_service_falls_back_on_the_centre_of_the_directorys_places(
    briouze_in_directory,
):
    located = geocoding.locate("Briouze")  # GEOCODER_URL is a dead port by default

    assert located.source == "directory"
    assert located.label == "Briouze"
    assert (located.point.y, located.point.x) == pytest.approx((48.69, -0.36))


@pytest.mark.parametrize("text", ["briouze", "BRIOUZE", "Briouzé", " Briouze "])
def test_fallback_finds_a_commune_whatever_its_case_and_accents(briouze_in_directory, text):
    located = geocoding.locate(text)

    assert located.label == "Briouze"
    assert (located.point.y, located.point.x) == pytest.approx((48.69, -0.36))


def test_fallback_finds_a_commune_with_accents_typed_without_them():
    PlaceFactory(commune="La Ferté-Macé", postcode="61600", lat=48.59, lon=-0.36)

    located = geocoding.locate("la ferte-mace")

    assert located.label == "La Ferté-Macé"
    assert (located.point.y, located.point.x) == pytest.approx((48.59, -0.36))


def test_fallback_finds_a_commune_by_its_postcode(briouze_in_directory):
    located = geocoding.locate("61220")

    assert located.label == "Briouze"
    assert (located.point.y, located.point.x) == pytest.approx((48.69, -0.36))


def test_unreachable_service_and_a_commune_unknown_to_the_directory_give_none(
    briouze_in_directory,
):
    assert geocoding.locate("Tinchebray") is None
    assert geocoding.locate("61800") is None


def test_a_fallback_answer_is_not_cached_so_the_service_is_asked_once_back(
    settings, briouze_in_directory
):
    assert geocoding.locate("Briouze").source == "directory"

    with FakeGeocoder({"briouze": ("Briouze", "61220", 48.6989, -0.3669)}) as fake:
        settings.GEOCODER_URL = fake.url
        cache.delete(geocoding.DOWN_KEY)  # a minute later
        located = geocoding.locate("Briouze")

    assert located.source == "geocoder"
    assert len(fake.requests) == 1


def briouze_answer(coordinates: str) -> bytes:
    """A well-formed BAN answer for Briouze, but with the given coordinates."""
    return (
        '{"type": "FeatureCollection", "features": [{"type": "Feature", '
        f'"geometry": {{"type": "Point", "coordinates": {coordinates}}}, '
        '"properties": {"label": "Briouze", "city": "Briouze", "postcode": "61220"}}]}'
    ).encode()


@pytest.mark.parametrize(
    ("body", "status"),
    [
        pytest.param(b"<html>Service en maintenance</html>", 200, id="not-json"),
        pytest.param(b'{"type": "FeatureCollection", "features": [', 200, id="cut-short"),
        pytest.param(briouze_answer("[-0.37, 148.7]"), 200, id="latitude-out-of-range"),
        # geopy would silently wrap this longitude round the globe to -0.37.
        pytest.param(briouze_answer("[359.63, 48.7]"), 200, id="longitude-out-of-range"),
        pytest.param(briouze_answer('["-0.37", "48.7"]'), 200, id="coordinates-as-text"),
        pytest.param(briouze_answer("[-0.37]"), 200, id="one-coordinate"),
        pytest.param(b'{"type": "FeatureCollection", "features": [{}]}', 200, id="empty-feature"),
        pytest.param(b'{"type": "FeatureCollection", "features": ["Briouze"]}', 200, id="text"),
        pytest.param(b'{"type": "FeatureCollection"}', 200, id="no-features"),
        pytest.param(b"[]", 200, id="a-list"),
        pytest.param(b'"Briouze"', 200, id="a-string"),
        pytest.param(b'{"error": "boom"}', 500, id="server-error"),
        pytest.param(b'{"error": "quota"}', 429, id="rate-limited"),
    ],
)
def test_a_broken_answer_is_treated_as_unavailable_and_falls_back(
    settings, briouze_in_directory, body, status
):
    with ScriptedGeocoder(body, status=status) as broken:
        settings.GEOCODER_URL = broken.url
        first = geocoding.locate("Briouze")
        second = geocoding.locate("Briouze")  # within the minute: the service is not asked
        cache.delete(geocoding.DOWN_KEY)
        third = geocoding.locate("Briouze")

    assert first.source == "directory"
    assert (first.point.y, first.point.x) == pytest.approx((48.69, -0.36))
    assert second == first == third
    assert len(broken.requests) == 2  # nonsense is not cached as an answer


def test_a_broken_answer_for_a_commune_nobody_knows_is_none_without_error(settings):
    with ScriptedGeocoder(b"not json") as broken:
        settings.GEOCODER_URL = broken.url
        assert geocoding.locate("Tinchebray") is None


def test_a_service_too_slow_to_answer_is_treated_as_unavailable(settings, briouze_in_directory):
    settings.GEOCODER_TIMEOUT = 0.2
    answer = b'{"type": "FeatureCollection", "features": []}'
    with ScriptedGeocoder(answer, delay=1.0) as slow:
        settings.GEOCODER_URL = slow.url
        started = time.monotonic()
        located = geocoding.locate("Briouze")

    assert located.source == "directory"
    assert time.monotonic() - started < 1.0


@pytest.mark.django_db
def test_an_unreachable_service_is_not_asked_again_for_a_minute(fake_geocoder, settings):
    PlaceFactory(commune="Messei", lat=48.71, lon=-0.54)
    settings.GEOCODER_URL = "http://127.0.0.1:9"
    assert geocoding.locate("Messei").source == "directory"
    settings.GEOCODER_URL = fake_geocoder.url
    assert geocoding.locate("Briouze") is None  # not known to the directory, service skipped
    assert fake_geocoder.requests == []
    cache.delete(geocoding.DOWN_KEY)
    assert geocoding.locate("Briouze").label.startswith("Briouze")
