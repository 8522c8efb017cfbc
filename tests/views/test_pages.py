"""The HTML pages: the map with its list, the list, a place, the legal pages."""

import json
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from places.models import DataVersion, Place
from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


def test_the_map_page_lists_every_published_place_and_configures_the_map(client):
    PlaceFactory(name="La Grange", types=["fablab"])
    PlaceFactory(name="Le Brouillon", status="draft")
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="map"' in html
    assert "La Grange" in html and "Le Brouillon" not in html
    config = json.loads(re.search(r'id="map-config"[^>]*>(.*?)</script>', html).group(1))
    assert config["urls"]["markers"] == "/api/places/markers.json"
    assert config["tiles"]["url"].startswith("https://")
    assert "openstreetmap" in config["tiles"]["attribution"].lower()
    assert {t["slug"] for t in config["types"].values()} >= {"fablab", "recyclerie", "autre"}
    assert config["count"] == 1
    # The markers come after first paint, not inline in the page.
    assert "coordinates" not in html
    # Leaflet and its plugins from our own static files.
    assert re.findall(r'src="(https?:)?//', html) == []


def test_the_map_page_title_says_what_the_search_shows(client):
    PlaceFactory(name="Le Fablab des Prés", types=["fablab"])
    PlaceFactory(name="La Grange", types=["coworking"])
    site = "La Fabrique du Bocage — tiers-lieux du Pays du Bocage ornais"

    def title(url: str) -> str:
        return re.search(r"<title>(.*?)</title>", client.get(url).content.decode()).group(1)

    assert title("/") == site
    assert title("/?type=fablab") == f"1 lieu — {site}"
    assert title("/?q=fablab") == f"1 lieu · « fablab » — {site}"
    assert title("/?near=91,0") == f"Recherche à corriger — {site}"
    # The results the map page's script swaps in carry the title to set.
    results = client.get("/lieux/resultats/?q=zzzz").content.decode()
    assert f'data-title="Aucun lieu · « zzzz » — {site}"' in results


def test_the_map_page_has_the_legend_and_the_intent_shortcuts(client):
    html = client.get("/").content.decode()
    for label in ("Travailler", "Se réunir", "Fabriquer", "Réparer", "Manger", "Se cultiver"):
        assert label in html
    assert "?type=coworking" in html
    assert 'class="legend"' in html and "Recyclerie / repair café" in html


def test_the_list_page_paginates(client):
    for n in range(25):
        PlaceFactory(slug=f"lieu-{n:02d}")
    first = client.get("/lieux/")
    assert len(first.context["page"].object_list) == 20
    assert 'rel="next"' in first.content.decode()
    assert len(client.get("/lieux/?page=2").context["page"].object_list) == 5


def test_the_pages_links_keep_the_search(client):
    for n in range(25):
        PlaceFactory(slug=f"lieu-{n:02d}", types=["fablab"])
    first = client.get("/lieux/", {"type": "fablab", "page": 1}).content.decode()
    assert 'rel="next" href="?type=fablab&amp;page=2"' in first
    assert 'rel="prev"' not in first
    second = client.get("/lieux/", {"type": "fablab", "page": 2}).content.decode()
    assert 'rel="prev" href="?type=fablab&amp;page=1"' in second
    assert "Page 2 sur 2" in second and 'rel="next"' not in second


def test_a_place_page_says_everything_in_words(client):
    PlaceFactory(
        slug="la-grange",
        name="La Grange",
        summary="Un atelier partagé au cœur du bocage.",
        description="## Histoire\n\nUne **grange** restaurée.\n\n- bois\n- métal",
        address="3 rue des Haies",
        postcode="61100",
        phone="02 33 00 00 00",
        website="https://example.org/grange",
        opening_hours="Mo-Fr 09:00-18:00; PH off",
        types=["ateliers-partages"],
        services=["wifi", "pret-outils"],
        welcomes_founders=True,
        is_demo=True,
    )
    response = client.get("/lieux/la-grange/")
    html = response.content.decode()
    assert "<title>La Grange · Flers — La Fabrique du Bocage</title>" in html
    assert '<meta name="description" content="Un atelier partagé au cœur du bocage.">' in html
    assert "<strong>grange</strong>" in html and "<li>bois</li>" in html
    for text in (
        "Ateliers artisanaux partagés",
        "Wifi",
        "Prêt d’outils",
        "3 rue des Haies",
        "tel:0233000000",
        "Accueille les porteurs",
        "Lieu fictif",
        'id="place-map"',
    ):
        assert text in html, text
    assert "Mo-Fr 09:00-18:00; PH off" in html
    assert response.context["hours_status"].label in {"Ouvert maintenant", "Fermé"}


