"""The reading of capacity and town words in a text typed in the places' search box."""

import pytest

from places.wording import read

TOWNS = {"flers", "la ferte-mace", "domfront", "saint-georges-des-groseillers"}


def known(name: str) -> bool:
    return name in TOWNS


@pytest.mark.parametrize(
    ("typed", "capacity", "town", "text"),
    [
        ("Une salle pour 20 personnes près de Flers", 20, "flers", ""),
        ("salle pour 20", 20, "", ""),
        ("20 personnes", 20, "", ""),
        ("30 places", 30, "", ""),
        ("vingt places", 20, "", ""),
        ("une salle pour quinze", 15, "", ""),
        ("salle de réunion pour 12 à Flers", 12, "flers", ""),
        ("atelier pour 8 personnes à La Ferté-Macé", 8, "la ferte-mace", "atelier"),
        ("fablab près de Domfront", None, "domfront", "fablab"),
        (
            "café autour de Saint-Georges-des-Groseillers",
            None,
            "saint-georges-des-groseillers",
            "cafe",
        ),
        ("une salle près de Flers", None, "flers", ""),
    ],
)
def test_capacities_towns_and_what_is_left(typed, capacity, town, text):
    reading = read(typed, is_town=known)
    assert (reading.capacity, reading.town, reading.text) == (capacity, town, text)


def test_a_room_without_a_size_is_still_a_room():
    assert read("une salle à Flers", is_town=known).room
    for typed in ("des locaux à Flers", "des espaces à Domfront", "les pièces à Flers"):
        reading = read(typed, is_town=known)
        assert reading.room and reading.text == "", typed
    assert not read("fablab à Flers", is_town=known).room


def test_an_unknown_town_stays_in_the_text():
    reading = read("une salle à Paris", is_town=known)
    assert reading.town == "" and "paris" in reading.text


def test_a_text_without_capacity_nor_town_is_left_as_typed():
    for typed in ("Café des Prés", "repair café", "fablab 3D", "à vélo"):
        assert read(typed, is_town=known).text == typed
        assert read(typed, is_town=known).capacity is None
