"""On a 360 px wide phone: no sideways scrolling, the map shows, the search is at hand."""

import pytest
from playwright.sync_api import expect

from tests.browser.pages import open_map

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def assert_no_horizontal_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    wider = page.evaluate(
        """() => [...document.querySelectorAll("body *")]
              .filter((e) => e.getBoundingClientRect().right > innerWidth + 0.5)
              .slice(0, 5).map((e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
                               + (e.className && e.className.baseVal === undefined
                                  ? "." + String(e.className).trim().replace(/\\s+/g, ".")
                                  : ""))"""
    )
    assert width <= 360, f"the page is {width} px wide; wider than the screen: {wider}"


def test_the_map_page_fits_a_phone_screen_with_the_map_and_the_search_at_hand(demo, phone_page):
    page = phone_page
    open_map(page)

    assert_no_horizontal_scroll(page)
    map_box = page.locator("#map").bounding_box()
    assert map_box["width"] >= 300 and map_box["height"] >= 200, map_box
    where = page.get_by_label("Autour de")
    where.tap()
    expect(where).to_be_focused()
    expect(where).to_be_in_viewport()
    page.locator("#map").scroll_into_view_if_needed()
    expect(page.locator("#map")).to_be_in_viewport()
    expect(page.locator(".marker").first).to_be_visible()


def test_a_place_page_fits_a_phone_screen(demo, phone_page):
    page = phone_page
    page.goto(demo.first().get_absolute_url())
    expect(page.locator("#place-map .leaflet-tile-loaded").first).to_be_attached()

    assert_no_horizontal_scroll(page)
    expect(page.get_by_role("heading", level=1)).to_be_in_viewport()
    place_map = page.locator("#place-map")
    place_map.scroll_into_view_if_needed()
    expect(place_map).to_be_in_viewport()
    assert place_map.bounding_box()["width"] >= 280
