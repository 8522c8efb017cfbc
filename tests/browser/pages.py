"""What the browser tests read on the pages: the map, the list of results, the distances."""

import itertools
import json
import re
from contextlib import contextmanager

from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

# The page's Leaflet map lives in a module's scope. Leaflet's own public hook on map creation
# lets the tests read its centre and zoom, and know whether it is moving and when its markers
# were last drawn, without the application exposing anything.
CATCH_MAPS = """
(() => {
  let leaflet;
  window.__maps = [];
  Object.defineProperty(window, "L", {
    configurable: true,
    get: () => leaflet,
    set: (value) => {
      leaflet = value;
      value?.Map?.addInitHook(function () {
        window.__maps.push(this);
        this.on("movestart", () => { this.moving = true; });
        this.on("moveend", () => { this.moving = false; this.movedAt = performance.now(); });
        // When the markers were last drawn (or cleared).
        new MutationObserver(() => { this.drawnAt = performance.now(); })
          .observe(this.getPane("markerPane"), { childList: true });
      });
    },
  });
  // True once the map has been still (and, with `drawn`, drawn since its last move) for three
  // animation frames in a row: Leaflet starts an animated zoom at the next frame only.
  let rest = { wait: null, key: null, frames: 0 };
  window.__mapAtRest = (drawn, wait) => {
    const map = window.__maps[0];
    const still = map && !map.moving && !map._animatingZoom && (!drawn || (
      map.drawnAt > map.movedAt && document.getElementById("map").dataset.state === "ready"));
    const key = still ? `${map.movedAt}|${map.drawnAt}` : null;
    const same = key !== null && wait === rest.wait && key === rest.key;
    rest = { wait, key, frames: same ? rest.frames + 1 : 0 };
    return rest.frames >= 2;
  };
})();
"""
WAITS = itertools.count()
DISTANCE = re.compile(r"([\d\s,.]+)\s*(km|m)\b")


def open_map(page: Page, query: str = "") -> None:
    """The map page, once its markers are drawn."""
    page.goto(f"/?{query}" if query else "/")
    expect(page.locator("#map")).to_have_attribute("data-state", "ready")


@contextmanager
def new_results(page: Page):
    """Waits, after the block, for the map page's search to swap the list and redraw the map."""
    page.locator("#results").evaluate("results => { results.dataset.stale = 'yes'; }")
    yield
    expect(page.locator("#results[data-stale]")).to_have_count(0)
    expect(page.locator("#map")).to_have_attribute("data-state", "ready")


def map_view(page: Page) -> dict:
    """Centre and zoom of the page's map, once it has stopped moving."""
    page.wait_for_function("(wait) => window.__mapAtRest(false, wait)", arg=next(WAITS))
    return page.evaluate(
        """() => {
          const map = window.__maps[0];
          const c = map.getCenter(), b = map.getBounds();
          return {lat: c.lat, lon: c.lng, zoom: map.getZoom(),
                  south: b.getSouth(), west: b.getWest(), north: b.getNorth(), east: b.getEast()};
        }"""
    )


def shows(view: dict, lat: float, lon: float) -> bool:
    return view["south"] <= lat <= view["north"] and view["west"] <= lon <= view["east"]


def assert_map_drawn_for_its_view(page: Page) -> None:
    """Waits for the map to stand still with its markers drawn for that view; fails if they
    were last drawn before the map's last move (left from an earlier view or zoom)."""
    try:
        page.wait_for_function(
            "(wait) => window.__mapAtRest(true, wait)", arg=next(WAITS), timeout=5_000
        )
    except PlaywrightTimeoutError:
        view = map_view(page)
        raise AssertionError(
            f"the map stopped at zoom {view['zoom']} around {view['lat']:.4f},{view['lon']:.4f} "
            f"but its markers were last drawn before that move: they show an earlier view "
            f"({page.locator('.marker').count()} markers, "
            f"clusters {page.locator('.cluster').all_inner_texts()})"
        ) from None


def places_on_map(page: Page) -> int:
    """Single markers plus the number each cluster says it holds."""
    clusters = page.locator(".cluster").all_inner_texts()
    return page.locator(".marker").count() + sum(int(re.sub(r"\D", "", c)) for c in clusters)


def markers_in_view(page: Page) -> int:
    """Single markers drawn inside the visible part of the map."""
    return page.locator(".marker").evaluate_all(
        """(markers) => {
          const view = document.getElementById("map").getBoundingClientRect();
          return markers.filter((marker) => {
            const box = marker.getBoundingClientRect();
            const x = box.left + box.width / 2, y = box.top + box.height / 2;
            return x >= view.left && x <= view.right && y >= view.top && y <= view.bottom;
          }).length;
        }"""
    )


def marker_colours(page: Page) -> list[str]:
    return page.locator(".marker").evaluate_all(
        "markers => markers.map(m => m.style.getPropertyValue('--marker').trim().toLowerCase())"
    )


def map_config(page: Page) -> dict:
    return json.loads(page.locator("#map-config").text_content())


def card_names(page: Page) -> list[str]:
    return page.locator("#results .place-card h3 a").all_inner_texts()


def distances_km(page: Page) -> list[float]:
    """The distances shown in the list, in kilometres ("à 3,2 km", "à 450 m")."""
    values = []
    for text in page.locator("#results .place-card .distance").all_inner_texts():
        number, unit = DISTANCE.search(text.replace("\u202f", " ").replace("\xa0", " ")).groups()
        value = float(re.sub(r"\s", "", number).replace(",", "."))
        values.append(value if unit == "km" else value / 1000)
    return values


def uncovered_marker(page: Page):
    """A place marker that no other marker covers, as a person would pick one to click."""
    index = page.evaluate(
        """() => [...document.querySelectorAll(".leaflet-marker-icon .marker")].findIndex((m) => {
            const box = m.getBoundingClientRect();
            const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
            return top !== null && m.contains(top);
        })"""
    )
    assert index >= 0, "every place marker is covered by another one"
    return page.locator(".leaflet-marker-icon .marker").nth(index)
