"""On a 360 px phone: a visitor opens a place, « Contacter ce lieu », sends a booking
request, and the host's mail holds it with the visitor as Reply-To; a visitor corrects a
listing and its host accepts the difference. Axe finds nothing serious on these pages."""

import io
import time

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from places.accounts.demo import ACCOUNTS
from places.models import Place
from tests.browser.test_accessibility import assert_no_serious_violation
from tests.browser.test_mobile import assert_no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
HOST = ACCOUNTS[0]  # hosts La Filature Commune
VISITOR = "lea.martin@example.net"


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.fixture
def demo_host(demo, settings):
    call_command("load_demo_accounts", "--demo-accounts", stdout=io.StringIO())
    settings.CONTACT_MIN_SECONDS = 0.5
    return HOST


def test_a_visitor_writes_to_a_place_from_a_phone_and_its_host_receives_it(
    demo_host, phone_page, axe
):
    page = phone_page
    page.goto("/lieux/la-filature-commune/")
    page.get_by_role("link", name="Contacter ce lieu").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Contacter « La Filature Commune »")
    assert_no_horizontal_scroll(page)
    assert_no_serious_violation(axe, page)
    page.get_by_label("Votre nom").fill("Léa Martin")
    page.get_by_label("Votre adresse électronique").fill(VISITOR)
    page.get_by_label("Objet").fill("Demander à réserver la salle de réunion")
    page.get_by_label("Votre message").fill(
        "Bonjour, est-elle libre mardi soir pour 20 personnes ?"
    )
    time.sleep(0.6)  # a person takes longer than the robots' check
    page.get_by_role("button", name="Envoyer le message").click()

    expect(page.get_by_role("status")).to_contain_text("Votre message part vers les hôtes")
    [to_host] = [m for m in mail.outbox if m.to == [demo_host.email]]
    assert to_host.reply_to == [VISITOR]
    assert to_host.subject == "[La Filature Commune] Demander à réserver la salle de réunion"
    assert "mardi soir pour 20 personnes" in to_host.body
    assert any(m.to == [VISITOR] for m in mail.outbox)  # the copy


def test_a_visitor_corrects_a_listing_and_its_host_accepts_it(demo_host, phone_page, axe):
    page = phone_page
    page.goto("/lieux/la-filature-commune/")
    page.get_by_role("link", name="Signaler une erreur").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Signaler une erreur")
    assert_no_horizontal_scroll(page)
    assert_no_serious_violation(axe, page)
    page.get_by_label("Téléphone").fill("02 33 64 99 99")
    page.get_by_label("Un commentaire pour les hôtes").fill("Nouveau numéro depuis juin.")
    page.get_by_label("Votre adresse électronique").fill(VISITOR)
    time.sleep(0.6)
    page.get_by_role("button", name="Envoyer la correction").click()
    expect(page.get_by_role("status")).to_contain_text("vont la relire")

    page.goto("/compte/login/")
    page.get_by_label("Courriel").fill(demo_host.email)
    page.get_by_label("Mot de passe").fill(demo_host.password)
    page.get_by_label("Mot de passe").press("Enter")
    expect(page.get_by_role("heading", name="Corrections proposées")).to_be_visible()
    page.get_by_role("link", name="La Filature Commune").last.click()

    expect(page.locator(".diff ins")).to_contain_text(["99 99"])
    assert_no_horizontal_scroll(page)
    assert_no_serious_violation(axe, page)
    page.get_by_role("button", name="Accepter et corriger la fiche").click()
    expect(page.get_by_role("status")).to_contain_text("Suggestion acceptée")
    assert Place.objects.get(slug="la-filature-commune").phone == "02 33 64 99 99"
