"""The one rule of who may change a place: its hosts and the coordinators, nobody else."""

import pytest
from django.contrib.auth.models import AnonymousUser, Permission

from places.accounts.models import Hosting
from places.accounts.permissions import can_change_place
from places.accounts.selectors import hosts_of, places_hosted_by
from tests.factories import PlaceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def place():
    return PlaceFactory(slug="la-grange")


def host_of(place, **kwargs):
    user = UserFactory(**kwargs)
    Hosting.objects.create(place=place, user=user)
    return user


def test_a_host_may_change_their_place_and_no_other(place):
    host = host_of(place)
    other_place = PlaceFactory(slug="ailleurs")
    assert can_change_place(host, place)
    assert host.has_perm("places.change_place", place)
    assert not can_change_place(host, other_place)
    assert not host.has_perm("places.change_place")  # no right over places in general


def test_visitors_and_people_without_a_place_may_not(place):
    assert not can_change_place(AnonymousUser(), place)
    assert not can_change_place(UserFactory(), place)
    assert not can_change_place(host_of(place, is_active=False), place)


def test_coordinators_may_change_every_place_but_staff_who_only_look_may_not(place):
    coordinator = UserFactory(is_staff=True, is_superuser=True)
    assert can_change_place(coordinator, place)
    editor = UserFactory(is_staff=True)
    editor.user_permissions.set(Permission.objects.filter(codename="change_place"))
    assert can_change_place(editor, place)
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename="view_place"))
    assert not can_change_place(viewer, place)


def test_a_person_may_host_several_places_and_a_place_have_several_hosts(place):
    camille = host_of(place, name="Camille")
    dominique = host_of(place, name="Dominique")
    second = PlaceFactory(slug="le-fournil", name="Au Fournil")
    Hosting.objects.create(place=second, user=camille)
    assert list(places_hosted_by(user=camille)) == [second, place]  # by name
    assert list(hosts_of(place=place)) == [camille, dominique]
