"""The edit page: only a place's hosts and the coordinators; the whole listing, validated."""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url

from places.models import Place
from tests.accounts.editing.conftest import edit_data, snapshot
from tests.factories import PlaceFactory, place_type, service

pytestmark = pytest.mark.django_db
URL = "/lieux/la-grange/modifier/"


def test_a_signed_out_visitor_is_sent_to_sign_in_and_back(client, place):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url == f"{resolve_url(settings.LOGIN_URL)}?next={URL}"


@pytest.mark.parametrize("who", ["stranger", "other_host"])
def test_someone_signed_in_who_does_not_host_it_gets_a_403_in_the_sites_look(
    client, place, request, who
):
    client.force_login(request.getfixturevalue(who))
    response = client.get(URL)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Vous n’avez pas accès à cette page" in html and 'class="site-header"' in html


@pytest.mark.parametrize("who", ["host", "coordinator"])
def test_its_hosts_and_the_coordinators_open_the_whole_listing(client, place, request, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    html = response.content.decode()
    for name in ("name", "summary", "description", "types", "services", "address", "postcode",
                 "commune", "latitude", "longitude", "opening_hours", "phone", "email",
                 "website", "social_links", "welcomes_founders"):  # fmt: skip
        assert f'name="{name}"' in html, name
    assert 'value="48.7483"' in html and 'value="-0.5694"' in html
    assert 'id="edit-map"' in html and 'id="edit-config"' in html
    assert 'accept="image/*"' in html and "multiple" in html
    assert "Les sept prochains jours" in html  # the hours in words


def test_an_unknown_place_is_a_404_for_someone_signed_in(client, stranger):
    client.force_login(stranger)
    assert client.get("/lieux/nulle-part/modifier/").status_code == 404


def test_a_host_saves_the_whole_listing_and_sees_the_public_page_updated(client, place, host):
    client.force_login(host)
    data = edit_data(
        place,
        name="La Grange du Bocage",
        summary="Coworking et atelier.",
        description="## Horaires d’été\n\nOuvert **tout l’été**.",
        types=[place_type("fablab").pk, place_type("coworking").pk],
        services=[service("impression").pk],
        address="12 rue des Prés",
        postcode="61100",
        commune="Flers",
        latitude="48.750000",
        longitude="-0.570000",
        opening_hours="Mo-Fr 09:00-12:00,14:00-18:00; Sa 10:00-12:00; Aug off; PH off",
        phone="02 33 00 00 00",
        email="contact@lagrange.example",
        website="lagrange.example",
        social_links="https://www.facebook.com/lagrange\n\nhttps://mastodon.social/@lagrange\n",
        welcomes_founders="on",
    )
    response = client.post(URL, data)
    assert response.status_code == 302 and response.url == "/lieux/la-grange/"

    place = Place.objects.get(pk=place.pk)
    assert place.name == "La Grange du Bocage"
    assert place.website == "https://lagrange.example"
    assert place.social_links == [
        "https://www.facebook.com/lagrange",
        "https://mastodon.social/@lagrange",
    ]
    assert (round(place.latitude, 6), round(place.longitude, 6)) == (48.75, -0.57)
    assert sorted(t.slug for t in place.types.all()) == ["coworking", "fablab"]
    assert [s.slug for s in place.services.all()] == ["impression"]
    assert place.welcomes_founders and place.email == "contact@lagrange.example"

    page = client.get(response.url)
    html = page.content.decode()
    assert "La Grange du Bocage" in html and html.count("Fiche enregistrée.") == 1
    assert "<h4>Horaires d’été</h4>" in html  # the description's heading, demoted
    assert "10 h – 12 h" in html  # Saturday in words
    assert "facebook.com/lagrange" in html and "contact@lagrange.example" not in html


def test_saving_keeps_one_version_naming_the_host_with_its_types_and_services(client, place, host):
    before = place.history.count()
    client.force_login(host)
    client.post(URL, edit_data(place, summary="Nouveau résumé", types=[place_type("fablab").pk]))
    versions = place.history.order_by("-history_date")
    assert versions.count() == before + 1
    latest = versions.first()
    assert latest.history_user == host and latest.summary == "Nouveau résumé"
    assert [row.placetype.slug for row in latest.types.all()] == ["fablab"]
    delta = latest.diff_against(versions[1])
    assert {change.field for change in delta.changes} == {"summary", "types"}


@pytest.mark.parametrize("who", [None, "stranger", "other_host"])
def test_a_save_by_anyone_else_is_refused_and_changes_nothing(client, place, request, who):
    before = snapshot(place)
    if who:
        client.force_login(request.getfixturevalue(who))
    response = client.post(URL, edit_data(place, name="Piratée", description="<script>x</script>"))
    assert response.status_code == (403 if who else 302)
    assert snapshot(place) == before


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"opening_hours": "lundi 9h-18h"}, "opening_hours", "syntaxe OpenStreetMap"),
        ({"latitude": "91"}, "latitude", "inférieure ou égale à 90"),
        ({"longitude": "abc"}, "longitude", "Saisissez un nombre"),
        ({"postcode": "6110"}, "postcode", "cinq chiffres"),
        ({"postcode": "６１１００"}, "postcode", "cinq chiffres"),
        ({"website": "javascript:alert(1)"}, "website", "https://"),
        ({"website": "ftp://exemple.org/"}, "website", "https://"),
        ({"social_links": "https://ok.example\njavascript:alert(1)"}, "social_links", "2"),
        ({"social_links": "data:text/html,x"}, "social_links", "https://"),
        ({"email": "pas-une-adresse"}, "email", "adresse e-mail valide"),
        ({"phone": "appelez-nous"}, "phone", "chiffres"),
        ({"name": ""}, "name", "obligatoire"),
        ({"types": []}, "types", "obligatoire"),
        ({"types": ["9999"]}, "types", "9999"),
    ],
)
def test_bad_input_is_a_form_error_naming_the_field_and_nothing_is_saved(
    client, place, host, changes, field, message
):
    before = snapshot(place)
    client.force_login(host)
    response = client.post(URL, edit_data(place, **changes))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field]), errors
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "La fiche n’est pas enregistrée : corrigez ce qui suit." in html
    assert f'<a href="#id_{field}">' in html  # the summary leads to the field
    assert snapshot(place) == before


