"""/donnees/: the whole directory as GeoJSON and CSV downloads, as export_places writes them."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from places.models import Place
from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(settings):
    settings.SITE_URL = "https://annuaire.example"
    PlaceFactory(
        slug="la-filature",
        name="La Filature",
        phone="+33 2 33 00 00 00",
        summary="=2+5",
        email="secret@filature.example",
    )
    PlaceFactory(slug="le-jardin", name="Le Jardin")
    PlaceFactory(slug="brouillon", status=Place.Status.DRAFT)


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_data_page_links_both_downloads_and_states_the_licence(client):
    html = client.get("/donnees/").content.decode()
    assert 'href="/donnees/lieux.geojson"' in html
    assert 'href="/donnees/lieux.csv"' in html
    assert "ODbL" in html and "opendatacommons.org/licenses/odbl" in html
    # The other open data: the agenda's feed and API, what places share, the resources.
    for path in ["/agenda.ics", "/api/events/", "/api/spaces/", "/api/resources/"]:
        assert f'href="{path}"' in html


def test_the_geojson_download_is_the_export_with_its_licence_and_absolute_urls(
    client, directory, tmp_path
):
    response = client.get("/donnees/lieux.geojson")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert response["Content-Disposition"] == 'attachment; filename="lieux.geojson"'
    assert 'rel="license"' in response["Link"]
    content = body(response)
    document = json.loads(content)
    assert document["type"] == "FeatureCollection"
    assert document["licence"] == "ODbL-1.0"
    assert [f["properties"]["slug"] for f in document["features"]] == ["la-filature", "le-jardin"]
    assert document["features"][0]["properties"]["url"] == (
        "https://annuaire.example/lieux/la-filature/"
    )
    assert b"secret@filature.example" not in content
    exported = tmp_path / "lieux.geojson"
    call_command("export_places", str(exported), stdout=io.StringIO())
    assert content == exported.read_bytes()


def test_the_csv_download_is_the_export_with_formulas_neutralised(client, directory, tmp_path):
    response = client.get("/donnees/lieux.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="lieux.csv"'
    content = body(response)
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"), newline="")))
    assert [r["slug"] for r in rows] == ["la-filature", "le-jardin"]
    assert rows[0]["phone"] == "'+33 2 33 00 00 00"
    assert rows[0]["summary"] == "'=2+5"
    exported = tmp_path / "lieux.csv"
    call_command("export_places", str(exported), stdout=io.StringIO())
    assert content == exported.read_bytes()


@pytest.mark.parametrize("path", ["/donnees/lieux.geojson", "/donnees/lieux.csv"])
def test_a_download_is_revalidated_by_its_data_version(client, directory, path):
    first = client.get(path)
    etag, last_modified = first["ETag"], first["Last-Modified"]

    assert client.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(path, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304

    PlaceFactory(slug="nouveau", name="Nouveau lieu")
    changed = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert b"nouveau" in body(changed)


def test_a_download_is_built_once_per_data_version(
    client, directory, django_assert_max_num_queries
):
    body(client.get("/donnees/lieux.csv"))

    with django_assert_max_num_queries(1):  # the data version, then the stored file
        again = client.get("/donnees/lieux.csv")
    assert b"la-filature" in body(again)


def test_older_versions_of_a_download_are_removed_and_the_other_format_kept(
    client, directory, settings
):
    body(client.get("/donnees/lieux.csv"))
    body(client.get("/donnees/lieux.geojson"))
    PlaceFactory(slug="nouveau")
    body(client.get("/donnees/lieux.csv"))

    names = sorted(p.name for p in (Path(settings.MEDIA_ROOT) / "donnees").iterdir())
    assert len(names) == 2
    assert names[0].endswith(".csv") and names[1].endswith(".geojson")
    assert names[0] != names[1].replace(".geojson", ".csv")  # the CSV is of a newer version


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_downloads_cannot_be_written_to(client, directory, method):
    assert getattr(client, method)("/donnees/lieux.csv").status_code == 405
