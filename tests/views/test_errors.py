"""Error pages: in the site's look, in French, telling nothing of the server or the request.

The tests without `django_db` run with the database out of reach (pytest-django refuses any
query): those pages render without it.
"""

import pytest
from django.test import Client

LEAKS = ("Traceback", "settings", "SECRET_KEY", "/srv/", "DEBUG", "ALLOWED_HOSTS", "Exception")


def assert_error_page(response, *, status: int, heading: str) -> str:
    assert response.status_code == status
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert f"<h1>{heading}</h1>" in html
    # The site's look: its stylesheet, its header, a way back to the map.
    assert "/static/css/site.css" in html and 'class="site-header"' in html
    assert 'href="/">Retour à la carte</a>' in html
    for leak in LEAKS:
        assert leak not in html, leak
    return html


def test_an_unknown_address_is_a_french_404_that_repeats_nothing_of_it(client):
    response = client.get("/nulle-part/%3Cscript%3Ealert(1)%3C/script%3E/")
    html = assert_error_page(response, status=404, heading="Cette page n’existe pas (ou plus)")
    assert "nulle-part" not in html and "<script>alert" not in html


@pytest.mark.django_db
def test_an_unpublished_place_is_the_same_404_without_the_reason(client):
    response = client.get("/lieux/brouillon-secret/")
    html = assert_error_page(response, status=404, heading="Cette page n’existe pas (ou plus)")
    assert "brouillon-secret" not in html
    assert "Aucun lieu publié ne porte cet identifiant" not in html


@pytest.fixture
def failing_site(settings):
    settings.ROOT_URLCONF = "tests.views.failing_urls"
    return Client(raise_request_exception=False)


def test_a_server_error_is_a_french_500_that_needs_no_database(failing_site):
    html = assert_error_page(
        failing_site.get("/en-panne/"), status=500, heading="Le site a rencontré un problème"
    )
    assert "RuntimeError" not in html and "le-secret" not in html


def test_a_refusal_is_a_french_403_without_its_reason(failing_site):
    html = assert_error_page(
        failing_site.get("/interdit/"), status=403, heading="Vous n’avez pas accès à cette page"
    )
    assert "raison interne" not in html


def test_a_form_sent_without_its_csrf_token_is_a_french_403():
    response = Client(enforce_csrf_checks=True).post("/i18n/setlang/", {"language": "en"})
    html = assert_error_page(response, status=403, heading="Ce formulaire n’a pas pu être vérifié")
    assert "CSRF" not in html


def test_a_host_not_allowed_is_a_french_400_under_production_settings(client, settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["annuaire.example"]
    settings.SECURE_SSL_REDIRECT = True  # as in production: the host is checked all the same
    response = client.get("/", HTTP_HOST="pirate.example")
    html = assert_error_page(response, status=400, heading="Cette demande n’a pas pu être comprise")
    assert "pirate.example" not in html
