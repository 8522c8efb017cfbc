"""The founder's path: stages in order with their resources, mentor places by distance."""

import re

import pytest

from places.resources.models import Stage
from tests.factories import PlaceFactory
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db

FLERS = (48.7483, -0.5694)


def mentor_names(page: str) -> list[str]:
    return re.findall(r'class="mentor__name">([^<]+)<', page)


def test_the_stages_come_in_the_order_of_a_project_with_their_checklists(client):
    page = client.get("/ressources/parcours/").content.decode()
    labels = [s.label for s in Stage.objects.order_by("position")]
    assert labels == ["Idée", "Émergence", "Préfiguration", "Ouverture", "Consolidation"]
    positions = [page.index(f'id="etape-{s.slug}-title"') for s in Stage.objects.all()]
    assert positions == sorted(positions)
    assert page.count('type="checkbox"') >= 5 * 3
    assert "pop.eu.com" in page and "francetierslieux.fr" in page


def test_each_stage_lists_its_published_resources(client):
    from places.resources.models import Resource

    ResourceFactory(title="Tester hors les murs", stages=["prefiguration"])
    ResourceFactory(
        title="Encore en attente", stages=["prefiguration"], status=Resource.Status.PENDING
    )
    page = client.get("/ressources/parcours/").content.decode()
    section = page[page.index('id="etape-prefiguration"') : page.index('id="etape-ouverture"')]
    assert "Tester hors les murs" in section
    assert "Encore en attente" not in page


def test_mentor_places_are_ordered_by_distance_from_near_with_the_km(client):
    PlaceFactory(name="Loin", welcomes_founders=True, lat=48.59, lon=-0.64)  # Domfront
    PlaceFactory(name="Près", welcomes_founders=True, lat=48.75, lon=-0.57)  # Flers
    PlaceFactory(name="Moyen", welcomes_founders=True, lat=48.70, lon=-0.37)  # Briouze
    PlaceFactory(name="Sans accueil", welcomes_founders=False, lat=48.7483, lon=-0.5694)
    page = client.get("/ressources/parcours/", {"near": "48.7483,-0.5694"}).content.decode()
    assert mentor_names(page) == ["Près", "Moyen", "Loin"]
    assert re.search(r"à \d+ m|à 0,\d km", page)
    assert "Demander une visite" in page
    assert re.search(r'href="/lieux/tiers-lieu-\d+/contact/\?objet=Demande%20de%20visite', page)


def test_mentor_places_are_ordered_from_a_town_as_places_resolve_it(client, fake_geocoder):
    PlaceFactory(name="À Flers", welcomes_founders=True, lat=48.75, lon=-0.57)
    PlaceFactory(name="À Briouze", welcomes_founders=True, lat=48.70, lon=-0.37)
    page = client.get("/ressources/parcours/", {"ou": "Briouze"}).content.decode()
    assert mentor_names(page) == ["À Briouze", "À Flers"]
    assert "Les plus proches de Briouze (61220) d’abord." in page


def test_a_bad_point_is_a_message_on_the_page_not_a_500(client):
    PlaceFactory(name="Un mentor", welcomes_founders=True)
    response = client.get("/ressources/parcours/", {"near": "abc"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert mentor_names(response.content.decode()) == ["Un mentor"]


def test_the_path_page_has_a_print_stylesheet(client):
    page = client.get("/ressources/parcours/").content.decode()
    assert "resources" in page and "css/resources" in page
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "static" / "css" / "resources.css").read_text()
    assert "@media print" in css
