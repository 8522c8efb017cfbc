"""A place's e-mail address (and its hosts') appears on no face of the site: pages, API,
open data downloads, exports, JSON-LD, sitemap, the contact pages themselves."""

import io

from django.core import mail
from django.core.management import call_command

PLACE_ADDRESS = "secret-lieu@example.com"
HOST_ADDRESS = "hote-secret@example.com"


def _assert_hidden(text: str, where: str) -> None:
    assert PLACE_ADDRESS not in text, where
    assert HOST_ADDRESS not in text, where
    assert "secret-lieu" not in text and "hote-secret" not in text, where


def test_no_page_nor_document_shows_a_place_or_host_address(client, place, host, send, tmp_path):
    send(place)  # a message sent does not leak them either
    faces = [
        f"/lieux/{place.slug}/",
        f"/lieux/{place.slug}/contact/",
        f"/lieux/{place.slug}/contact/?objet=x",
        f"/lieux/{place.slug}/contact/envoye/",
        "/",
        "/lieux/",
        "/lieux/?q=grange",
        "/lieux/resultats/",
        "/api/places/",
        f"/api/places/{place.slug}/",
        "/api/places.geojson",
        "/api/places/markers.json",
        f"/api/places/markers/{place.pk}/",
        "/api/schema/",
        "/donnees/",
        "/donnees/lieux.csv",
        "/donnees/lieux.geojson",
        "/sitemap.xml",
        "/sitemap-lieux.xml",
    ]
    # Faces that say nothing of the place by name (an index, the schema, compact markers).
    without_slug = {"/api/places/markers.json", "/api/schema/", "/donnees/", "/sitemap.xml"}
    for path in faces:
        response = client.get(path)
        assert response.status_code == 200, path
        body = b"".join(response.streaming_content) if response.streaming else response.content
        _assert_hidden(body.decode(), path)
        if path not in without_slug:
            assert place.slug in body.decode(), path  # the place is there, without its address
    page = client.get(f"/lieux/{place.slug}/").text
    assert "application/ld+json" in page  # the JSON-LD was looked at too

    for name in ["lieux.csv", "lieux.geojson"]:
        call_command("export_places", str(tmp_path / name), stdout=io.StringIO())
        _assert_hidden((tmp_path / name).read_text(), name)

    [copy] = [m for m in mail.outbox if m.to == ["visiteuse@example.net"]]
    _assert_hidden(copy.message().as_string(), "the sender's copy")
