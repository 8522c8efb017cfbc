"""The database's limits and derived data: statement timeout, 503s, data versions at commit."""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection, connections, transaction

from places import selectors
from places.models import DataVersion, Place
from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


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


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_database_that_refuses_connections_gives_a_friendly_503(tmp_path):
    """The whole site under gunicorn, its database on a port where nothing listens."""
    port = _free_port()
    # Production settings need the static files' manifest (the error page is in the site's look).
    collected = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0", "--ignore=admin",
         "--ignore=drf_spectacular_sidecar", "--ignore=rest_framework", "--ignore=gis"],
        cwd=ROOT,
        env={**os.environ, "DEBUG": "0", "SECRET_KEY": "x" * 50, "STATIC_ROOT": str(tmp_path)},
        capture_output=True,
        timeout=120,
    )  # fmt: skip
    assert collected.returncode == 0, collected.stderr
    environment = {
        "STATIC_ROOT": str(tmp_path),
        **os.environ,
        "DATABASE_URL": f"postgis://nobody@127.0.0.1:{_free_port()}/nothing",
        "DEBUG": "0",
        "SECRET_KEY": "a-secret-key-long-enough-for-production-settings-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
    }
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "fabrique.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "1",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=environment, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        for path, expected in [
            ("/lieux/", "La base de données ne répond pas"),
            ("/lieux/un-lieu/", "La base de données ne répond pas"),
            ("/api/places/", '"detail"'),
        ]:
            with pytest.raises(urllib.error.HTTPError) as answer:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10)
            assert answer.value.code == 503, path
            assert answer.value.headers["Retry-After"]
            assert expected in answer.value.read().decode(), path
    finally:
        server.terminate()
        server.wait(10)