def test_too_many_social_links_are_refused(client, place, host):
    client.force_login(host)
    links = "\n".join(f"https://exemple.org/{n}" for n in range(9))
    response = client.post(URL, edit_data(place, social_links=links))
    assert response.status_code == 400 and "social_links" in response.context["form"].errors


def test_the_preview_shows_the_sanitised_presentation_and_saves_nothing(client, place, host):
    before = snapshot(place)
    client.force_login(host)
    text = "# Bienvenue\n\n[lien](javascript:alert(1)) <img src=x onerror=alert(1)>"
    response = client.post(URL, edit_data(place, description=text, action="preview"))
    assert response.status_code == 200
    preview = str(response.context["preview"])
    assert "<h3>Bienvenue</h3>" in preview
    assert "javascript:" not in preview and "onerror" not in preview and "<img" not in preview
    html = response.content.decode()
    assert 'id="apercu"' in html and "<h3>Bienvenue</h3>" in html
    assert snapshot(place) == before


def test_placing_from_the_address_proposes_the_geocoders_point_without_saving(
    client, place, host, fake_address_geocoder
):
    before = snapshot(place)
    client.force_login(host)
    response = client.post(
        URL, edit_data(place, address="12 rue des Prés", commune="Flers", action="locate")
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert (form["latitude"].value(), form["longitude"].value()) == ("48.751200", "-0.565400")
    assert "12 Rue des Prés 61100 Flers" in response.content.decode()
    assert snapshot(place) == before
    asked = fake_address_geocoder.requests[-1]
    assert asked["path"].endswith("/search") and asked["q"] == "12 rue des Prés 61100 Flers"


def test_with_the_geocoder_down_the_page_says_so_and_the_pin_is_placed_by_hand(client, place, host):
    client.force_login(host)  # GEOCODER_URL points where nothing answers (tests/conftest.py)
    response = client.post(URL, edit_data(place, action="locate"))
    assert response.status_code == 200
    assert "Le service d’adresses ne répond pas" in response.content.decode()
    saved = client.post(URL, edit_data(place, latitude="48.7", longitude="-0.6"))
    assert saved.status_code == 302
    assert round(Place.objects.get(pk=place.pk).latitude, 4) == 48.7


def test_a_save_over_a_change_made_meanwhile_is_refused(client, place, host, coordinator):
    client.force_login(host)
    stale = edit_data(place, summary="Ma version")
    other = client.__class__()
    other.force_login(coordinator)
    assert other.post(URL, edit_data(place, summary="La sienne")).status_code == 302
    before = snapshot(place)
    response = client.post(URL, stale)
    assert response.status_code == 409
    assert "Quelqu’un a modifié cette fiche" in response.content.decode()
    assert snapshot(place) == before


def test_an_unpublished_place_is_edited_and_stays_on_its_edit_page(client, host):
    draft = PlaceFactory(slug="brouillon", status="pending")
    from places.accounts.models import Hosting

    Hosting.objects.create(place=draft, user=host)
    client.force_login(host)
    response = client.post("/lieux/brouillon/modifier/", edit_data(draft, name="Bientôt"))
    assert response.status_code == 302 and response.url == "/lieux/brouillon/modifier/"
    draft.refresh_from_db()
    assert draft.name == "Bientôt" and draft.status == "pending"


def test_other_methods_are_refused(client, place, host):
    client.force_login(host)
    assert client.put(URL).status_code == 405
    assert client.delete(URL).status_code == 405
