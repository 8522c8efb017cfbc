"""The site's own middleware: gzip that honours refusals (JSON errors under /api/: api/)."""

import gzip

import pytest

from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept_encoding", "compressed"),
    [("gzip, deflate, br", True), ("gzip;q=0, deflate", False), ("*;q=0, identity", False)],
)
def test_pages_are_gzipped_only_where_the_request_prefers_gzip(client, accept_encoding, compressed):
    PlaceFactory(name="La Grange")
    response = client.get("/lieux/", HTTP_ACCEPT_ENCODING=accept_encoding)
    assert response.status_code == 200
    assert "Accept-Encoding" in response["Vary"]
    assert (response.get("Content-Encoding") == "gzip") is compressed
    html = gzip.decompress(response.content) if compressed else response.content
    assert "La Grange" in html.decode()
