"""/recherche/: one search across the site, grouped by kind, each group ranked and linked."""

import re

import pytest

from places.resources import site_search
from places.resources.models import Resource
from tests.factories import PlaceFactory
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def test_places_and_resources_come_in_their_own_groups_in_order(client):
    PlaceFactory(name="Atelier du Bocage", slug="atelier-du-bocage")
    ResourceFactory(title="Ouvrir un atelier partagé", slug="ouvrir-un-atelier")
    ResourceFactory(title="Caché", body="atelier", status=Resource.Status.PENDING)
    page = client.get("/recherche/", {"q": "atelier"}).content.decode()
    places = page.index('id="groupe-lieux"')
    resources = page.index('id="groupe-ressources"')
    assert places < resources
    assert (
        page.index("/lieux/atelier-du-bocage/")
        < resources
        < page.index("/ressources/ouvrir-un-atelier/")
    )
    assert "Caché" not in page
    assert 'href="/lieux/?q=atelier"' in page and 'href="/ressources/?q=atelier"' in page
    assert "2 résultats pour « atelier »" in page


def test_each_group_is_ranked_by_its_own_search():
    ResourceFactory(title="Un guide", body="Le compost au jardin partagé.")
    ResourceFactory(title="Compost partagé")
    [_, _, resources] = site_search.site_search(text="compost")
    assert [hit.title for hit in resources.hits] == ["Compost partagé", "Un guide"]
    assert resources.count == 2


def test_accents_and_typos_are_found_as_in_each_list():
    PlaceFactory(name="La Fabrique numérique", slug="fabrique")
    ResourceFactory(title="Réussir son assemblée générale")
    groups = {g.slug: g for g in site_search.site_search(text="assemblee generale")}
    assert [h.title for h in groups["ressources"].hits] == ["Réussir son assemblée générale"]
    groups = {g.slug: g for g in site_search.site_search(text="numerique")}
    assert [h.title for h in groups["lieux"].hits] == ["La Fabrique numérique"]


def test_a_group_is_one_function_of_a_list():
    assert [
        site_search.places_group,
        site_search.events_group,
        site_search.resources_group,
    ] == site_search.GROUPS


def test_upcoming_events_come_between_places_and_resources_each_once(client):
    from datetime import timedelta

    from django.utils import timezone

    from places.events.recurrence import PARIS
    from tests.factories import make_event

    place = PlaceFactory(name="La Grange", slug="la-grange")
    make_event(
        place=place, title="Atelier compost", slug="atelier-compost", rule="FREQ=WEEKLY;COUNT=4"
    )
    make_event(
        place=place,
        title="Atelier passé",
        slug="atelier-passe",
        start=(timezone.now() - timedelta(days=3)).astimezone(PARIS),
    )
    ResourceFactory(title="Guide du compost", slug="guide-compost")
    page = client.get("/recherche/", {"q": "compost"}).content.decode()
    events = page.index('id="groupe-evenements"')
    assert page.index('id="groupe-lieux"') < events < page.index('id="groupe-ressources"')
    section = page[events : page.index('id="groupe-ressources"')]
    assert section.count('href="/agenda/atelier-compost/"') == 1  # four dates, one event
    assert "La Grange" in section and "Atelier passé" not in page
    assert 'href="/agenda/?q=compost"' in section


def test_an_empty_search_shows_the_form_only(client):
    response = client.get("/recherche/", {"q": "  "})
    assert response.status_code == 200
    assert 'id="groupe-lieux"' not in response.content.decode()


def test_a_long_or_strange_text_is_no_500(client):
    assert client.get("/recherche/", {"q": "%" * 500}).status_code == 200
    assert client.get("/recherche/", {"q": "'); DROP TABLE x; --"}).status_code == 200


def test_the_header_search_box_opens_the_site_search(client):
    page = client.get("/ressources/").content.decode()
    form = re.search(r'<form class="site-search" action="([^"]+)"[^>]*role="search"', page)
    assert form and form.group(1) == "/recherche/"
    assert 'name="q" id="site-search-q"' in page
