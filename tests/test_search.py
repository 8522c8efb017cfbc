"""French full-text search: accents, case, stems, typos, ranking, and its indexes."""

import pytest

from places import search
from places.filters import PlaceFilters
from places.selectors import place_search
from tests.factories import PlaceFactory, seed_places

pytestmark = pytest.mark.django_db


def names(q: str) -> list[str]:
    return [place.name for place in place_search(filters=PlaceFilters(q=q))]


@pytest.fixture
def places():
    PlaceFactory(name="Café de l’Étoile", slug="cafe-etoile", summary="Un café associatif.")
    PlaceFactory(
        name="Le Fablab des Prés",
        slug="fablab-des-pres",
        summary="Imprimantes 3D et découpe laser.",
        types=["fablab"],
    )
    PlaceFactory(
        name="La Grange aux Écluses",
        slug="grange-ecluses",
        commune="Domfront en Poiraie",
        description="On y répare les vélos et on y boit un café le samedi.",
        types=["recyclerie"],
        services=["wifi"],
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("cafe", "Café de l’Étoile"),
        ("CAFÉ", "Café de l’Étoile"),
        ("etoile", "Café de l’Étoile"),
        ("Étoile", "Café de l’Étoile"),
        ("ecluse", "La Grange aux Écluses"),
        ("écluses", "La Grange aux Écluses"),
        ("domfront", "La Grange aux Écluses"),
        ("poiraie", "La Grange aux Écluses"),
        ("recyclerie", "La Grange aux Écluses"),
        ("wifi", "La Grange aux Écluses"),
        ("velos", "La Grange aux Écluses"),
        ("imprimante", "Le Fablab des Prés"),
        ("makerspace", "Le Fablab des Prés"),
        ("fab", "Le Fablab des Prés"),
    ],
)
def test_search_is_accent_and_case_insensitive_over_every_field(places, query, expected):
    assert expected in names(query)


@pytest.mark.parametrize(
    ("typo", "expected"),
    [
        ("fablba", "Le Fablab des Prés"),
        ("fablb", "Le Fablab des Prés"),
        ("etoille", "Café de l’Étoile"),
        ("ecluzes", "La Grange aux Écluses"),
    ],
)
def test_search_forgives_typos_in_names(places, typo, expected):
    assert names(typo)[:1] == [expected]


def test_a_name_match_ranks_before_a_description_match(places):
    assert names("cafe")[0] == "Café de l’Étoile"
    assert set(names("cafe")) == {"Café de l’Étoile", "La Grange aux Écluses"}


def test_unrelated_text_finds_nothing(places):
    assert names("piscine olympique") == []


@pytest.mark.parametrize("query", ["&|!():*", "' OR 1=1 --", "<script>", "a", "   "])
def test_odd_queries_never_break_the_search(places, query):
    assert isinstance(names(query), list)


def test_words_drop_one_letter_words_and_accents():
    assert search.words("L’Atelier du Café") == ["atelier", "du", "cafe"]
    assert search.normalise("Œuvre ÉTÉ") == "oeuvre ete"


def test_text_search_uses_its_gin_indexes():
    seed_places(3000)
    PlaceFactory(name="La Bergerie du Houlme")
    full_text = place_search(filters=PlaceFilters(q="bergerie")).explain()
    assert "place_search_idx" in full_text
    assert "Seq Scan on places_place" not in full_text
    typo = place_search(filters=PlaceFilters(q="bergerei")).explain()
    assert "place_name_trgm_idx" in typo
    assert "Seq Scan on places_place" not in typo


def test_typos_are_only_tried_when_the_full_text_finds_nothing(places):
    # A name only close in spelling is not mixed into the places the full text finds.
    PlaceFactory(name="Le Fab Lab du Bocage", slug="fab-lab")
    assert names("fablab") == ["Le Fablab des Prés"]
