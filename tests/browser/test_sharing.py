"""On a phone, a visitor finds a room for 20 near Flers, opens its place and asks to book it:
the host receives the request."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from places.accounts.models import Hosting
from places.models import Place
from tests.browser.test_mobile import assert_no_horizontal_scroll
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_a_room_for_20_near_flers_on_a_phone_then_ask_to_book_it(demo, phone_page, settings):
    settings.CONTACT_MIN_SECONDS = 0  # a test types faster than a person
    for place in Place.objects.filter(commune="Flers"):
        Hosting.objects.create(
            place=place, user=UserFactory(email=f"hote-{place.slug}@example.org")
        )
    page = phone_page
    page.goto("/salles-et-materiel/")
    assert_no_horizontal_scroll(page)
    page.get_by_label("Pour combien de personnes ?").fill("20")
    page.get_by_label("Autour de").fill("Flers")
    search = page.get_by_role("search", name="Chercher une salle ou du matériel")
    search.get_by_role("button", name="Rechercher").click()
    expect(page).to_have_url(re.compile(r"capacite=20"))
    first = page.locator("#results .shared-card").first
    expect(first).to_contain_text("Flers")
    expect(first).to_contain_text(re.compile(r"\d+ personnes"))
    capacity = int(re.search(r"(\d+) personnes", first.inner_text())[1])
    assert capacity >= 20
    room = first.locator("h3").inner_text()
    assert_no_horizontal_scroll(page)

    first.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    slug = re.search(r"/lieux/([^/]+)/$", page.url)[1]
    section = page.get_by_role("region", name="Salles et matériel à partager")
    expect(section).to_contain_text(room)
    ask = section.get_by_role("link", name=f"Demander à réserver : {room}")
    expect(ask).to_be_visible()
    href = ask.get_attribute("href")
    assert href.startswith(f"/lieux/{slug}/contact/?objet=")
    assert "Demande%20de%20r%C3%A9servation" in href
    assert_no_horizontal_scroll(page)

    ask.click()
    expect(page.get_by_label("Objet")).to_have_value(f"Demande de réservation : {room}")
    page.get_by_label("Votre nom").fill("Léa Martin")
    page.get_by_label("Votre adresse électronique").fill("lea@example.net")
    page.get_by_label("Votre message").fill("Bonjour, la salle est-elle libre mardi soir ?")
    page.get_by_role("button", name=re.compile("Envoyer")).click()
    expect(page.get_by_role("heading", name="Message envoyé")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/lieux/{slug}/contact/envoye/"))
    [received] = [m for m in mail.outbox if m.to == [f"hote-{slug}@example.org"]]
    assert room in received.subject
    assert "mardi soir" in received.body
    assert received.reply_to == ["lea@example.net"]


def test_the_room_sentence_in_the_place_search_finds_the_places_with_a_big_room(demo, phone_page):
    page = phone_page
    page.goto("/lieux/")
    page.get_by_label("Que cherchez-vous ?").fill("une salle pour 20 personnes près de Flers")
    page.get_by_label("Que cherchez-vous ?").press("Enter")
    results = page.locator("#results")
    expect(results).to_contain_text("Une salle pour 20 personnes")
    first = results.locator(".place-card").first
    expect(first).to_contain_text("Flers")
    expect(results).not_to_contain_text("Aucun lieu")


@pytest.mark.parametrize(
    "path", ["/salles-et-materiel/?capacite=20&ou=Flers", "/lieux/la-marmite-flerienne/"]
)
def test_the_sharing_pages_have_no_serious_accessibility_violation(demo, phone_page, path):
    from axe_playwright_python.sync_playwright import Axe

    from tests.browser.test_accessibility import assert_no_serious_violation

    phone_page.goto(path)
    expect(phone_page.get_by_role("heading", level=1)).to_be_visible()
    assert_no_horizontal_scroll(phone_page)
    assert_no_serious_violation(Axe(), phone_page)
