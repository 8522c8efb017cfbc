"""The history of places, photos and hosts: who changed what, when; coordinators go back."""

import pytest
from django.contrib.auth.models import Permission

from places import history
from places.accounts.models import Hosting
from places.models import Place
from tests.factories import PlaceFactory, UserFactory, place_type

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    return UserFactory(is_staff=True, is_superuser=True, name="Coordination")


@pytest.fixture
def viewer():
    user = UserFactory(is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="view_place"))
    return user


def edited(place, *, by, **changes) -> Place:
    types = changes.pop("types", None)
    with history.one_version(place, by=by):
        for name, value in changes.items():
            setattr(place, name, value)
        place.save()
        if types is not None:
            place.types.set([place_type(slug) for slug in types])
    return place


def test_one_change_of_a_place_and_its_types_is_one_version_naming_who_made_it():
    place = PlaceFactory(description="Avant.")
    host = UserFactory(name="Camille")
    before = place.history.count()
    edited(place, by=host, description="Après.", types=["fablab", "recyclerie"])
    assert place.history.count() == before + 1
    latest = place.history.first()
    assert latest.history_user == host and latest.history_type == "~"
    assert sorted(row.placetype.slug for row in latest.types.all()) == ["fablab", "recyclerie"]


def test_the_import_keeps_a_version_of_each_place_it_writes(tmp_path):
    from django.core.management import call_command

    path = tmp_path / "lieux.csv"
    path.write_text("name,lat,lon,types\nLe Moulin,48.7,-0.5,fablab\n", encoding="utf-8")
    call_command("import_places", str(path), stdout=open(tmp_path / "out", "w"))  # noqa: SIM115
    place = Place.objects.get(slug="le-moulin")
    (version,) = place.history.all()
    assert version.history_type == "+" and version.history_change_reason == "Import"
    assert [row.placetype.slug for row in version.types.all()] == ["fablab"]


def test_the_hosts_of_a_place_have_their_history():
    place = PlaceFactory()
    coordinator = UserFactory(is_staff=True)
    host = UserFactory()
    hosting = Hosting(place=place, user=host, added_by=coordinator)
    hosting._history_user = coordinator
    hosting.save()
    hosting._history_user = host
    hosting.delete()  # the host left
    versions = list(Hosting.history.filter(place_id=place.pk).order_by("history_date"))
    assert [(v.history_type, v.history_user, v.user_id) for v in versions] == [
        ("+", coordinator, host.pk),
        ("-", host, host.pk),
    ]


def test_coordinators_read_a_places_history_as_differences_in_french(client, coordinator):
    place = PlaceFactory(summary="Un lieu.", types=["coworking"])
    edited(place, by=UserFactory(name="Camille"), summary="Un lieu pour tous.", types=["fablab"])
    client.force_login(coordinator)
    response = client.get(f"/admin/places/place/{place.pk}/history/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "En une phrase" in html and "Types" in html
    assert "Un lieu pour tous." in html and "Camille" in html
    assert "Fablab / makerspace" in html  # types by name, not by id
    assert "Photos du lieu" in html


def test_a_coordinator_goes_back_to_an_earlier_version_after_confirming(client, coordinator):
    place = PlaceFactory(description="Le texte d’origine.", types=["coworking"])
    edited(place, by=coordinator, description="Un premier texte.")
    earlier = place.history.first()
    edited(place, by=UserFactory(), description="Vandalisé !", types=["autre"], commune="Ailleurs")
    client.force_login(coordinator)
    url = f"/admin/places/place/{place.pk}/history/{earlier.history_id}/"

    confirm = client.get(url)
    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert (
        "Vandalisé !" in html and "Un premier texte." in html and "Revenir à cette version" in html
    )
    assert Place.objects.get(pk=place.pk).description == "Vandalisé !"  # nothing yet

    response = client.post(url)
    assert response.status_code == 302
    place = Place.objects.get(pk=place.pk)
    assert place.description == "Un premier texte." and place.commune == "Flers"
    assert [t.slug for t in place.types.all()] == ["coworking"]
    latest = place.history.first()
    assert latest.history_user == coordinator and latest.history_change_reason.startswith("Retour")


@pytest.mark.parametrize("who", [None, "someone", "viewer", "host"])
def test_going_back_is_refused_to_anyone_but_coordinators_and_changes_nothing(client, request, who):
    place = PlaceFactory(description="Premier.")
    edited(place, by=None, description="Deuxième.")
    first = place.history.order_by("history_date").first()
    if who == "someone":
        client.force_login(UserFactory())
    elif who == "host":
        host = UserFactory()
        Hosting.objects.create(place=place, user=host)
        client.force_login(host)
    elif who == "viewer":
        client.force_login(request.getfixturevalue("viewer"))
    versions = place.history.count()
    response = client.post(f"/admin/places/place/{place.pk}/history/{first.history_id}/")
    assert response.status_code == (403 if who == "viewer" else 302)
    if who != "viewer":
        assert "/admin/login/" in response.url
    assert Place.objects.get(pk=place.pk).description == "Deuxième."
    assert place.history.count() == versions


def test_a_viewer_sees_a_version_without_the_button(client, viewer):
    place = PlaceFactory(description="Premier.")
    edited(place, by=None, description="Deuxième.")
    first = place.history.order_by("history_date").first()
    client.force_login(viewer)
    response = client.get(f"/admin/places/place/{place.pk}/history/{first.history_id}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Deuxième." in html and "Premier." in html
    assert 'value="Revenir à cette version"' not in html


def test_publishing_from_the_admin_is_in_the_history(client, coordinator):
    place = PlaceFactory(status="pending")
    client.force_login(coordinator)
    client.post("/admin/places/place/", {"action": "publish", "_selected_action": [place.pk]})
    latest = place.history.first()
    assert latest.status == "published" and latest.history_user == coordinator


def test_the_place_page_says_when_it_was_last_updated(client):
    place = PlaceFactory()
    html = client.get(place.get_absolute_url()).content.decode()
    assert "Fiche mise à jour le" in html
