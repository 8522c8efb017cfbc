"""No JavaScript error on the main pages (the `console_errors` fixture fails the test)."""

import pytest
from playwright.sync_api import expect

from tests.browser.pages import open_map, uncovered_marker

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_the_console_watch_catches_logged_and_uncaught_errors(page, console_errors):
    page.goto("about:blank")
    with page.context.expect_event("weberror"):
        page.evaluate("setTimeout(() => { throw new Error('uncaught on purpose'); })")
    with page.context.expect_event("console"):
        page.evaluate("console.error('logged on purpose')")

    assert len(console_errors) == 2
    assert "uncaught on purpose" in console_errors[0]
    assert "logged on purpose" in console_errors[1]
    console_errors.clear()  # seen: this test's own errors must not fail it


def test_map_tiles_are_served_locally_and_nothing_else_leaves_the_machine(page, console_errors):
    page.goto("about:blank")
    tile = page.evaluate(
        """async () => {
          const image = new Image();
          image.src = "https://a.tile.openstreetmap.fr/osmfr/12/2040/1408.png";
          await image.decode();
          return [image.naturalWidth, image.naturalHeight];
        }"""
    )
    assert tile == [1, 1]
    assert console_errors == []  # a tile is answered, not refused: no error

    with page.context.expect_event("console"):
        blocked = page.evaluate(
            "fetch('https://example.org/').then(() => 'reached', () => 'blocked')"
        )
    assert blocked == "blocked"
    assert len(console_errors) == 1
    console_errors.clear()  # the refusal this test asked for


def test_the_map_the_list_and_a_place_page_log_no_javascript_error(demo, page):
    open_map(page)
    expect(page.locator(".leaflet-tile-loaded").first).to_be_attached()
    uncovered_marker(page).click()
    expect(page.locator(".leaflet-popup")).to_be_visible()

    page.goto("/lieux/")
    expect(page.locator("#results .place-card").first).to_be_visible()

    page.goto(demo.first().get_absolute_url())
    expect(page.locator("#place-map .leaflet-tile-loaded").first).to_be_attached()
