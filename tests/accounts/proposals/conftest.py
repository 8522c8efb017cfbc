"""Proposals' fixtures: a coordinator, what the proposal form posts, a pending proposal."""

import pytest
from django.contrib.auth.models import Permission

from places.accounts.proposals import services
from places.models import Place
from tests.accounts.conftest import confirmed
from tests.accounts.editing.conftest import fake_address_geocoder  # noqa: F401
from tests.factories import UserFactory, place_type, service

PROPOSE = "/lieux/proposer/"
QUEUE = "/espace-hote/moderation/"


def proposal_data(**changes) -> dict:
    """What the proposal form posts for a new place in Briouze, with `changes`."""
    data = {
        "name": "Le Moulin des Possibles",
        "summary": "Un atelier partagé au bord de l’eau.",
        "description": "Des **ateliers** le samedi.",
        "types": [place_type("fablab").pk],
        "services": [service("wifi").pk],
        "address": "2 rue du Moulin",
        "postcode": "61220",
        "commune": "Briouze",
        "latitude": "48.698900",
        "longitude": "-0.366900",
        "opening_hours": "Sa 10:00-18:00",
        "phone": "02 33 00 00 00",
        "email": "moulin@example.org",
        "website": "https://moulin.example.org",
        "social_links": "https://mastodon.example/@moulin",
        "welcomes_founders": "on",
        "action": "save",
    }
    data.update(changes)
    return data


def cleaned(**changes) -> dict:
    """The proposal form's cleaned data, for the services."""
    from places.accounts.proposals.forms import ProposalForm

    form = ProposalForm(proposal_data(**changes))
    assert form.is_valid(), form.errors
    return form.cleaned_data


@pytest.fixture
def coordinator(db):
    user = confirmed(UserFactory(is_staff=True, email="coordination@example.org", name="Coord"))
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["change_place", "view_place"])
    )
    return user


@pytest.fixture
def author(db):
    return confirmed(UserFactory(email="auteur@example.org", name="Alix"))


@pytest.fixture
def proposal(author, coordinator) -> Place:
    """A pending proposal by `author` (the coordinator exists, so is mailed)."""
    return services.place_propose(changes=cleaned(), by=author)
