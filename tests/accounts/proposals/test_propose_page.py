"""/lieux/proposer/: a signed-in person proposes a place, pending and invisible to the public."""

import pytest
from django.contrib.auth.models import Permission
from django.core import mail

from places.accounts.models import Decision, Hosting
from places.models import Place
from tests.accounts.proposals.conftest import PROPOSE, proposal_data
from tests.factories import PlaceFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_signed_out_visitor_is_sent_to_sign_in_and_back_to_the_form(client):
    response = client.get(PROPOSE)

    assert response.status_code == 302
    assert response["Location"] == f"/compte/login/?next={PROPOSE}"
    assert client.post(PROPOSE, proposal_data()).status_code == 302
    assert not Place.objects.exists()


def test_the_form_is_the_edit_pages_listing_with_the_map_and_hours_editor(client, author):
    client.force_login(author)

    response = client.get(PROPOSE)

    page = response.content.decode()
    assert response.status_code == 200
    for name in ["name", "description", "types", "services", "address", "latitude",
                 "longitude", "opening_hours", "phone", "website", "social_links",
                 "welcomes_founders"]:  # fmt: skip
        assert f'name="{name}"' in page
    assert 'id="edit-map"' in page and 'id="hours-editor"' in page
    assert "Types (obligatoire : au moins un)" in page  # checkboxes carry no `required`
    assert "/lieux/proposer/adresse/" in page and "/lieux/proposer/horaires/" in page


def test_a_proposal_is_pending_hosted_by_its_author_in_the_history_and_mailed(
    client, author, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(author)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PROPOSE, proposal_data())

    place = Place.objects.get(name="Le Moulin des Possibles")
    assert response.status_code == 302
    assert response["Location"] == f"/lieux/{place.slug}/modifier/"
    assert place.slug == "le-moulin-des-possibles"
    assert place.status == Place.Status.PENDING
    assert (place.latitude, place.longitude) == pytest.approx((48.6989, -0.3669))
    assert [t.slug for t in place.types.all()] == ["fablab"]
    assert place.opening_hours == "Sa 10:00-18:00"
    assert place.welcomes_founders
    assert Hosting.objects.filter(place=place, user=author).exists()
    assert place.decisions.get().kind == Decision.Kind.SUBMITTED
    version = place.history.get()
    assert version.history_user == author and version.status == "pending"
    assert [m.to for m in mail.outbox] == [["coordination@example.org"]]
    assert "Le Moulin des Possibles" in mail.outbox[0].subject
    assert "/espace-hote/moderation/" in mail.outbox[0].body


def test_a_proposal_is_mailed_to_the_coordinators_only(
    client, author, coordinator, django_capture_on_commit_callbacks
):
    coordinators = Permission.objects.filter(codename="change_place")
    UserFactory(email="second@example.org", is_staff=True).user_permissions.set(coordinators)
    UserFactory(email="parti@example.org", is_staff=True, is_active=False).user_permissions.set(
        coordinators
    )
    UserFactory(email="lecteur@example.org", is_staff=True).user_permissions.set(
        Permission.objects.filter(codename="view_place")
    )
    UserFactory(email="hote@example.org").user_permissions.set(coordinators)  # not staff
    client.force_login(author)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(PROPOSE, proposal_data())

    assert [m.to for m in mail.outbox] == [["coordination@example.org", "second@example.org"]]


def test_a_proposal_is_invisible_to_the_public_everywhere(client, author):
    client.force_login(author)
    client.post(PROPOSE, proposal_data())
    client.logout()
    slug = "le-moulin-des-possibles"

    assert client.get(f"/lieux/{slug}/").status_code == 404
    assert slug not in client.get("/lieux/").content.decode()
    assert slug not in client.get("/api/places/").content.decode()
    assert client.get(f"/api/places/{slug}/").status_code == 404
    assert slug not in client.get("/api/places.geojson").content.decode()
    assert slug not in client.get("/sitemap-places.xml").content.decode()
    assert client.get(f"/lieux/{slug}/modifier/").status_code == 302


def test_the_author_keeps_editing_the_pending_proposal(client, author):
    client.force_login(author)
    client.post(PROPOSE, proposal_data())

    response = client.get("/lieux/le-moulin-des-possibles/modifier/")

    assert response.status_code == 200
    assert "En attente de validation" in response.content.decode()


def test_a_taken_name_gets_its_own_address(client, author):
    PlaceFactory(slug="le-moulin-des-possibles", name="Le Moulin des Possibles")
    client.force_login(author)

    client.post(PROPOSE, proposal_data())

    assert Place.objects.filter(slug="le-moulin-des-possibles-2", status="pending").exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("latitude", "91"),
        ("longitude", "abc"),
        ("opening_hours", "Lundi matin"),
        ("website", "javascript:alert(1)"),
        ("postcode", "6122"),
        ("name", ""),
        ("types", []),
    ],
)
def test_bad_input_is_a_form_error_naming_the_field_and_nothing_is_written(
    client, author, field, value
):
    client.force_login(author)

    response = client.post(PROPOSE, proposal_data(**{field: value}))

    assert response.status_code == 400
    assert field in response.context["form"].errors
    html = response.content.decode()
    assert "Le lieu n’est pas encore proposé : corrigez ce qui suit." in html
    assert f'<a href="#id_{field}">' in html  # the summary leads to the field
    assert not Place.objects.exists() and not Hosting.objects.exists()


def test_the_preview_and_the_address_save_nothing(client, author, fake_address_geocoder):
    client.force_login(author)

    preview = client.post(PROPOSE, proposal_data(action="preview", description="**gras**"))
    located = client.post(
        PROPOSE,
        proposal_data(
            action="locate",
            address="12 rue des Prés",
            postcode="61100",
            commune="Flers",
            latitude="",
            longitude="",
        ),
    )

    assert "<strong>gras</strong>" in preview.content.decode()
    assert located.context["form"]["latitude"].value() == "48.751200"
    assert not Place.objects.exists()


def test_the_forms_helpers_answer_only_the_signed_in(client, author, fake_geocoder):
    assert client.get("/lieux/proposer/horaires/?h=Mo").status_code == 302
    client.force_login(author)

    hours = client.get("/lieux/proposer/horaires/?h=Mo 09:00-12:00").json()
    located = client.get("/lieux/proposer/adresse/?commune=Briouze").json()

    assert hours["valid"]
    assert located["lat"] == pytest.approx(48.6989)
