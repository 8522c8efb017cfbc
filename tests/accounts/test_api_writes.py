"""API writes: PATCH /api/places/<slug>/ by hosts and coordinators, POST /api/places/ (a
pending proposal) by anyone signed in; the edit form's rules, JSON errors naming the field."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client

from places.accounts import services
from places.accounts.models import Decision, Hosting
from places.models import Place
from tests.accounts.conftest import confirmed
from tests.accounts.editing.conftest import snapshot
from tests.accounts.editing.test_stored_xss import DESCRIPTION, PAYLOAD
from tests.factories import PlaceFactory, UserFactory

pytestmark = pytest.mark.django_db
DETAIL = "/api/places/la-grange/"
LIST = "/api/places/"
NEW = {
    "name": "La Ressourcerie du Noireau",
    "types": ["recyclerie"],
    "commune": "Condé-en-Normandie",
    "postcode": "14110",
    "latitude": 48.8497,
    "longitude": -0.5523,
    "opening_hours": "We,Sa 14:00-18:00",
    "website": "https://ressourcerie.example.org",
    "social_links": ["https://mastodon.example/@ressourcerie"],
    "welcomes_founders": True,
}


def patch(client, url, body, **headers):
    return client.patch(url, json.dumps(body), content_type="application/json", **headers)


def post(client, body, **headers):
    return client.post(LIST, json.dumps(body), content_type="application/json", **headers)


def token_of(user) -> str:
    return services.api_token_create(user=user, name="Tableur")[1]


@pytest.fixture
def coordinator(db):
    user = confirmed(UserFactory(is_staff=True))
    user.user_permissions.set(Permission.objects.filter(codename="change_place"))
    return user


def test_a_host_patches_some_fields_and_the_rest_stays(client, place, host):
    place.opening_hours = "Mo 09:00-12:00"
    place.save()
    client.force_login(host)

    response = patch(client, DETAIL, {"summary": "Nouvelle phrase", "services": ["wifi"]})

    assert response.status_code == 200, response.json()
    assert response.json()["summary"] == "Nouvelle phrase"
    place.refresh_from_db()
    assert place.summary == "Nouvelle phrase"
    assert [s.slug for s in place.services.all()] == ["wifi"]
    assert place.opening_hours == "Mo 09:00-12:00" and place.name == "La Grange"
    assert [t.slug for t in place.types.all()] == ["coworking"]


def test_a_change_by_the_api_is_one_version_naming_who_made_it(client, place, host):
    client.force_login(host)
    versions = place.history.count()

    patch(client, DETAIL, {"opening_hours": "Tu-Sa 10:00-18:00", "latitude": 48.75})

    assert place.history.count() == versions + 1
    version = place.history.first()
    assert version.history_user == host and version.opening_hours == "Tu-Sa 10:00-18:00"
    assert round(version.location.y, 4) == 48.75


def test_a_token_patches_without_csrf(place, host):
    client = Client(enforce_csrf_checks=True)

    response = patch(
        client, DETAIL, {"summary": "Par jeton"}, HTTP_AUTHORIZATION=f"Token {token_of(host)}"
    )

    assert response.status_code == 200
    assert Place.objects.get(pk=place.pk).summary == "Par jeton"


def test_a_coordinator_patches_any_place(client, place, coordinator):
    client.force_login(coordinator)

    assert patch(client, DETAIL, {"summary": "Coordination"}).status_code == 200


def test_a_session_patch_without_its_csrf_token_is_a_403_and_changes_nothing(place, host):
    client = Client(enforce_csrf_checks=True)
    client.force_login(host)
    before = snapshot(place)

    response = patch(client, DETAIL, {"summary": "Sans CSRF"})

    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    assert snapshot(place) == before


def test_anyone_else_is_refused_and_nothing_changes(client, place, outsider):
    before = snapshot(place)

    response = patch(client, DETAIL, {"summary": "Pirate", "website": "https://pirate.example"})

    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    assert snapshot(place) == before


def test_the_token_of_someone_else_is_refused_and_a_revoked_token_is_a_401(place, host, stranger):
    client = Client()
    before = snapshot(place)
    stranger_key = token_of(stranger)
    key = token_of(host)
    services.api_token_revoke(user=host, token_id=host.api_tokens.get().pk)

    other = patch(client, DETAIL, {"summary": "x"}, HTTP_AUTHORIZATION=f"Token {stranger_key}")
    revoked = patch(client, DETAIL, {"summary": "x"}, HTTP_AUTHORIZATION=f"Token {key}")
    created = post(client, NEW, HTTP_AUTHORIZATION=f"Token {key}")

    assert other.status_code == 403
    assert revoked.status_code == 401 and revoked["WWW-Authenticate"] == "Token"
    assert created.status_code == 401
    assert snapshot(place) == before and not Place.objects.exclude(pk=place.pk).exists()


def test_an_unpublished_place_of_someone_else_is_a_404_its_host_patches_it(client, stranger):
    pending = PlaceFactory(slug="brouillon", status=Place.Status.PENDING)
    client.force_login(stranger)

    assert patch(client, "/api/places/brouillon/", {"summary": "x"}).status_code == 404
    Hosting.objects.create(place=pending, user=stranger)
    response = patch(client, "/api/places/brouillon/", {"summary": "Bientôt ouvert"})
    assert response.status_code == 200 and response.json()["status"] == "pending"
    pending.refresh_from_db()
    assert pending.summary == "Bientôt ouvert"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"opening_hours": "Lundi matin"}, "opening_hours"),
        ({"latitude": 91}, "latitude"),
        ({"longitude": "est"}, "longitude"),
        ({"website": "javascript:alert(1)"}, "website"),
        ({"social_links": ["https://ok.example", "data:text/html,x"]}, "social_links"),
        ({"social_links": "https://pas-une-liste.example"}, "social_links"),
        ({"types": ["pas-un-type"]}, "types"),
        ({"types": []}, "types"),
        ({"name": ""}, "name"),
        ({"name": ["liste"]}, "name"),
        ({"postcode": "６１１００"}, "postcode"),
        ({"welcomes_founders": "peut-être"}, "welcomes_founders"),
    ],
)
def test_bad_input_is_a_json_400_naming_the_field_and_nothing_is_written(
    client, place, host, body, field
):
    client.force_login(host)
    before = snapshot(place)

    response = patch(client, DETAIL, {"summary": "Changé", **body})

    assert response.status_code == 400
    assert field in response.json()["errors"], response.json()
    assert field in response.json()["detail"]
    assert snapshot(place) == before


@pytest.mark.parametrize("body", ["[1, 2]", "pas du json", '"texte"'])
def test_a_body_that_is_not_an_object_is_a_json_400(client, place, host, body):
    client.force_login(host)

    response = client.patch(DETAIL, body, content_type="application/json")

    assert response.status_code == 400 and response.json()["detail"]


def test_a_signed_in_person_proposes_a_place_pending_and_hosted_by_them(
    client, stranger, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(stranger)

    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, NEW)

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "pending" and body["slug"] == "la-ressourcerie-du-noireau"
    assert response["Location"] == "/api/places/la-ressourcerie-du-noireau/"
    place = Place.objects.get(slug=body["slug"])
    assert Hosting.objects.filter(place=place, user=stranger).exists()
    assert place.decisions.get().kind == Decision.Kind.SUBMITTED
    assert place.history.get().history_user == stranger
    assert place.social_links == ["https://mastodon.example/@ressourcerie"]
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert client.get(f"/api/places/{place.slug}/").status_code == 404  # not public


def test_a_proposal_by_token_is_the_same(stranger):
    response = post(Client(), NEW, HTTP_AUTHORIZATION=f"Token {token_of(stranger)}")

    assert response.status_code == 201
    assert Place.objects.get(slug="la-ressourcerie-du-noireau").status == "pending"


def test_a_proposal_by_someone_signed_out_is_refused(client):
    assert post(client, NEW).status_code == 403
    assert not Place.objects.exists()


@pytest.mark.parametrize("missing", ["name", "types", "commune", "latitude", "longitude"])
def test_a_proposal_without_what_it_needs_is_a_400_naming_it(client, stranger, missing):
    client.force_login(stranger)

    response = post(client, {k: v for k, v in NEW.items() if k != missing})

    assert response.status_code == 400 and missing in response.json()["errors"]
    assert not Place.objects.exists() and not Hosting.objects.exists()


def test_a_proposal_with_bad_hours_is_refused_like_the_form(client, stranger):
    client.force_login(stranger)

    response = post(client, {**NEW, "opening_hours": "Mo 25:00-26:00"})

    assert response.status_code == 400 and "opening_hours" in response.json()["errors"]
    assert not Place.objects.exists()


def test_markup_sent_to_the_api_comes_back_as_json_data(client, stranger):
    client.force_login(stranger)
    hostile = {**NEW, "name": f"n {PAYLOAD}"[:150], "summary": PAYLOAD, "description": DESCRIPTION}

    response = post(client, hostile)

    assert response.status_code == 201
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    body = response.json()
    assert body["summary"] == PAYLOAD and body["description"] == DESCRIPTION


def test_the_schema_documents_the_writes_their_bodies_and_security(client):
    schema = client.get("/api/schema/?format=json").json()
    detail, listing = schema["paths"]["/api/places/{slug}/"], schema["paths"]["/api/places/"]

    assert "requestBody" in detail["patch"] and "requestBody" in listing["post"]
    assert {"200", "400", "401", "403", "404"} <= set(detail["patch"]["responses"])
    assert {"201", "400", "401", "403"} <= set(listing["post"]["responses"])
    assert {"cookieAuth": []} in detail["patch"]["security"]
    assert {"tokenAuth": []} in listing["post"]["security"]
    assert "security" not in detail["get"]
    assert not [p for p in listing["post"].get("parameters", []) if p["in"] == "query"]
    body = schema["components"]["schemas"]["PlaceProposal"]
    assert set(body["required"]) == {"name", "types", "commune", "latitude", "longitude"}
