"""A host on a phone keeps their listing: photo, opening hours, pin, and the public page."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from playwright.sync_api import expect

from places.accounts.models import Hosting
from places.models import Place
from tests.browser.test_accessibility import BLOCKING
from tests.browser.test_mobile import assert_no_horizontal_scroll
from tests.factories import PlaceFactory, UserFactory, ensure_taxonomy
from tests.images import image_bytes

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture
def hosted(transactional_db, settings, tmp_path):
    """A published place, its host, and the host's phone signed in (a session cookie)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SERVE_MEDIA = True
    ensure_taxonomy()
    place = PlaceFactory(
        slug="la-grange",
        name="La Grange",
        opening_hours="Mo-Fr 09:00-18:00",
        lat=48.7483,
        lon=-0.5694,
    )
    host = UserFactory(name="Camille")
    Hosting.objects.create(place=place, user=host)
    client = Client()
    client.force_login(host)
    return place, client.cookies["sessionid"].value


@pytest.fixture
def host_phone(new_page, live_server, hosted):
    from tests.browser.conftest import PHONE

    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    page.context.add_cookies([{"name": "sessionid", "value": hosted[1], "url": live_server.url}])
    return page


def upload_a_photo(page) -> None:
    photo = image_bytes((1600, 1200), colour=(120, 160, 90))
    page.get_by_label("Choisir des photos").set_input_files(
        files=[{"name": "salle.jpg", "mimeType": "image/jpeg", "buffer": photo}]
    )
    page.get_by_label("Description de « salle.jpg »").fill("La grande salle et ses tables")
    page.get_by_role("button", name="Envoyer les photos").click()
    expect(page.get_by_text("1 photo ajoutée.")).to_be_visible()


def test_a_host_updates_photo_hours_and_pin_on_a_phone_and_sees_the_public_page(host_phone, hosted):
    page, (place, _) = host_phone, hosted
    page.goto("/lieux/la-grange/modifier/")
    assert_no_horizontal_scroll(page)

    upload_a_photo(page)
    expect(page.get_by_label("Description de la photo 1")).to_have_value(
        "La grande salle et ses tables"
    )

    # The hours editor: Saturday morning, and closed on public holidays.
    saturday = page.get_by_role("checkbox", name="Samedi")
    saturday.scroll_into_view_if_needed()
    saturday.check()
    page.get_by_label("Samedi, plage 1 : ouverture").fill("10:00")
    page.get_by_label("Samedi, plage 1 : fermeture").fill("12:30")
    page.get_by_role("checkbox", name="Fermé les jours fériés").check()
    expect(page.locator("#id_opening_hours")).to_have_value(
        "Mo-Fr 09:00-18:00; Sa 10:00-12:30; PH off"
    )
    expect(page.locator("#hours-words")).to_contain_text("10 h – 12 h 30")

    # The pin: tapped somewhere else on the map.
    latitude = page.get_by_label("Latitude")
    before = float(latitude.input_value())
    area = page.locator("#edit-map")
    area.scroll_into_view_if_needed()
    box = area.bounding_box()
    area.tap(position={"x": box["width"] / 2, "y": box["height"] / 2 - 60})
    expect(page.locator("#locate-status")).to_contain_text("Position modifiée")
    after = float(latitude.input_value())
    assert after > before  # higher on the map: further north

    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page).to_have_url(f"{page.url.split('/lieux/')[0]}/lieux/la-grange/")
    photo = page.get_by_role("img", name="La grande salle et ses tables")
    photo.scroll_into_view_if_needed()
    expect(photo).to_be_visible()
    assert "-card.webp" in photo.get_attribute("src") and "320w" in photo.get_attribute("srcset")
    assert photo.get_attribute("loading") == "lazy"
    assert page.evaluate("(img) => img.naturalWidth", photo.element_handle()) > 0
    expect(page.locator(".week")).to_contain_text("10 h – 12 h 30")

    saved = Place.objects.get(pk=place.pk)
    assert saved.opening_hours == "Mo-Fr 09:00-18:00; Sa 10:00-12:30; PH off"
    assert abs(saved.latitude - after) < 1e-6
    assert saved.history.first().history_user.name == "Camille"


def test_the_edit_page_has_no_serious_accessibility_violation_on_a_phone(host_phone, hosted):
    page = host_phone
    page.goto("/lieux/la-grange/modifier/")
    upload_a_photo(page)
    expect(page.locator("#edit-map .leaflet-tile-loaded").first).to_be_attached()
    expect(page.get_by_role("checkbox", name="Lundi")).to_be_visible()

    violations = [v for v in Axe().run(page).response["violations"] if v["impact"] in BLOCKING]
    report = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}; "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in violations
    )
    assert not violations, report


def test_the_hours_editor_follows_the_text_and_says_when_it_cannot(host_phone, hosted):
    page = host_phone
    page.goto("/lieux/la-grange/modifier/")
    text = page.locator("#id_opening_hours")
    expect(page.get_by_role("checkbox", name="Lundi")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Samedi")).not_to_be_checked()

    text.fill("Tu,Th 14:00-18:00; Jul-Aug off")
    expect(page.get_by_role("checkbox", name="Mardi")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Lundi")).not_to_be_checked()
    expect(page.get_by_role("checkbox", name="Juillet")).to_be_checked()
    expect(page.locator("#hours-words")).to_contain_text("14 h – 18 h")

    text.fill("24/7")
    expect(page.get_by_text("Ces horaires utilisent des règles")).to_be_visible()
    expect(page.locator("#hours-words")).not_to_contain_text("fermé")  # open every day
    page.get_by_role("button", name="Repartir de zéro avec l’éditeur").click()
    expect(text).to_have_value("")
    page.get_by_role("checkbox", name="Mercredi").check()
    expect(text).to_have_value("We 09:00-18:00")
    copy = page.get_by_role("button", name="Mêmes horaires que le lundi du mardi au vendredi")
    expect(copy).to_be_disabled()  # a closed Monday would close the whole week
    page.get_by_role("checkbox", name="Lundi").check()
    page.get_by_role("button", name="Mêmes horaires que le lundi du mardi au vendredi").click()
    expect(text).to_have_value("Mo-Fr 09:00-18:00")
