"""A proposal on a phone: someone signed in proposes a place and places its pin, a
coordinator publishes it from the moderation queue, and it is on /lieux/; axe finds no
serious or critical violation on the proposal form nor on the queue."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Permission
from django.test import Client
from playwright.sync_api import expect

from places.models import Place
from tests.browser.conftest import PHONE
from tests.browser.test_accessibility import assert_no_serious_violation
from tests.browser.test_mobile import assert_no_horizontal_scroll
from tests.factories import PlaceFactory, UserFactory, ensure_taxonomy

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def people(transactional_db):
    """An author and a coordinator, each with a session; a published place for the list."""
    ensure_taxonomy()
    PlaceFactory(slug="la-grange", name="La Grange")
    author = UserFactory(name="Alix")
    coordinator = UserFactory(is_staff=True, name="Coordination")
    coordinator.user_permissions.set(Permission.objects.filter(codename="change_place"))
    sessions = {}
    for role, user in {"author": author, "coordinator": coordinator}.items():
        client = Client()
        client.force_login(user)
        sessions[role] = client.cookies["sessionid"].value
    return sessions


@pytest.fixture
def phone_of(new_page, live_server, people):
    def make(role: str):
        page = new_page(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
        cookie = {"name": "sessionid", "value": people[role], "url": live_server.url}
        page.context.add_cookies([cookie])
        return page

    return make


@pytest.fixture(scope="module")
def axe():
    return Axe()


def fill_the_proposal(page) -> None:
    page.get_by_label("Nom").fill("Le Moulin des Possibles")
    page.get_by_label("En une phrase").fill("Un atelier partagé au bord de l’eau.")
    page.get_by_role("checkbox", name="Fablab / makerspace").check()
    page.get_by_label("Commune").fill("Briouze")
    saturday = page.get_by_role("checkbox", name="Samedi")
    saturday.scroll_into_view_if_needed()
    saturday.check()
    page.get_by_label("Samedi, plage 1 : ouverture").fill("10:00")
    page.get_by_label("Samedi, plage 1 : fermeture").fill("18:00")
    expect(page.locator("#id_opening_hours")).to_have_value("Sa 10:00-18:00")
    # No address known to the geocoder: the pin, tapped on the map.
    area = page.locator("#edit-map")
    area.scroll_into_view_if_needed()
    box = area.bounding_box()
    area.tap(position={"x": box["width"] / 2, "y": box["height"] / 2})
    expect(page.locator("#locate-status")).to_contain_text("Position modifiée")


def test_someone_proposes_a_place_on_a_phone_and_a_coordinator_publishes_it(phone_of, axe):
    page = phone_of("author")
    page.goto("/lieux/proposer/")
    assert_no_horizontal_scroll(page)
    fill_the_proposal(page)
    page.get_by_role("button", name="Proposer ce lieu").click()

    expect(page).to_have_url(
        f"{page.url.split('/lieux/')[0]}/lieux/le-moulin-des-possibles/modifier/"
    )
    expect(page.get_by_text("est proposé")).to_be_visible()
    place = Place.objects.get(slug="le-moulin-des-possibles")
    assert place.status == Place.Status.PENDING and place.opening_hours == "Sa 10:00-18:00"
    assert 48 < place.latitude < 49.5 and -1.5 < place.longitude < 0.5
    page.goto("/lieux/")
    expect(page.locator("#results")).not_to_contain_text("Le Moulin des Possibles")

    queue = phone_of("coordinator")
    queue.goto("/espace-hote/moderation/")
    assert_no_horizontal_scroll(queue)
    expect(queue.get_by_role("heading", name="Le Moulin des Possibles")).to_be_visible()
    assert_no_serious_violation(axe, queue)
    queue.get_by_role("button", name="Publier Le Moulin des Possibles").click()
    expect(queue.get_by_role("status").or_(queue.locator(".messages"))).to_contain_text("publié")

    page.goto("/lieux/")
    expect(page.locator("#results")).to_contain_text("Le Moulin des Possibles")
    assert Place.objects.get(pk=place.pk).status == Place.Status.PUBLISHED


def test_the_proposal_form_has_no_serious_accessibility_violation_on_a_phone(phone_of, axe):
    page = phone_of("author")
    page.goto("/lieux/proposer/")
    expect(page.locator("#edit-map .leaflet-tile-loaded").first).to_be_attached()
    expect(page.get_by_role("checkbox", name="Lundi")).to_be_visible()

    assert_no_serious_violation(axe, page)
