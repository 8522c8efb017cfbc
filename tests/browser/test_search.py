"""Searching on the map page: around a town, by type, around me; the URL keeps the search."""

import math
import re

import pytest
from playwright.sync_api import expect

from places.models import Place
from tests.browser.pages import (
    assert_map_drawn_for_its_view,
    card_names,
    distances_km,
    map_config,
    map_view,
    marker_colours,
    new_results,
    open_map,
    places_on_map,
    shows,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

BRIOUZE = (48.6989, -0.3669)
FLERS = (48.75, -0.57)


def kilometres(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance on the sphere, enough to tell near from far."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


def search_around(page, town: str) -> None:
    with new_results(page):
        page.get_by_label("Autour de").fill(town)
        page.get_by_label("Autour de").press("Enter")


def assert_nearest_first(page, *, first_commune: str) -> None:
    cards = page.locator("#results .place-card")
    expect(cards.first).to_be_visible()
    distances = distances_km(page)
    assert len(distances) == cards.count(), "every result shows its distance"
    assert distances == sorted(distances), f"not nearest first: {distances}"
    assert distances[0] < 2
    expect(cards.first.locator(".place-card__meta")).to_contain_text(first_commune)


@pytest.mark.parametrize("where", ["Briouze", "61220"])
def test_searching_around_a_town_orders_the_list_by_distance_and_moves_the_map(
    demo, page, fake_geocoder, where
):
    open_map(page)
    before = map_view(page)
    alphabetical = card_names(page)

    search_around(page, where)

    expect(page).to_have_url(re.compile(rf"[?&]ou={where}(&|$)"))
    expect(page.locator("#results .results__origin")).to_contain_text("Briouze")
    assert_nearest_first(page, first_commune="Briouze")
    assert card_names(page) != alphabetical
    page.wait_for_function(
        "([lat, lon, zoom]) => window.__maps[0].getBounds().contains([lat, lon])"
        " && window.__maps[0].getZoom() > zoom",
        arg=[*BRIOUZE, before["zoom"]],
    )
    after = map_view(page)
    assert shows(after, *BRIOUZE)
    assert kilometres((after["lat"], after["lon"]), BRIOUZE) < kilometres(
        (before["lat"], before["lon"]), BRIOUZE
    )
    assert [r["q"] for r in fake_geocoder.requests] == [where]
    assert_map_drawn_for_its_view(page)


def test_a_town_unknown_to_the_geocoder_but_in_the_directory_still_orders_by_distance(
    demo, page, fake_geocoder
):
    open_map(page)

    search_around(page, "Messei")

    expect(page.locator("#results .results__origin")).to_contain_text("Messei")
    assert_nearest_first(page, first_commune="Messei")
    assert card_names(page)[0] == "Le Jardin du Morin"


def test_an_unknown_town_gives_a_clear_message_in_the_list(demo, page, fake_geocoder):
    open_map(page)

    search_around(page, "Zzzville")

    alert = page.locator("#results").get_by_role("alert")
    expect(alert).to_contain_text("Nous ne trouvons pas « Zzzville »")
    expect(page.get_by_label("Autour de")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#results .place-card")).to_have_count(0)


def test_a_link_to_an_unknown_town_shows_the_message_and_an_empty_map_not_a_failure(
    demo, page, fake_geocoder
):
    page.goto("/?ou=Zzzville")

    expect(page.locator("#results").get_by_role("alert")).to_contain_text(
        "Nous ne trouvons pas « Zzzville »"
    )
    expect(page.get_by_label("Autour de")).to_have_value("Zzzville")
    page.wait_for_function(
        "() => ['ready', 'failed'].includes(document.getElementById('map').dataset.state)"
    )
    # The search is what went wrong, not the map: it stays usable, with nothing to show.
    assert page.locator("#map").get_attribute("data-state") == "ready"
    expect(page.locator("#announce")).not_to_contain_text("n’ont pas pu être affichés")
    expect(page.locator(".marker, .cluster")).to_have_count(0)


def test_ticking_a_type_shows_only_places_of_that_type_on_the_map_and_in_the_list(demo, page):
    fablabs = Place.objects.published().filter(types__slug="fablab").count()
    assert fablabs >= 2
    open_map(page)
    colours = {t["slug"]: t["colour"].lower() for t in map_config(page)["types"].values()}

    page.locator("summary", has_text="Filtres").click()
    with new_results(page):
        page.locator("#type-fablab").check()

    expect(page).to_have_url(re.compile(r"[?&]type=fablab(&|$)"))
    expect(page).to_have_title(re.compile(rf"^{fablabs} lieux — La Fabrique du Bocage"))
    cards = page.locator("#results .place-card")
    expect(cards).to_have_count(fablabs)
    for card in cards.all():
        expect(card.locator(".badge", has_text="Fablab")).to_have_count(1)
    assert page.locator("#map").get_attribute("data-markers") == str(fablabs)
    assert places_on_map(page) == fablabs
    assert marker_colours(page) == [colours["fablab"]] * fablabs, (
        f"fablab is {colours['fablab']}; other colours: "
        f"{ {c: s for s, c in colours.items() if c in marker_colours(page)} }"
    )


def search_state(page) -> dict:
    """What a person sees of a search: the list, the ticked boxes, the fields, the map."""
    assert_map_drawn_for_its_view(page)
    return {
        "names": card_names(page),
        "ticked": page.locator("#search-form input[type=checkbox]:checked").evaluate_all(
            "boxes => boxes.map(box => box.id)"
        ),
        "q": page.get_by_label("Que cherchez-vous ?").input_value(),
        "ou": page.get_by_label("Autour de").input_value(),
        "markers": page.locator("#map").get_attribute("data-markers"),
        "on_map": places_on_map(page),
    }


def test_a_copied_url_opens_the_same_search_in_a_new_page(demo, page, new_page, fake_geocoder):
    open_map(page)
    search_around(page, "Briouze")
    page.locator("summary", has_text="Filtres").click()
    with new_results(page):
        page.locator("#type-ateliers-partages").check()
    expect(page).to_have_url(re.compile(r"type=ateliers-partages"))
    shared = search_state(page)
    assert shared["ticked"] == ["type-ateliers-partages"]
    assert shared["ou"] == "Briouze"
    assert len(shared["names"]) >= 3

    other = new_page()
    open_map(other, page.url.split("?", 1)[1])

    assert search_state(other) == shared
    assert distances_km(other) == distances_km(page) == sorted(distances_km(page))


def test_back_and_forward_buttons_restore_the_previous_searches(demo, page, fake_geocoder):
    open_map(page)
    everything = search_state(page)
    search_around(page, "Briouze")
    around_briouze = search_state(page)
    page.locator("summary", has_text="Filtres").click()
    with new_results(page):
        page.locator("#type-ateliers-partages").check()
    workshops = search_state(page)
    assert len({str(s) for s in (everything, around_briouze, workshops)}) == 3

    with new_results(page):
        page.go_back()
    expect(page).to_have_url(re.compile(r"\?ou=Briouze$"))
    assert search_state(page) == around_briouze

    with new_results(page):
        page.go_back()
    expect(page).to_have_url(re.compile(r"/$"))
    assert search_state(page) == everything

    with new_results(page):
        page.go_forward()
    assert search_state(page) == around_briouze
    with new_results(page):
        page.go_forward()
    assert search_state(page) == workshops


def test_around_me_orders_the_list_from_where_i_am(demo, new_page):
    page = new_page(
        permissions=["geolocation"],
        geolocation={"latitude": FLERS[0], "longitude": FLERS[1]},
    )
    open_map(page)

    with new_results(page):
        page.get_by_role("button", name="Autour de moi").click()

    expect(page).to_have_url(re.compile(r"near=48\.75000%2C-0\.57000|near=48\.75000,-0\.57000"))
    expect(page.locator("#results .results__origin")).to_contain_text("plus proches de vous")
    assert_nearest_first(page, first_commune="Flers")


def test_around_me_refused_says_so_kindly_and_the_search_keeps_working(demo, page):
    open_map(page)
    everything = card_names(page)

    page.get_by_role("button", name="Autour de moi").click()

    expect(page.get_by_role("status").filter(has_text="géolocalisation")).to_contain_text(
        "Vous n’avez pas autorisé la géolocalisation"
    )
    assert card_names(page) == everything
    expect(page.locator("#map")).to_have_attribute("data-state", "ready")
    search_around(page, "Messei")
    assert_nearest_first(page, first_commune="Messei")
