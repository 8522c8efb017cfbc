"""The database's limits and derived data: statement timeout, 503s, data versions at commit."""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from places import selectors
from places.models import DataVersion, Place
from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


def test_every_connection_is_bounded_by_the_statement_timeout(settings):
    with connection.cursor() as cursor:
        cursor.execute("SELECT extract(epoch FROM current_setting('statement_timeout')::interval)")
        (seconds,) = cursor.fetchone()
    assert float(seconds) == settings.DB_STATEMENT_TIMEOUT > 0


def _slow_search(*args, **kwargs):
    """A search that the statement timeout cuts short (50 ms against a 2 s sleep)."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = '50ms'")
        cursor.execute("SELECT pg_sleep(2)")


@pytest.mark.parametrize("url", ["/lieux/", "/api/places/", "/api/places.geojson"])
def test_a_query_cut_short_by_the_timeout_answers_503_not_500(client, monkeypatch, url):
    monkeypatch.setattr(selectors, "place_search", _slow_search)
    started = time.monotonic()
    response = client.get(url)
    assert time.monotonic() - started < 1.5  # the database was not held for the sleep
    assert response.status_code == 503
    assert response["Retry-After"]
    if url.startswith("/api/"):
        assert "trop de temps" in response.json()["detail"]
    else:
        assert "trop de temps" in response.content.decode()


def test_the_long_commands_lift_the_timeout_for_themselves():
    from places.db import without_statement_timeout

    with without_statement_timeout(), connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] != "0"


def version() -> int:
    return DataVersion.current(DataVersion.PLACES).version


@pytest.mark.django_db(transaction=True)
def test_a_transaction_bumps_the_version_once_when_it_commits():
    place = PlaceFactory()
    start = version()
    with transaction.atomic():
        for n in range(5):
            Place.objects.filter(pk=place.pk).update(summary=f"Version {n}")
        PlaceFactory(slug="autre")
        assert version() == start  # nothing is visible before the commit
    assert version() == start + 1


@pytest.mark.django_db(transaction=True)
def test_a_long_write_never_makes_other_saves_wait():
    """An import holds its transaction open for minutes: a host's save meanwhile must not
    wait for it (the data version is bumped when each transaction commits)."""
    host_place = PlaceFactory(slug="chez-un-hote")
    start = version()
    writing, finish = threading.Event(), threading.Event()

    def long_import():
        try:
            with transaction.atomic():
                PlaceFactory(slug="importe")
                writing.set()
                finish.wait(10)
        finally:
            connections.close_all()

    importer = threading.Thread(target=long_import)
    importer.start()
    try:
        assert writing.wait(10)
        started = time.monotonic()
        Place.objects.filter(pk=host_place.pk).update(summary="Corrigé par son hôte")
        waited = time.monotonic() - started
        assert waited < 1.0
        assert version() == start + 1  # the host's save is public at once
    finally:
        finish.set()
        importer.join(10)
    assert version() == start + 2
    assert Place.objects.filter(slug="importe").exists()
