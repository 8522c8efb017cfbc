"""Shared fixtures: real PostGIS, no outside service, a clean cache for every test."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.db import connection

IMMEDIATE_TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    }
}


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path_factory):
    # Map documents are cached by data version, and versions repeat once a test's
    # transaction is rolled back: every test starts with an empty cache.
    cache.clear()
    settings.SECURE_SSL_REDIRECT = False
    # No test reaches the internet: a port where nothing listens unless a fake is asked for.
    settings.GEOCODER_URL = "http://127.0.0.1:9"
    settings.GEOCODER_TIMEOUT = 1.0
    # Tasks run at once, in the test's process (tests/test_tasks.py runs the real worker);
    # uploads land in a folder of the test's own.
    settings.TASKS = IMMEDIATE_TASKS
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _versions_bumped_by_each_statement(request):
    """Data versions are bumped when a transaction commits (deferred triggers), and a test's
    transaction never commits: in it, each statement bumps them instead."""
    if {"transactional_db", "live_server"} & set(request.fixturenames):
        return
    marker = request.node.get_closest_marker("django_db")
    if marker is None and "db" not in request.fixturenames:
        return
    if marker is not None and marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("db")
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class LocalServer:
    """A local HTTP server on 127.0.0.1 standing in for an outside service.

    Subclasses answer `respond(path, query) -> (status, body)`; every request is recorded.
    """

    def __init__(self):
        self.requests: list[dict] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                server.requests.append({"path": url.path, **query})
                status, body = server.respond(url.path, query)
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/geocodage"
        # A short poll so that shutting the server down takes milliseconds, not half a second.
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def respond(self, path: str, query: dict) -> tuple[int, bytes]:
        raise NotImplementedError

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


class FakeGeocoder(LocalServer):
    """The national address API (`/search?q=...&type=municipality`), knowing a few communes."""

    def __init__(self, communes: dict[str, tuple[str, str, float, float]]):
        super().__init__()
        self.communes = communes  # query -> (city, postcode, lat, lon)

    def respond(self, path: str, query: dict) -> tuple[int, bytes]:
        found = self.communes.get(query.get("q", "").lower())
        features = []
        if found and path.endswith("/search"):
            city, postcode, lat, lon = found
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [lon, lat]},
                    "properties": {
                        "label": city,
                        "name": city,
                        "city": city,
                        "postcode": postcode,
                        "type": "municipality",
                        "score": 0.96,
                    },
                }
            )
        return 200, json.dumps({"type": "FeatureCollection", "features": features}).encode()


@pytest.fixture
def fake_geocoder(settings):
    """The fake address API, knowing Briouze and Domfront, wired in through GEOCODER_URL."""
    communes = {
        "briouze": ("Briouze", "61220", 48.6989, -0.3669),
        "61220": ("Briouze", "61220", 48.6989, -0.3669),
        "domfront": ("Domfront en Poiraie", "61700", 48.5911, -0.6392),
    }
    with FakeGeocoder(communes) as fake:
        settings.GEOCODER_URL = fake.url
        yield fake
