"""Fixtures of contact's tests: a place with its host, a form already shown long enough."""

import time

import pytest

from places.accounts.models import Hosting
from places.contact import antispam
from tests.factories import PlaceFactory, UserFactory

SENDER = "visiteuse@example.net"


def host_of(place, **kwargs):
    user = UserFactory(**kwargs)
    Hosting.objects.create(place=place, user=user)
    return user


def shown_ago(seconds: float = 60) -> str:
    """The signed time of a form shown `seconds` ago."""
    return antispam.started_token(at=time.time() - seconds)


def contact_data(**overrides) -> dict:
    return {
        "name": "Léa Martin",
        "email": SENDER,
        "subject": "Demander à réserver « Salle du Bocage »",
        "message": "Bonjour, la salle est-elle libre mardi soir pour 20 personnes ?",
        "homepage": "",
        "started": shown_ago(),
        **overrides,
    }


@pytest.fixture
def place(db):
    return PlaceFactory(slug="la-grange", name="La Grange", email="secret-lieu@example.com")


@pytest.fixture
def host(place):
    return host_of(place, email="hote-secret@example.com", name="Camille")


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    """`send(place, **fields)`: posts the contact form, runs what waits for the commit (the
    queued mails' tasks, at once in tests) and answers the response."""

    def post(place, *, ip="203.0.113.7", **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                f"/lieux/{place.slug}/contact/", contact_data(**fields), REMOTE_ADDR=ip
            )

    return post
