"""Coordinators make hosts in the admin: on the place's page, or by an invitation."""

import pytest
from django.core import mail

from places.accounts.models import Hosting, Invitation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def test_the_place_admin_has_its_hosts_inline(client, coordinator, place, host):
    response = client.get(f"/admin/places/place/{place.pk}/change/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Hôtes du lieu" in body
    assert f'value="{host.pk}"' in body


def test_places_without_a_host_are_found_in_the_admin(
    client, coordinator, place, host, other_place
):
    Hosting.objects.filter(place=other_place).delete()
    body = client.get("/admin/places/place/?hotes=aucun").content.decode()
    assert "Le Fournil" in body and "La Grange" not in body


def test_a_coordinator_invites_from_the_admin(
    client, coordinator, place, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/accounts/invitation/add/", {"place": place.pk, "email": "lea@example.org"}
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    invitation = Invitation.objects.get()
    assert invitation.invited_by == coordinator and invitation.email == "lea@example.org"
    assert [m.to for m in mail.outbox] == [["lea@example.org"]]


def test_the_admin_refuses_to_invite_an_existing_host(client, coordinator, place, host):
    response = client.post(
        "/admin/accounts/invitation/add/", {"place": place.pk, "email": host.email}
    )
    assert response.status_code == 200
    assert "est déjà hôte de ce lieu" in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_coordinator_adds_a_host_on_the_place_page(client, coordinator, place, stranger):
    response = client.get(f"/admin/places/place/{place.pk}/change/")
    form = response.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list | tuple)
    }
    data.update(
        {
            "name": place.name,
            "slug": place.slug,
            "status": place.status,
            "types": [t.pk for t in place.types.all()],
            "commune": place.commune,
            "location": place.location.geojson,
            "hostings-TOTAL_FORMS": "1",
            "hostings-INITIAL_FORMS": "0",
            "hostings-0-user": stranger.pk,
            "hostings-0-place": place.pk,
        }
    )
    response = client.post(f"/admin/places/place/{place.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    hosting = Hosting.objects.get(place=place, user=stranger)
    assert hosting.added_by == coordinator
