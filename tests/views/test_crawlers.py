"""What search engines and browsers ask of the site: robots.txt, the sitemaps, the favicon."""

import xml.etree.ElementTree as ET
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static

from places.models import Place
from places.sitemaps import PlaceSitemap
from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db

SITE = "https://annuaire.example"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def locations(client, url: str, tag: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml"
    root = ET.fromstring(response.content)
    return [node.findtext("sm:loc", namespaces=NS) for node in root.findall(f"sm:{tag}", NS)]


def sitemap_urls(client) -> list[str]:
    """Every URL of every page of every section the index lists (fetched by path)."""
    urls = []
    for section in locations(client, "/sitemap.xml", "sitemap"):
        assert section.startswith(f"{SITE}/sitemap-"), section
        urls += locations(client, section.removeprefix(SITE), "url")
    return urls


def test_robots_txt_names_the_sitemap_by_its_absolute_url(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert "User-agent: *" in lines and "Disallow: /admin/" in lines
    assert "Disallow: /" not in lines  # the site itself is open to crawlers


def test_the_sitemap_lists_every_published_place_and_the_pages_on_the_site_url(client):
    paris = ZoneInfo("Europe/Paris")
    grange = PlaceFactory(slug="la-grange")
    PlaceFactory(slug="le-fournil")
    PlaceFactory(slug="brouillon", status=Place.Status.DRAFT)
    PlaceFactory(slug="ferme", status=Place.Status.ARCHIVED)
    Place.objects.filter(pk=grange.pk).update(updated_at=datetime(2025, 12, 1, 12, tzinfo=paris))

    urls = sitemap_urls(client)  # asked by http://testserver: the URLs are SITE_URL's all the same

    assert sorted(urls) == sorted(
        f"{SITE}{path}"
        for path in ("/", "/lieux/", "/donnees/", "/mentions-legales/")
        + ("/lieux/la-grange/", "/lieux/le-fournil/")
    )
    places = ET.fromstring(client.get("/sitemap-lieux.xml").content)
    lastmod = {
        node.findtext("sm:loc", namespaces=NS): node.findtext("sm:lastmod", namespaces=NS)
        for node in places.findall("sm:url", NS)
    }
    assert lastmod[f"{SITE}/lieux/la-grange/"] == "2025-12-01"


def test_a_large_directory_is_listed_over_several_sitemap_pages(client, monkeypatch):
    monkeypatch.setattr(PlaceSitemap, "limit", 2)
    for n in range(5):
        PlaceFactory(slug=f"lieu-{n}")
    sections = locations(client, "/sitemap.xml", "sitemap")
    assert f"{SITE}/sitemap-lieux.xml?p=3" in sections
    assert f"{SITE}/sitemap-lieux.xml?p=4" not in sections
    places = [url for url in sitemap_urls(client) if "/lieux/lieu-" in url]
    assert sorted(places) == [f"{SITE}/lieux/lieu-{n}/" for n in range(5)]


@pytest.mark.parametrize(
    "url", ["/sitemap-lieux.xml?p=abc", "/sitemap-lieux.xml?p=99", "/sitemap-nope.xml"]
)
def test_a_sitemap_page_that_does_not_exist_is_a_404(client, url):
    PlaceFactory()
    assert client.get(url).status_code == 404


def test_the_favicon_exists_and_favicon_ico_leads_to_it(client):
    assert finders.find("img/favicon.svg")
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("img/favicon.svg")
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert b"".join(icon.streaming_content).lstrip().startswith(b"<svg")
    assert (
        f'<link rel="icon" href="{static("img/favicon.svg")}"' in client.get("/").content.decode()
    )
