"""On a 360 px phone, what a tick or a shortcut changes is in view: the filters' panel and
its count, the results, the badge of active filters. Wide screens keep ticks applied at once;
without JavaScript the filters are a plain form."""

import re

import pytest
from playwright.sync_api import expect

from places.models import Place
from tests.browser.conftest import PHONE
from tests.browser.pages import new_results, open_map

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

IN_VIEW = """(element) => {
  const box = element.getBoundingClientRect();
  return box.height > 0 && box.top >= 0 && box.left >= 0
    && box.bottom <= innerHeight && box.right <= innerWidth;
}"""


def assert_in_view(page, locator) -> None:
    """The element's box lies inside the viewport (once a smooth scroll has brought it)."""
    page.wait_for_function(IN_VIEW, arg=locator.element_handle())
    box, view = locator.bounding_box(), page.viewport_size
    assert box["y"] >= 0 and box["y"] + box["height"] <= view["height"], (box, view)
    assert box["x"] >= 0 and box["x"] + box["width"] <= view["width"], (box, view)


def count(**lookups) -> int:
    return Place.objects.published().filter(**lookups).distinct().count()


def see(n: int) -> str:
    return f"Voir les {n} lieux" if n > 1 else f"Voir {n} lieu"


def lieux(n: int) -> str:
    return f"{n} lieux" if n > 1 else f"{n} lieu"


def see_button(page):
    return page.get_by_role("button", name=re.compile(r"^Voir (les )?\d+ lieux?$"))


def open_panel(page) -> None:
    page.locator("#filters summary").tap()
    expect(see_button(page)).to_be_visible()


def test_on_a_phone_the_panel_counts_the_ticks_in_view_then_shows_the_places(demo, phone_page):
    page = phone_page
    total, fablabs = demo.count(), count(types__slug="fablab")
    assert 1 < fablabs < total
    open_map(page)

    open_panel(page)

    button = see_button(page)
    expect(button).to_have_text(see(total))
    assert_in_view(page, button)
    # The panel takes the screen; the page behind is out of reach.
    panel = page.locator("#filters").bounding_box()
    assert (panel["x"], panel["y"], panel["width"], panel["height"]) == (0, 0, 360, 740)
    assert page.locator("#id_q").evaluate("(field) => field.closest('[inert]') !== null")

    page.locator("label[for=type-fablab]").tap()

    expect(button).to_have_text(see(fablabs))
    assert_in_view(page, button)
    expect(page.locator("#filters-badge")).to_have_text("1 actif")
    expect(page.locator("#filters-status")).to_have_text(lieux(fablabs))
    assert page.url.endswith("/")  # counted, not applied yet

    with new_results(page):
        button.tap()

    expect(page).to_have_url(re.compile(r"/\?type=fablab$"))
    expect(button).to_be_hidden()
    title = page.locator("#results-title")
    expect(title).to_have_text(lieux(fablabs))
    assert_in_view(page, title)
    expect(title).to_be_focused()
    expect(page.locator("#filters-badge")).to_have_text("1 actif")
    assert not page.locator("#id_q").evaluate("(field) => field.closest('[inert]') !== null")


def test_quick_ticks_ask_for_one_count_and_say_it_once(demo, phone_page):
    page = phone_page
    expected = count(types__slug__in=["fablab", "coworking"], services__slug="wifi")
    assert expected > 0
    open_map(page)
    open_panel(page)
    asked = []
    page.on("request", lambda r: asked.append(r.url) if "/lieux/resultats/" in r.url else None)
    page.evaluate(
        """() => {
          const status = document.getElementById("filters-status");
          window.said = [];
          new MutationObserver(() => window.said.push(status.textContent))
            .observe(status, { childList: true, characterData: true, subtree: true });
          for (const id of ["type-fablab", "type-coworking", "service-wifi"]) {
            document.getElementById(id).click();
          }
        }"""
    )

    expect(see_button(page)).to_have_text(see(expected))
    expect(page.locator("#filters-badge")).to_have_text("3 actifs")
    assert page.evaluate("window.said") == [lieux(expected)]
    assert len(asked) == 1, asked


