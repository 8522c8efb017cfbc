"""Fixtures of the accounts' tests: places, their hosts, people with a confirmed address."""

import re

import pytest
from allauth.account.models import EmailAddress

from places.accounts.models import Hosting
from tests.factories import PlaceFactory, UserFactory

PASSWORD = "un mot de passe solide"
LINK = re.compile(r"https?://\S+")


def confirmed(user):
    """`user` with their address confirmed, as allauth asks before a first sign-in."""
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


def host_of(place, **kwargs):
    user = confirmed(UserFactory(**kwargs))
    Hosting.objects.create(place=place, user=user)
    return user


def links_in(message) -> list[str]:
    return LINK.findall(message.body)


@pytest.fixture
def place(db):
    return PlaceFactory(slug="la-grange", name="La Grange")


@pytest.fixture
def other_place(db):
    return PlaceFactory(slug="le-fournil", name="Le Fournil")


@pytest.fixture
def host(place):
    return host_of(place, email="camille@example.org", name="Camille")


@pytest.fixture
def stranger(db):
    """A signed-up person who hosts nothing."""
    return confirmed(UserFactory(email="passant@example.org", name="Passant"))


@pytest.fixture
def other_host(other_place):
    """The host of another place."""
    return host_of(other_place, email="voisine@example.org", name="Voisine")


@pytest.fixture(params=["anonymous", "stranger", "other_host"])
def outsider(request, client, stranger, other_host):
    """Each of those who may not touch `place`: a visitor, a non-host, another place's host.
    The client is signed in as them (or not); the fixture's value is the user or None."""
    user = {"anonymous": None, "stranger": stranger, "other_host": other_host}[request.param]
    if user is not None:
        client.force_login(user)
    return user
