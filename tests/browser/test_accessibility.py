"""axe-core finds no serious or critical accessibility violation on the main pages."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.pages import open_map

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe():
    return Axe()


def assert_no_serious_violation(axe, page) -> None:
    violations = [v for v in axe.run(page).response["violations"] if v["impact"] in BLOCKING]
    report = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}; "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        + (f" … and {len(v['nodes']) - 5} more" if len(v["nodes"]) > 5 else "")
        for v in violations
    )
    assert not violations, f"axe on {page.url}:\n{report}"


def test_the_map_page_has_no_serious_accessibility_violation(demo, page, axe):
    open_map(page)
    expect(page.locator(".leaflet-tile-loaded").first).to_be_attached()

    assert_no_serious_violation(axe, page)


def test_the_list_page_has_no_serious_accessibility_violation(demo, page, axe):
    page.goto("/lieux/")
    expect(page.locator("#results .place-card").first).to_be_visible()

    assert_no_serious_violation(axe, page)


def test_a_place_page_has_no_serious_accessibility_violation(demo, page, axe):
    page.goto(demo.first().get_absolute_url())
    expect(page.locator("#place-map .leaflet-tile-loaded").first).to_be_attached()

    assert_no_serious_violation(axe, page)


@pytest.mark.parametrize("path", ["/", "/lieux/"])
def test_the_filters_panel_on_a_phone_has_no_serious_accessibility_violation(
    demo, phone_page, axe, path
):
    page = phone_page
    page.goto(path)
    expect(page.locator("#results .place-card").first).to_be_attached()
    page.locator("#filters summary").tap()
    page.locator("label[for=type-fablab]").tap()
    expect(page.locator("#filters-badge")).to_have_text("1 actif")
    expect(page.locator("#filters-apply")).to_be_visible()

    assert_no_serious_violation(axe, page)
