"""The map page works without a mouse: search, results, place pages, "Voir sur la carte"."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.pages import map_view, new_results, open_map

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

# Enough presses to cross the header, the form, the filters and the shortcuts.
MAX_TABS = 60


def popup_link(page):
    """The place's name in the open popup, where the focus goes when it opens."""
    return page.locator(".leaflet-popup .popup__name a")


def tab_to(page, selector: str) -> None:
    """Presses Tab until the focused element matches `selector`, as a keyboard user would."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector):
            return
    focused = page.evaluate("document.activeElement?.outerHTML.slice(0, 120)")
    raise AssertionError(f"{MAX_TABS} presses of Tab never reached {selector}; focus: {focused}")


def test_the_list_works_with_the_keyboard_from_search_to_place_page(demo, page):
    open_map(page)

    tab_to(page, "#id_q")
    with new_results(page):
        page.keyboard.type("fablab")
        page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"[?&]q=fablab(&|$)"))
    first = page.locator("#results .place-card").first
    expect(first.locator(".badge", has_text="Fablab")).to_have_count(1)
    tab_to(page, "#results .place-card a")
    name = page.evaluate("document.activeElement.textContent.trim()")
    assert name == first.locator("h3 a").inner_text()

    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/lieux/[\w-]+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def test_show_on_map_opens_the_place_popup_and_moves_the_focus_into_it(demo, page):
    open_map(page)
    card = page.locator("#results .place-card").nth(2)
    name = card.locator("h3 a").inner_text()
    href = card.locator("h3 a").get_attribute("href")
    card.locator("h3 a").focus()

    page.keyboard.press("Tab")
    expect(card.get_by_role("button", name=re.compile("Voir sur la carte"))).to_be_focused()
    page.keyboard.press("Enter")

    popup = page.locator(".leaflet-popup")
    expect(popup).to_be_visible()
    expect(popup.locator(".popup__name")).to_have_text(name)
    expect(popup.locator(".popup__name a")).to_be_focused()
    assert popup.locator(".popup__name a").get_attribute("href") == href
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def test_escape_closes_the_popup_and_gives_the_focus_back(demo, page):
    open_map(page)
    button = page.locator("#results .show-on-map").first
    button.focus()
    page.keyboard.press("Enter")
    expect(popup_link(page)).to_be_focused()

    page.keyboard.press("Escape")

    expect(page.locator(".leaflet-popup")).to_have_count(0)
    expect(button).to_be_focused()


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_markers_and_clusters_are_pressed_with_the_keyboard(demo, page, key):
    open_map(page)
    page.locator(".leaflet-marker-icon:has(.marker)").first.focus()
    page.keyboard.press(key)
    expect(popup_link(page)).to_be_focused()
    page.keyboard.press("Escape")

    zoom = map_view(page)["zoom"]
    page.locator(".leaflet-marker-icon:has(.cluster)").first.focus()
    page.keyboard.press(key)
    assert map_view(page)["zoom"] > zoom, "a cluster pressed zooms in on its places"
