"""The resource centre's pages: the list and its facets, a resource, its downloads."""

import re

import pytest
from django.urls import reverse

from places.resources.models import DownloadCount, Resource
from tests.factories import PlaceFactory
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def test_the_list_shows_published_resources_and_counts_per_theme(client):
    ResourceFactory(title="Le budget", themes=["financement"])
    ResourceFactory(title="Les statuts", themes=["juridique"])
    ResourceFactory(title="Caché", themes=["juridique"], status=Resource.Status.PENDING)
    page = client.get("/ressources/", {"theme": "juridique"}).content.decode()
    assert "Les statuts" in page and "Le budget" not in page and "Caché" not in page
    assert "1 ressource" in page
    # The theme facet keeps the other themes' counts (a facet ignores its own filter).
    assert re.search(r'id="theme-financement".*?facet__count.*?</span>1</span>', page, re.S)


def test_a_search_without_accents_finds_the_resource_in_the_page(client):
    ResourceFactory(title="Première assemblée générale")
    assert (
        "Première assemblée générale"
        in client.get("/ressources/?q=premiere+assemblee").content.decode()
    )


def test_an_unknown_theme_is_a_form_error_not_a_500(client):
    response = client.get("/ressources/", {"theme": "nope", "kind": "x"})
    assert response.status_code == 200
    assert "Recherche à corriger" in response.content.decode()
    assert "« nope » n’existe pas" in response.content.decode()


def test_a_page_number_out_of_range_gives_the_last_page(client):
    ResourceFactory(title="La seule ressource")
    for number in ("99", "abc"):
        response = client.get("/ressources/", {"page": number})
        assert response.status_code == 200
        assert "La seule ressource" in response.content.decode()


def test_a_resource_page_shows_its_file_type_and_size_in_words_and_its_place(client, statutes):
    place = PlaceFactory(name="La Filature", slug="la-filature", welcomes_founders=True)
    statutes.place = place
    statutes.save()
    related = ResourceFactory(title="Une voisine", themes=["juridique"])
    page = client.get(statutes.get_absolute_url()).content.decode()
    assert re.search(r"\(ODT, \d+ Ko\)", page)
    assert "La Filature" in page and "Une voisine" in page
    assert 'href="/lieux/la-filature/contact/?objet=Demande%20de%20visite"' in page
    assert '"@type": "LearningResource"' in page
    assert related.get_absolute_url() in page


def test_a_pending_resource_is_not_found(client):
    resource = ResourceFactory(status=Resource.Status.PENDING)
    assert client.get(resource.get_absolute_url()).status_code == 404


def test_a_download_is_an_attachment_of_its_real_type_and_is_counted(client, statutes):
    item = statutes.files.get()
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.text"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Cache-Control"] == "no-cache"
    assert response["Content-Disposition"].endswith('.odt"')
    assert b"".join(response.streaming_content).startswith(b"PK")
    client.get(item.get_absolute_url())
    assert DownloadCount.objects.get(resource=statutes).count == 2


def test_a_download_sets_no_cookie_and_keeps_no_address(client, statutes):
    response = client.get(statutes.files.get().get_absolute_url(), REMOTE_ADDR="192.0.2.7")
    assert response.cookies == {}
    assert "Set-Cookie" not in response
    counter = DownloadCount.objects.get(resource=statutes)
    assert [f.name for f in DownloadCount._meta.get_fields()] == ["resource", "count"]
    assert counter.count == 1


def test_a_download_does_not_change_the_resources_data_version(client, statutes):
    from places.resources.selectors import data_version

    before = data_version().version
    client.get(statutes.files.get().get_absolute_url())
    assert data_version().version == before


def test_a_file_of_a_pending_resource_is_not_served(client, statutes):
    statutes.status = Resource.Status.PENDING
    statutes.save()
    assert client.get(statutes.files.get().get_absolute_url()).status_code == 404


def test_a_file_under_another_resource_slug_is_not_served(client, statutes):
    other = ResourceFactory()
    url = reverse("resources:download", kwargs={"slug": other.slug, "pk": statutes.files.get().pk})
    assert client.get(url).status_code == 404


def test_the_place_page_lists_the_resources_it_offers(client):
    place = PlaceFactory(slug="la-grange")
    ResourceFactory(title="Le guide de la Grange", place=place)
    ResourceFactory(title="En attente", place=place, status=Resource.Status.PENDING)
    page = client.get(place.get_absolute_url()).content.decode()
    assert "Ressources proposées par ce lieu" in page
    assert "Le guide de la Grange" in page and "En attente" not in page


def test_the_sitemap_has_a_section_of_resources(client, settings):
    settings.SITE_URL = "https://fabrique.example"
    resource = ResourceFactory()
    assert "sitemap-ressources.xml" in client.get("/sitemap.xml").content.decode()
    section = client.get("/sitemap-ressources.xml").content.decode()
    assert f"https://fabrique.example{resource.get_absolute_url()}" in section


def test_the_place_page_etag_changes_when_a_resource_of_it_changes(client):
    place = PlaceFactory(slug="la-grange")
    before = client.get(place.get_absolute_url())["ETag"]
    ResourceFactory(title="Nouvelle ressource", place=place)
    after = client.get(place.get_absolute_url())
    assert after["ETag"] != before
    assert "Nouvelle ressource" in after.content.decode()


def test_the_related_cards_of_a_resource_page_cost_no_query_each(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    resource = ResourceFactory(title="Les statuts", themes=["juridique"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            page = client.get(resource.get_absolute_url()).content.decode()
        assert page.count("resource-card") == related
        return len(captured.captured_queries)

    related = 1
    ResourceFactory(title="Une voisine", themes=["juridique"], place=PlaceFactory())
    one = queries()
    related = 4
    for n in range(3):
        ResourceFactory(title=f"Voisine {n}", themes=["juridique"], place=PlaceFactory())
    assert queries() == one


def test_a_file_stored_under_another_name_is_downloaded_with_its_real_types_extension(client):
    from django.core.files.base import ContentFile

    from places.resources.models import ResourceFile
    from tests.resources import files

    # As the admin stores an upload: under the name it came with, its type read from content.
    content = files.pdf().read()
    item = ResourceFile(
        resource=ResourceFactory(),
        name="Liste à cocher",
        content_type="application/pdf",
        size=len(content),
    )
    item.file.save("liste.png", ContentFile(content))
    response = client.get(item.get_absolute_url())
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="liste-a-cocher.pdf"'
