"""The map page: every published place on the map, popups that lead to the place's page."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.pages import (
    assert_map_drawn_for_its_view,
    map_view,
    markers_in_view,
    open_map,
    places_on_map,
    uncovered_marker,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_the_map_shows_every_published_place_as_a_marker_or_in_a_cluster(demo, page):
    published = demo.count()
    assert published == 24

    open_map(page)
    assert_map_drawn_for_its_view(page)

    assert page.locator("#map").get_attribute("data-markers") == str(published)
    assert page.locator(".marker").count() > 0
    assert places_on_map(page) == published


def test_a_marker_popup_links_to_the_place_page(demo, page):
    slugs = set(demo.values_list("slug", flat=True))
    open_map(page)

    uncovered_marker(page).click()

    popup = page.locator(".leaflet-popup")
    expect(popup).to_be_visible()
    link = popup.locator(".popup__name a")
    href = link.get_attribute("href")
    match = re.fullmatch(r"/lieux/([\w-]+)/", href)
    assert match, f"the popup's link goes to {href}"
    assert match[1] in slugs
    name = link.inner_text()

    # Opening the popup pans the map to fit it: on a busy machine the pan can still be
    # moving the link when a pointer click lands, and the click then falls on the map. The
    # link is followed as a keyboard user follows it, wherever the pan has put it.
    link.focus()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(re.escape(href) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def test_clicking_a_cluster_zooms_in_and_shows_the_places_it_held(demo, page):
    open_map(page)
    before = map_view(page)
    cluster = page.locator(".cluster").first
    held = int(cluster.inner_text())

    cluster.click()

    page.wait_for_function(f"() => window.__maps[0].getZoom() > {before['zoom']}")
    assert_map_drawn_for_its_view(page)
    # Zoomed in, the cluster has split: its places are drawn one by one (or in smaller groups).
    expect(page.locator(".cluster").filter(has_text=re.compile(f"^{held}$"))).to_have_count(0)
    assert markers_in_view(page) >= 2
