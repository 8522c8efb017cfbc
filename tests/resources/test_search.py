"""Searching resources: the places' French full text (accents, plurals, typos), filters, facets."""

import pytest

from places.resources import selectors
from places.resources.filters import SORT_DATE, ResourceFilters
from places.resources.models import Resource
from tests.factories import PlaceFactory
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def titles(**filters) -> list[str]:
    return [r.title for r in selectors.resource_search(filters=ResourceFilters(**filters))]


def test_a_search_ignores_accents_and_case():
    ResourceFactory(title="Réussir sa première assemblée générale")
    ResourceFactory(title="Trouver un bâtiment")
    assert titles(q="PREMIERE ASSEMBLEE") == ["Réussir sa première assemblée générale"]


def test_a_search_finds_plurals_through_french_stems():
    ResourceFactory(title="Le budget prévisionnel", summary="Des subventions et des recettes.")
    assert titles(q="subvention") == ["Le budget prévisionnel"]


def test_a_typo_in_a_title_still_finds_it():
    ResourceFactory(title="Statuts d’association")
    assert titles(q="statust") == ["Statuts d’association"]


def test_titles_that_match_come_before_bodies_that_do():
    ResourceFactory(title="Un guide", body="Parler de gouvernance partagée.")
    ResourceFactory(title="La gouvernance partagée")
    assert titles(q="gouvernance") == ["La gouvernance partagée", "Un guide"]


def test_a_theme_label_is_searchable():
    ResourceFactory(title="Premier pas", themes=["financement"])
    assert titles(q="financement") == ["Premier pas"]


def test_pending_and_draft_resources_are_never_found():
    ResourceFactory(title="Guide en attente", status=Resource.Status.PENDING)
    ResourceFactory(title="Guide brouillon", status=Resource.Status.DRAFT)
    assert titles(q="guide") == []


def test_filters_by_theme_stage_kind_and_place_combine():
    place = PlaceFactory(slug="la-grange")
    wanted = ResourceFactory(
        title="Voulue", themes=["juridique"], stages=["idee"], kind="modele", place=place
    )
    ResourceFactory(
        title="Autre thème", themes=["financement"], stages=["idee"], kind="modele", place=place
    )
    ResourceFactory(
        title="Autre étape", themes=["juridique"], stages=["ouverture"], kind="modele", place=place
    )
    ResourceFactory(
        title="Autre nature", themes=["juridique"], stages=["idee"], kind="guide", place=place
    )
    ResourceFactory(title="Sans lieu", themes=["juridique"], stages=["idee"], kind="modele")
    assert titles(
        themes=("juridique",), stages=("idee",), kinds=("modele",), places=("la-grange",)
    ) == [wanted.title]


def test_facets_count_each_choice_the_other_filters_kept():
    ResourceFactory(themes=["juridique"], stages=["idee"], kind="modele")
    ResourceFactory(themes=["juridique", "financement"], stages=["idee"], kind="guide")
    ResourceFactory(themes=["financement"], stages=["ouverture"], kind="guide")
    facets = selectors.resource_facets(filters=ResourceFilters(themes=("juridique",)))
    # The themes' counts ignore the theme filter; the others count within it.
    assert facets["themes"] == {"juridique": 2, "financement": 2}
    assert facets["stages"] == {"idee": 2}
    assert facets["kinds"] == {"modele": 1, "guide": 1}


def test_facets_follow_a_text_search():
    ResourceFactory(title="Budget", themes=["financement"])
    ResourceFactory(title="Statuts", themes=["juridique"])
    facets = selectors.resource_facets(filters=ResourceFilters(q="budget"))
    assert facets["themes"] == {"financement": 1}


def test_sorted_by_date_the_newest_come_first(django_assert_num_queries):
    from datetime import timedelta

    from django.utils import timezone

    ResourceFactory(title="Ancien guide", published_at=timezone.now() - timedelta(days=30))
    ResourceFactory(title="Guide récent", published_at=timezone.now())
    assert titles(q="guide", sort=SORT_DATE) == ["Guide récent", "Ancien guide"]
    assert titles() == ["Guide récent", "Ancien guide"]


def test_a_search_is_cached_by_the_resources_data_version():
    ResourceFactory(title="Compostage partagé")
    assert titles(q="compostage") == ["Compostage partagé"]
    ResourceFactory(title="Compostage au jardin")
    assert len(titles(q="compostage")) == 2


def test_a_renamed_theme_is_searched_by_its_new_label():
    from places.resources.models import Theme

    ResourceFactory(title="Premier pas", themes=["cooperation"])
    Theme.objects.filter(slug="cooperation").update(label="Alliances rurales")
    assert titles(q="alliances") == ["Premier pas"]
