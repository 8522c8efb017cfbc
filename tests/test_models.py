"""The place model: validation people can read, invariants the database keeps."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from places import geo
from places.models import DataVersion, Place, PlaceType
from tests.factories import PlaceFactory, place_type

pytestmark = pytest.mark.django_db


def valid_place(**overrides) -> Place:
    fields = {
        "name": "La Grange",
        "slug": "la-grange",
        "commune": "Flers",
        "location": geo.make_point(lat=48.75, lon=-0.57),
        "status": Place.Status.PUBLISHED,
        **overrides,
    }
    return Place(**fields)


def test_the_place_types_are_the_france_tiers_lieux_families_plus_the_bocage_ones():
    slugs = list(PlaceType.objects.values_list("slug", flat=True))
    assert len(slugs) == 13
    families = dict(PlaceType.objects.values_list("slug", "family"))
    assert families["fablab"] == "ftl"
    assert families["recyclerie"] == "bocage"
    assert all(t.icon and t.colour.startswith("#") for t in PlaceType.objects.all())


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("postcode", "6110"),
        ("postcode", "ABCDE"),
        ("opening_hours", "Mo-Fr 25:00-26:00"),
        ("opening_hours", "tous les jours"),
        ("email", "pas-un-courriel"),
        ("website", "javascript:alert(1)"),
        ("phone", "appelez-nous"),
        ("slug", "resultats"),
        ("status", "secret"),
    ],
)
def test_full_clean_rejects_bad_values_with_a_message(field, value):
    place = valid_place(**{field: value})
    with pytest.raises(ValidationError) as error:
        place.full_clean(exclude=["types"])
    assert field in error.value.message_dict
    assert error.value.message_dict[field][0]


def test_a_valid_place_passes_full_clean():
    valid_place(opening_hours="Mo-Fr 09:00-12:00,14:00-18:00; PH off").full_clean()


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": "secret"},
        {"postcode": "123"},
        {"name": ""},
        {"slug": ""},
        {"slug": "proposer"},
    ],
)
def test_the_database_refuses_what_validation_refuses(overrides):
    with pytest.raises(IntegrityError), transaction.atomic():
        valid_place(**overrides).save()


def test_slugs_are_unique():
    PlaceFactory(slug="la-grange")
    with pytest.raises(IntegrityError), transaction.atomic():
        PlaceFactory(slug="la-grange")


def test_only_published_places_are_public():
    for status in ("draft", "pending", "published", "archived"):
        PlaceFactory(slug=f"lieu-{status}", status=status)
    assert list(Place.objects.published().values_list("slug", flat=True)) == ["lieu-published"]


def test_the_search_vector_follows_names_types_and_services():
    place = PlaceFactory(name="La Grange", types=["fablab"], services=["wifi"])
    place.refresh_from_db()
    lexemes = str(place.search_vector)
    assert "'grang'" in lexemes
    assert "'fablab'" in lexemes and "'wif'" in lexemes
    place.types.set([place_type("jardin-partage")])
    place.refresh_from_db()
    assert "'fablab'" not in str(place.search_vector)
    assert "'jardin'" in str(place.search_vector)


def test_renaming_a_type_updates_the_search_of_its_places():
    place = PlaceFactory(types=["fablab"])
    PlaceType.objects.filter(slug="fablab").update(label="Atelier numérique")
    place.refresh_from_db()
    assert "'numer'" in str(place.search_vector)


def test_every_write_bumps_the_data_version():
    versions = [DataVersion.current("places").version]
    place = PlaceFactory()
    versions.append(DataVersion.current("places").version)
    place.name = "Renommé"
    place.save()
    versions.append(DataVersion.current("places").version)
    place.types.add(place_type("fablab"))
    versions.append(DataVersion.current("places").version)
    Place.objects.filter(pk=place.pk).delete()
    versions.append(DataVersion.current("places").version)
    assert versions == sorted(set(versions))