def test_the_panel_works_with_the_keyboard_and_escape_puts_the_ticks_back(demo, phone_page):
    page = phone_page
    open_map(page)
    summary = page.locator("#filters summary")
    summary.focus()

    page.keyboard.press("Enter")

    close = page.get_by_role("button", name="Fermer les filtres sans les appliquer")
    expect(close).to_be_visible()
    page.keyboard.press("Tab")
    expect(close).to_be_focused()
    page.keyboard.press("Tab")
    first = page.locator("#filters input[type=checkbox]").first
    expect(first).to_be_focused()
    page.keyboard.press("Space")
    expect(first).to_be_checked()
    expect(page.locator("#filters-badge")).to_have_text("1 actif")
    # Tab goes round the panel only: nothing behind it takes the focus.
    outside = []
    for _ in range(45):
        page.keyboard.press("Tab")
        where = page.evaluate(
            """() => document.activeElement === document.body
                     || document.activeElement.closest('#filters') !== null
                     || document.activeElement.outerHTML.slice(0, 80)"""
        )
        if where is not True:
            outside.append(where)
    assert outside == []

    page.keyboard.press("Escape")

    expect(see_button(page)).to_be_hidden()
    expect(summary).to_be_focused()
    expect(first).not_to_be_checked()
    expect(page.locator("#filters-badge")).to_be_hidden()
    expect(see_button(page)).to_have_count(0)  # hidden with the panel closed
    assert page.url.endswith("/")


def test_on_a_phone_a_shortcut_brings_its_count_into_view_with_the_badge_right(demo, phone_page):
    page = phone_page
    makers = count(types__slug__in=["fablab", "ateliers-partages"])
    workers = count(types__slug="coworking")
    open_map(page)

    with new_results(page):
        page.get_by_role("link", name="Fabriquer").tap()

    title = page.locator("#results-title")
    expect(title).to_have_text(lieux(makers))
    assert_in_view(page, title)
    expect(page.locator("#filters-badge")).to_have_text("2 actifs")

    with new_results(page):
        page.get_by_role("link", name="Travailler").tap()

    expect(title).to_have_text(lieux(workers))
    assert_in_view(page, title)
    expect(page.locator("#filters-badge")).to_have_text("1 actif")


def test_on_a_phone_the_list_page_opens_on_the_results_of_a_shortcut_or_the_panel(demo, phone_page):
    page = phone_page
    workers = count(types__slug="coworking")
    mentors = count(types__slug="coworking", welcomes_founders=True)
    assert 0 < mentors < workers
    page.goto("/lieux/?q=atelier")
    expect(page.locator("#filters-badge")).to_be_hidden()  # a text is not a filter

    page.get_by_role("link", name="Travailler").tap()

    expect(page).to_have_url(re.compile(r"/lieux/\?type=coworking#results$"))
    title = page.locator("#results-title")
    expect(title).to_have_text(lieux(workers))
    assert_in_view(page, title)
    expect(page.locator("#filters-badge")).to_have_text("1 actif")

    open_panel(page)
    page.get_by_label("Accueille les porteurs de projet").check()
    expect(see_button(page)).to_have_text(see(mentors))
    assert_in_view(page, see_button(page))
    see_button(page).tap()

    expect(page).to_have_url(re.compile(r"/lieux/\?type=coworking&porteurs=1#results$"))
    expect(title).to_have_text(lieux(mentors))
    assert_in_view(page, title)
    expect(page.locator("#filters-badge")).to_have_text("2 actifs")


def test_on_a_wide_screen_ticks_apply_at_once_and_the_badge_follows(demo, page):
    open_map(page)
    page.locator("#filters summary").click()
    expect(page.locator("#type-fablab")).to_be_visible()
    assert page.locator("#filters").bounding_box()["width"] < 600  # inline, in its column
    expect(see_button(page)).to_be_hidden()

    with new_results(page):
        page.locator("#type-fablab").check()

    expect(page).to_have_url(re.compile(r"\?type=fablab$"))
    expect(page.locator("#filters-badge")).to_have_text("1 actif")
    with new_results(page):
        page.get_by_role("link", name="Fabriquer").click()
    expect(page.locator("#filters-badge")).to_have_text("2 actifs")
    assert not page.locator("#map").evaluate("(map) => map.closest('[inert]') !== null")


@pytest.mark.parametrize("path", ["/", "/lieux/"])
def test_without_javascript_the_filters_are_a_plain_form_with_an_apply_button(demo, new_page, path):
    page = new_page(viewport=PHONE, java_script_enabled=False)
    mentors = count(welcomes_founders=True)
    page.goto(path)

    page.locator("#filters summary").click()
    page.get_by_label("Accueille les porteurs de projet").check()
    page.get_by_role("button", name="Appliquer les filtres").click()

    expect(page).to_have_url(re.compile(rf"{re.escape(path)}\?.*porteurs=1"))
    expect(page.locator("#results-title")).to_have_text(lieux(mentors))
    expect(page.locator("#filters-badge")).to_have_text("1 actif")
    expect(page.locator("#results .place-card")).to_have_count(min(mentors, 20))
