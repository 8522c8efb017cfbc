"""Shared fixtures: real PostGIS, no outside service, a clean cache for every test."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _isolated(settings):
    # Map documents are cached by data version, and versions repeat once a test's
    # transaction is rolled back: every test starts with an empty cache.
    cache.clear()
    settings.SECURE_SSL_REDIRECT = False
    # No test reaches the internet: a port where nothing listens unless a fake is asked for.
    settings.GEOCODER_URL = "http://127.0.0.1:9"
    settings.GEOCODER_TIMEOUT = 1.0
    yield
    cache.clear()


class FakeGeocoder:
    """A local stand-in of the national address API (`/search?q=...&type=municipality`)."""

    def __init__(self, communes: dict[str, tuple[str, str, float, float]]):
        self.communes = communes  # query -> (city, postcode, lat, lon)
        self.requests: list[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                fake.requests.append({"path": url.path, **query})
                found = fake.communes.get(query.get("q", "").lower())
                features = []
                if found and url.path.endswith("/search"):
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
                body = json.dumps({"type": "FeatureCollection", "features": features}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/geocodage"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


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
