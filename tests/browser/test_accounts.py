"""On a 360 px phone: a demo host signs in, reaches their dashboard, makes an API token and
signs out; axe finds no serious or critical violation on the sign-in page and the dashboard."""

import io
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import expect

from places.accounts.demo import ACCOUNTS
from tests.browser.test_accessibility import assert_no_serious_violation
from tests.browser.test_mobile import assert_no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
HOST = ACCOUNTS[0]


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.fixture
def demo_host(demo):
    call_command("load_demo_accounts", "--demo-accounts", stdout=io.StringIO())
    return HOST


def test_a_host_signs_in_on_a_phone_and_finds_their_places(demo_host, phone_page, axe):
    page = phone_page
    page.goto("/")
    page.get_by_role("link", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Connexion", level=1)).to_be_visible()
    assert_no_horizontal_scroll(page)
    assert_no_serious_violation(axe, page)

    page.get_by_label("Courriel").fill(demo_host.email)
    page.get_by_label("Mot de passe").fill(demo_host.password)
    page.get_by_label("Mot de passe").press("Enter")

    expect(page.get_by_role("heading", name="Mon espace hôte", level=1)).to_be_visible()
    account = page.get_by_role("navigation", name="Mon compte")
    expect(account).to_contain_text("Camille")
    places = page.locator(".host-place h3")
    expect(places).to_have_text(["La Filature Commune", "Les Ateliers de la Vée", "Répar’Vère"])
    expect(
        page.get_by_role("link", name="Modifier la fiche La Filature Commune")
    ).to_have_attribute("href", "/lieux/la-filature-commune/modifier/")
    expect(page.locator("#mes-propositions + ul")).to_contain_text("Les Ateliers de la Vée")
    assert_no_horizontal_scroll(page)
    assert_no_serious_violation(axe, page)


def test_a_host_makes_a_token_and_signs_out_with_the_keyboard(demo_host, phone_page, axe):
    page = phone_page
    page.goto("/compte/login/")
    page.get_by_label("Courriel").fill(demo_host.email)
    page.get_by_label("Mot de passe").fill(demo_host.password)
    page.get_by_role("button", name="Connexion").click()

    page.get_by_label("Nom du jeton").fill("Tableur")
    page.get_by_role("button", name="Créer le jeton").click()
    key = page.get_by_label("Clé du jeton")
    expect(key).to_be_visible()
    assert len(key.input_value()) >= 40
    expect(page.get_by_role("button", name="Révoquer Tableur")).to_be_visible()
    assert_no_serious_violation(axe, page)

    sign_out = page.get_by_role("button", name="Se déconnecter")
    sign_out.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Se connecter")).to_be_visible()
    page.goto("/espace-hote/")
    expect(page).to_have_url(re.compile(r"/compte/login/\?next=/espace-hote/$"))
