"""Possible duplicates: the same or a close name, or within 100 m, flagged in the queue."""

import pytest

from places.accounts.proposals.selectors import possible_duplicates
from tests.accounts.proposals.conftest import QUEUE
from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db
MOULIN = (48.6989, -0.3669)


def names(found) -> list[str]:
    return [d.place.name for d in found]


def test_the_same_name_whatever_its_case_and_accents_is_a_possible_duplicate(proposal):
    PlaceFactory(name="LE MOULIN DES POSSIBLES", lat=47.0, lon=1.0)

    found = possible_duplicates(place=proposal)

    assert names(found) == ["LE MOULIN DES POSSIBLES"]
    assert found[0].close_name and found[0].distance_m is None


def test_a_close_name_is_a_possible_duplicate_and_an_unrelated_one_is_not(proposal):
    PlaceFactory(name="Moulin des Possibles", lat=47.0, lon=1.0)
    PlaceFactory(name="La Forge de Tinchebray", lat=47.0, lon=1.0)

    assert names(possible_duplicates(place=proposal)) == ["Moulin des Possibles"]


def test_a_place_within_100_m_is_a_possible_duplicate_one_at_300_m_is_not(proposal):
    PlaceFactory(name="Café du Pont", lat=MOULIN[0] + 0.0005, lon=MOULIN[1])  # ~56 m
    PlaceFactory(name="Jardin partagé", lat=MOULIN[0] + 0.0027, lon=MOULIN[1])  # ~300 m

    found = possible_duplicates(place=proposal)

    assert names(found) == ["Café du Pont"]
    assert not found[0].close_name and 50 < found[0].distance_m < 60


def test_archived_places_and_the_proposal_itself_are_not_duplicates(proposal):
    PlaceFactory(name="Le Moulin des Possibles", status="archived", lat=MOULIN[0], lon=MOULIN[1])

    assert possible_duplicates(place=proposal) == []


def test_the_queue_flags_the_duplicate_with_a_link_to_it(client, coordinator, proposal):
    other = PlaceFactory(
        name="Le Moulin des Possibles", slug="moulin", lat=MOULIN[0], lon=MOULIN[1]
    )
    client.force_login(coordinator)

    page = client.get(QUEUE).content.decode()

    assert "Doublon possible" in page
    assert f'href="{other.get_absolute_url()}"' in page
    assert "nom proche" in page and "à 0 m" in page