def test_a_place_page_shows_open_now_and_the_next_change(client, monkeypatch):
    paris = ZoneInfo("Europe/Paris")
    monday_ten = datetime(2026, 11, 30, 10, 0, tzinfo=paris)
    monkeypatch.setattr(timezone, "now", lambda: monday_ten)
    PlaceFactory(slug="ouvert", opening_hours="Mo-Fr 09:00-18:00")
    html = client.get("/lieux/ouvert/").content.decode()
    assert "Ouvert maintenant" in html
    assert "ferme à 18 h" in html
    saturday = datetime(2026, 12, 5, 10, 0, tzinfo=paris)
    monkeypatch.setattr(timezone, "now", lambda: saturday)
    html = client.get("/lieux/ouvert/").content.decode()
    assert "Fermé" in html and "ouvre lundi à 9 h" in html


def test_a_place_page_writes_its_dates_one_way_1er_decembre(client, monkeypatch):
    paris = ZoneInfo("Europe/Paris")
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 11, 30, 10, 0, tzinfo=paris))
    PlaceFactory(slug="ouvert", opening_hours="Mo-Fr 09:00-18:00")
    Place.objects.filter(slug="ouvert").update(
        updated_at=datetime(2025, 12, 1, 12, 0, tzinfo=paris)
    )
    html = client.get("/lieux/ouvert/").content.decode()
    assert '<th scope="row">Mardi 1er décembre</th>' in html  # the week of opening hours
    assert "Fiche mise à jour le 1er décembre 2025." in html
    assert not re.search(r"\b1 décembre", html)
    english = client.get("/lieux/ouvert/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<th scope="row">Tuesday 1 December</th>' in english
    assert "Listing updated on 1 December 2025." in english


def test_a_place_page_has_schema_org_json_ld(client):
    PlaceFactory(
        slug="la-grange", name="La Grange", lat=48.75, lon=-0.57, opening_hours="Mo-Su 09:00-12:00"
    )
    html = client.get("/lieux/la-grange/").content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    )
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Place"
    assert data["name"] == "La Grange"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 48.75, "longitude": -0.57}
    assert data["address"]["addressLocality"] == "Flers"
    assert data["url"].endswith("/lieux/la-grange/")
    assert len(data["openingHoursSpecification"]) == 7


@pytest.mark.parametrize("status", ["draft", "pending", "archived"])
def test_unpublished_places_are_not_found(client, status):
    PlaceFactory(slug="cachee", status=status)
    response = client.get("/lieux/cachee/")
    assert response.status_code == 404
    assert "Cette page n’existe pas" in response.content.decode()


def test_user_text_cannot_inject_markup_or_script(client):
    PlaceFactory(
        slug="piege",
        name="</script><script>alert(1)</script>",
        summary='"><img src=x onerror=alert(2)>',
        description="<script>alert(3)</script> [lien](javascript:alert(4)) <iframe src=x></iframe>",
    )
    for url in ("/lieux/piege/", "/", "/lieux/"):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
        assert "javascript:alert" not in html, url
        assert "<iframe" not in html, url


def test_the_legal_and_data_pages_exist(client, settings):
    settings.LEGAL_HOSTING = "Hébergeur Exemple SAS\n1 rue du Serveur, 75000 Paris"
    html = client.get("/mentions-legales/").content.decode()
    assert "Mentions légales" in html
    assert "Hébergeur Exemple SAS<br>1 rue du Serveur" in html
    html = client.get("/donnees/").content.decode()
    assert "ODbL" in html and "/api/places.geojson" in html


