"""/salles-et-materiel/ and the section of a place's page: results in words, links to ask."""

from urllib.parse import quote

import pytest
from django.core.cache import cache

from tests.factories import EquipmentFactory, PlaceFactory, SpaceFactory

pytestmark = pytest.mark.django_db


def test_the_page_lists_spaces_nearest_with_place_distance_capacity_and_price(client):
    place = PlaceFactory(slug="la-filature", name="La Filature")
    far = PlaceFactory(name="Loin", commune="Domfront", lat=48.5922, lon=-0.6464)
    SpaceFactory(place=far, name="Salle lointaine", capacity=30)
    SpaceFactory(
        place=place, name="Salle du métier", capacity=24, price_kind="per_day", price_amount=90
    )
    SpaceFactory(place=place, name="Bulle", capacity=2)
    page = client.get("/salles-et-materiel/", {"capacite": 20, "ou": "Flers"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "2 espaces" in html
    assert html.index("Salle du métier") < html.index("Salle lointaine")
    assert "Bulle" not in html
    assert "24 personnes" in html
    assert "90 € la journée" in html
    assert 'href="/lieux/la-filature/"' in html
    assert html.count('class="distance"') == 2  # "km" alone is in the radius menu too


def test_the_equipment_tab_and_its_kinds(client):
    EquipmentFactory(name="Découpeuse laser", kind="laser_cutter")
    SpaceFactory(name="Salle")
    html = client.get("/salles-et-materiel/", {"quoi": "materiel"}).content.decode()
    assert "Découpeuse laser" in html
    assert "Salle</h3>" not in html
    assert 'name="capacite"' not in html


def test_a_bad_search_is_shown_to_correct_not_a_500(client):
    page = client.get("/salles-et-materiel/", {"capacite": "vingt", "near": "abc"})
    assert page.status_code == 200
    assert 'role="alert"' in page.content.decode()


def test_the_page_paginates(client):
    place = PlaceFactory()
    for n in range(23):
        SpaceFactory(place=place, name=f"Salle {n:02d}")
    first = client.get("/salles-et-materiel/", {"quoi": "salles"}).content.decode()
    assert "Page 1 sur 2" in first
    assert 'rel="next" href="?quoi=salles&amp;page=2"' in first
    second = client.get("/salles-et-materiel/", {"page": 2}).content.decode()
    assert "Salle 22" in second


def test_a_place_page_lists_its_spaces_and_equipment_with_links_to_ask(client):
    place = PlaceFactory(slug="la-grange")
    SpaceFactory(place=place, name="Salle des fêtes", capacity=80, equipment="Scène, sono")
    EquipmentFactory(place=place, name="Camion", kind="van", price_kind="on_request")
    html = client.get("/lieux/la-grange/").content.decode()
    assert "Salle des fêtes" in html and "80 personnes" in html and "Scène, sono" in html
    booking = "objet=" + quote("Demande de réservation : Salle des fêtes", safe="/")
    borrowing = "objet=" + quote("Demande d’emprunt : Camion", safe="/")
    assert f'href="/lieux/la-grange/contact/?{booking}"' in html
    assert f'href="/lieux/la-grange/contact/?{borrowing}"' in html
    assert "Demander à réserver" in html and "Demander à emprunter" in html
    contact = client.get(f"/lieux/la-grange/contact/?{booking}").content.decode()
    assert 'value="Demande de réservation : Salle des fêtes"' in contact
    assert "Tarif sur demande" in html


def test_a_place_without_spaces_has_no_section(client):
    PlaceFactory(slug="rien")
    SpaceFactory(place=PlaceFactory(slug="une-salle"))
    assert "Salles et matériel à partager" in client.get("/lieux/une-salle/").content.decode()
    assert "Salles et matériel à partager" not in client.get("/lieux/rien/").content.decode()


def test_a_place_page_changes_its_etag_when_a_space_changes(client):
    place = PlaceFactory(slug="la-grange")
    first = client.get("/lieux/la-grange/")["ETag"]
    SpaceFactory(place=place)
    assert client.get("/lieux/la-grange/")["ETag"] != first


def test_a_place_page_reads_its_spaces_and_equipment_without_a_query_per_row(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(slug: str) -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as context:
            assert client.get(f"/lieux/{slug}/").status_code == 200
        return len(context)

    one = PlaceFactory(slug="une", wheelchair="yes")
    SpaceFactory(place=one)
    EquipmentFactory(place=one)
    many = PlaceFactory(slug="plusieurs", wheelchair="yes")
    for n in range(4):
        SpaceFactory(place=many, name=f"Salle {n}")
        EquipmentFactory(place=many, name=f"Outil {n}")
    html = client.get("/lieux/plusieurs/").content.decode()
    assert html.count("Lieu accessible en fauteuil") == 8
    assert queries("plusieurs") == queries("une")


def test_a_point_is_named_by_ou_as_on_places(client):
    """The link of a place's page to its neighbours' spaces: `near` is the point, `ou` its
    name only (not looked for: "Nullepartville" would be an error on its own)."""
    SpaceFactory(name="Salle")
    html = client.get(
        "/salles-et-materiel/", {"near": "48.75,-0.57", "ou": "Nullepartville"}
    ).content.decode()
    assert "Les plus proches de Nullepartville d’abord." in html
    assert 'class="distance"' in html
    alone = client.get("/salles-et-materiel/", {"ou": "Nullepartville"}).content.decode()
    assert "Nous ne trouvons pas « Nullepartville »" in alone
