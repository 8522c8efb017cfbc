"""Hosts edit their place's spaces and equipment; nobody else may, and nothing changes then."""

import pytest

from places.accounts.models import Hosting
from places.sharing.models import Equipment, Space
from tests.factories import EquipmentFactory, PlaceFactory, SpaceFactory, UserFactory

pytestmark = pytest.mark.django_db

SPACE = {
    "name": "Grande salle",
    "kind": "meeting_room",
    "capacity": "30",
    "surface_m2": "60",
    "equipment": "Vidéoprojecteur",
    "accessibility": "De plain-pied",
    "price_kind": "per_day",
    "price_amount": "120",
    "price_text": "",
    "conditions": "Sur réservation",
    "position": "0",
}
EQUIPMENT = {
    "name": "Découpeuse laser",
    "kind": "laser_cutter",
    "quantity": "1",
    "training_required": "on",
    "price_kind": "per_hour",
    "price_amount": "20",
    "price_text": "",
    "conditions": "",
    "position": "0",
}


@pytest.fixture
def place():
    return PlaceFactory(slug="la-grange")


@pytest.fixture
def host(place):
    user = UserFactory()
    Hosting.objects.create(place=place, user=user)
    return user


@pytest.fixture(params=["anonymous", "stranger", "other_host"])
def intruder(request, client):
    """Someone who may not change la-grange, signed in (or not) in `client`."""
    if request.param == "stranger":
        client.force_login(UserFactory())
    elif request.param == "other_host":
        user = UserFactory()
        Hosting.objects.create(place=PlaceFactory(), user=user)
        client.force_login(user)
    return request.param


def test_a_host_adds_changes_and_removes_a_space(client, place, host):
    client.force_login(host)
    assert client.get("/lieux/la-grange/modifier/salles-et-materiel/").status_code == 200
    response = client.post("/lieux/la-grange/modifier/espaces/nouveau/", SPACE)
    assert response.status_code == 302
    space = Space.objects.get(place=place)
    assert (space.name, space.capacity, space.price_amount) == ("Grande salle", 30, 120)
    assert space.history.first().history_user == host
    client.post(f"/lieux/la-grange/modifier/espaces/{space.pk}/", {**SPACE, "capacity": "35"})
    space.refresh_from_db()
    assert space.capacity == 35
    client.post(f"/lieux/la-grange/modifier/espaces/{space.pk}/supprimer/")
    assert not Space.objects.exists()


def test_a_host_adds_equipment(client, place, host):
    client.force_login(host)
    client.post("/lieux/la-grange/modifier/materiel/nouveau/", EQUIPMENT)
    item = Equipment.objects.get(place=place)
    assert item.training_required and item.kind == "laser_cutter"


def test_a_free_space_keeps_no_amount(client, place, host):
    client.force_login(host)
    client.post("/lieux/la-grange/modifier/espaces/nouveau/", {**SPACE, "price_kind": "free"})
    assert Space.objects.get().price_amount is None


def test_bad_input_is_a_form_error_and_nothing_is_written(client, place, host):
    client.force_login(host)
    response = client.post(
        "/lieux/la-grange/modifier/espaces/nouveau/",
        {**SPACE, "capacity": "-4", "kind": "chateau", "price_amount": "abc"},
    )
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not Space.objects.exists()


def test_a_host_cannot_reach_another_place_s_space_through_their_own(client, place, host):
    elsewhere = SpaceFactory(name="Ailleurs")
    client.force_login(host)
    url = f"/lieux/la-grange/modifier/espaces/{elsewhere.pk}/"
    assert client.post(url, {**SPACE, "name": "Volée"}).status_code == 404
    assert client.post(f"{url}supprimer/").status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.name == "Ailleurs"


def test_intruders_are_refused_every_write_and_nothing_changes(client, place, intruder):
    space = SpaceFactory(place=place, name="Salle", capacity=10)
    item = EquipmentFactory(place=place, name="Camion", kind="van")
    writes = [
        ("/lieux/la-grange/modifier/espaces/nouveau/", SPACE),
        (f"/lieux/la-grange/modifier/espaces/{space.pk}/", {**SPACE, "capacity": "99"}),
        (f"/lieux/la-grange/modifier/espaces/{space.pk}/supprimer/", {}),
        ("/lieux/la-grange/modifier/materiel/nouveau/", EQUIPMENT),
        (f"/lieux/la-grange/modifier/materiel/{item.pk}/", {**EQUIPMENT, "name": "Volé"}),
        (f"/lieux/la-grange/modifier/materiel/{item.pk}/supprimer/", {}),
    ]
    for url, data in writes:
        response = client.post(url, data)
        expected = 302 if intruder == "anonymous" else 403
        assert response.status_code == expected, url
        if intruder == "anonymous":
            assert "/compte/" in response["Location"]
    assert client.get("/lieux/la-grange/modifier/salles-et-materiel/").status_code in (302, 403)
    assert list(Space.objects.values_list("name", "capacity")) == [("Salle", 10)]
    assert list(Equipment.objects.values_list("name", flat=True)) == ["Camion"]


def test_a_coordinator_edits_any_place_s_spaces(client, place):
    coordinator = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(coordinator)
    client.post("/lieux/la-grange/modifier/espaces/nouveau/", SPACE)
    assert Space.objects.filter(place=place).count() == 1


def test_the_admin_is_for_coordinators(client, place):
    SpaceFactory(place=place)
    client.force_login(UserFactory(is_staff=True))  # staff without the right to change places
    assert client.get("/admin/sharing/space/").status_code == 403
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/admin/sharing/space/").status_code == 200
    assert client.get("/admin/sharing/equipment/").status_code == 200