def test_every_page_shares_the_network_identity(client):
    PlaceFactory(slug="la-grange")
    for url in ("/", "/lieux/", "/lieux/la-grange/", "/donnees/", "/mentions-legales/"):
        html = client.get(url).content.decode()
        assert "La Fabrique du Bocage" in html
        assert "Coop des Territoires" in html
        assert 'lang="fr"' in html
        assert "/static/css/site.css" in html


def test_the_site_can_be_read_in_english(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'lang="en"' in html
    # The catalog is compiled by `make` (compilemessages): the interface reads in English.
    assert "<span>Search</span>" in html and "Rechercher" not in html


def test_pages_only_answer_reads(client):
    assert client.post("/").status_code == 405
    assert client.post("/lieux/").status_code == 405


def test_the_list_page_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for n in range(20):
        PlaceFactory(slug=f"lieu-{n:02d}", types=["fablab", "coworking"], services=["wifi"])
    client.get("/lieux/")  # facet counts are cached per data version
    # session-less page: taxonomy (2), version, count, page, the page's types
    with django_assert_max_num_queries(6):
        assert client.get("/lieux/").status_code == 200


def test_a_place_page_is_revalidated_with_etag_and_last_modified(client, django_assert_num_queries):
    place = PlaceFactory(slug="la-grange", opening_hours="24/7")
    first = client.get("/lieux/la-grange/")
    assert first.status_code == 200
    etag, modified = first["ETag"], first["Last-Modified"]
    with django_assert_num_queries(2):  # the place's revision and the other data versions
        again = client.get("/lieux/la-grange/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert client.get("/lieux/la-grange/", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    # The place changes: the page is sent again, with a new ETag.
    place.summary = "Un nouveau résumé."
    place.save()
    changed = client.get("/lieux/la-grange/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "Un nouveau résumé." in changed.content.decode()


def test_a_place_page_etag_follows_the_other_concepts_data(client):
    """Its events, resources or rooms change: the page is sent again, though the place is
    the same."""
    PlaceFactory(slug="la-grange")
    first = client.get("/lieux/la-grange/")
    later = timezone.now() + timedelta(minutes=5)
    DataVersion.objects.update_or_create(
        concept="events", defaults={"version": 7, "changed_at": later}
    )
    again = client.get("/lieux/la-grange/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and again["ETag"] != first["ETag"]
    assert again["Last-Modified"] != first["Last-Modified"]


def test_a_place_page_etag_follows_open_now_the_day_and_the_language(client, monkeypatch):
    paris = ZoneInfo("Europe/Paris")
    PlaceFactory(slug="ouvert", opening_hours="Mo-Fr 09:00-18:00")
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 11, 30, 10, 0, tzinfo=paris))
    open_now = client.get("/lieux/ouvert/")["ETag"]
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 11, 30, 11, 0, tzinfo=paris))
    assert client.get("/lieux/ouvert/")["ETag"] == open_now  # nothing shown has changed
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 11, 30, 19, 0, tzinfo=paris))
    closed = client.get("/lieux/ouvert/", HTTP_IF_NONE_MATCH=open_now)
    assert closed.status_code == 200 and "Fermé" in closed.content.decode()
    english = client.get("/lieux/ouvert/", HTTP_ACCEPT_LANGUAGE="en")
    assert english["ETag"] != closed["ETag"]
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 12, 1, 19, 0, tzinfo=paris))
    assert client.get("/lieux/ouvert/")["ETag"] != closed["ETag"]  # another week of hours


def test_a_place_page_seen_signed_in_is_kept_by_that_browser_alone(client):
    from tests.factories import UserFactory

    PlaceFactory(slug="la-grange")
    assert client.get("/lieux/la-grange/")["Cache-Control"] == "public, no-cache"
    client.force_login(UserFactory(name="Camille"))
    response = client.get("/lieux/la-grange/")
    assert response["Cache-Control"] == "private, no-cache"
    assert "Camille" in response.content.decode()
