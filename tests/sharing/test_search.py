"""Finding spaces and equipment: capacity, kind, distance, text (accents, typos), free,
accessible, place; only those of published places."""

import pytest

from places import geo
from places.models import Place
from places.sharing.filters import SharedFilters
from places.sharing.models import Equipment, Space
from places.sharing.selectors import shared_search
from tests.factories import EquipmentFactory, PlaceFactory, SpaceFactory

pytestmark = pytest.mark.django_db

FLERS = geo.make_point(lat=48.7483, lon=-0.5694)


def names(rows) -> list[str]:
    return [row.name for row in rows]


def spaces(**filters) -> list[str]:
    return names(shared_search(model=Space, filters=SharedFilters(**filters)))


def equipment(**filters) -> list[str]:
    return names(shared_search(model=Equipment, filters=SharedFilters(**filters)))


def test_capacity_keeps_the_spaces_for_at_least_that_many_people():
    SpaceFactory(name="Petite salle", capacity=8)
    SpaceFactory(name="Grande salle", capacity=40)
    SpaceFactory(name="Salle de vingt", capacity=20)
    assert sorted(spaces(capacity=20)) == ["Grande salle", "Salle de vingt"]


def test_kind_filters_spaces_and_equipment():
    SpaceFactory(name="Atelier bois", kind="workshop")
    SpaceFactory(name="Salle du conseil", kind="meeting_room")
    EquipmentFactory(name="Trotec", kind="laser_cutter")
    EquipmentFactory(name="Prusa", kind="printer_3d")
    assert spaces(kinds=("workshop",)) == ["Atelier bois"]
    assert equipment(kinds=("laser_cutter",)) == ["Trotec"]


def test_nearest_first_within_the_radius_with_the_distance():
    near = PlaceFactory(lat=48.75, lon=-0.57)
    far = PlaceFactory(lat=48.56, lon=-0.39)  # La Ferté-Macé, ~25 km
    very_far = PlaceFactory(lat=49.18, lon=-0.37)  # Caen, ~50 km
    SpaceFactory(place=far, name="Loin")
    SpaceFactory(place=near, name="Près")
    SpaceFactory(place=very_far, name="Très loin")
    rows = list(shared_search(model=Space, filters=SharedFilters(origin=FLERS, radius_km=30)))
    assert names(rows) == ["Près", "Loin"]
    assert rows[0].distance_m < 1000 < rows[1].distance_m < 30000


def test_text_finds_accents_plurals_and_the_place_commune():
    place = PlaceFactory(commune="La Ferté-Macé")
    SpaceFactory(place=place, name="Salle des fêtes", equipment="Vidéoprojecteur, sono")
    SpaceFactory(name="Bureau partagé", kind="office")
    assert spaces(q="fete") == ["Salle des fêtes"]
    assert spaces(q="videoprojecteurs") == ["Salle des fêtes"]
    assert spaces(q="ferte") == ["Salle des fêtes"]
    assert spaces(q="coworking") == ["Bureau partagé"]


def test_text_with_a_typo_finds_the_name():
    EquipmentFactory(name="Découpeuse laser Trotec", kind="laser_cutter")
    EquipmentFactory(name="Camion benne", kind="van")
    assert equipment(q="decoupeuze") == ["Découpeuse laser Trotec"]


def test_free_keeps_what_costs_nothing():
    SpaceFactory(name="Payante", price_kind="per_day", price_amount=80)
    SpaceFactory(name="Offerte", price_kind="free", price_amount=None)
    assert spaces(free=True) == ["Offerte"]


def test_accessible_keeps_the_spaces_of_places_with_wheelchair_access():
    SpaceFactory(name="De plain-pied", place=PlaceFactory(wheelchair="yes"))
    SpaceFactory(name="À l’étage", place=PlaceFactory(wheelchair="limited"))
    SpaceFactory(name="Inconnu")
    assert spaces(accessible=True) == ["De plain-pied"]


def test_place_keeps_one_place_s_spaces():
    place = PlaceFactory(slug="la-grange")
    SpaceFactory(place=place, name="Grange")
    SpaceFactory(name="Ailleurs")
    assert spaces(place="la-grange") == ["Grange"]


def test_only_the_spaces_and_equipment_of_published_places():
    draft = PlaceFactory(status=Place.Status.DRAFT)
    SpaceFactory(place=draft, name="Brouillon")
    EquipmentFactory(place=draft, name="Caché")
    SpaceFactory(name="Publiée")
    EquipmentFactory(name="Public")
    assert spaces() == ["Publiée"]
    assert equipment() == ["Public"]


def test_a_place_renamed_has_its_spaces_found_by_its_new_name_and_commune():
    place = PlaceFactory(name="La Grange", commune="Flers")
    SpaceFactory(place=place, name="Salle du haut")
    EquipmentFactory(place=place, name="Perceuse")
    assert spaces(q="grange") == ["Salle du haut"]
    place.name, place.commune = "La Filature", "Domfront"
    place.save()
    assert spaces(q="filature") == ["Salle du haut"]
    assert equipment(q="domfront") == ["Perceuse"]
    assert spaces(q="grange") == []


def test_price_in_words():
    assert SpaceFactory.build(price_kind="per_hour", price_amount=15).price_words() == (
        "15 € de l’heure"
    )
    assert SpaceFactory.build(price_kind="per_day", price_amount=82.5).price_words() == (
        "82,50 € la journée"
    )
    assert SpaceFactory.build(price_kind="free", price_text="pour les adhérents").price_words() == (
        "Gratuit (pour les adhérents)"
    )
    assert SpaceFactory.build(price_kind="on_request").price_words() == "Tarif sur demande"


def test_a_change_bumps_the_sharing_data_version_only():
    from places.models import DataVersion

    space = SpaceFactory()
    places_before = DataVersion.current("places").version
    sharing_before = DataVersion.current("sharing").version
    space.capacity = 30
    space.save()
    assert DataVersion.current("sharing").version > sharing_before
    assert DataVersion.current("places").version == places_before


def test_a_place_just_published_has_its_equipment_found_by_its_conditions():
    """How a text is looked for is kept per data version: the places' publication counts."""
    place = PlaceFactory(status=Place.Status.DRAFT)
    EquipmentFactory(place=place, name="Perceuse", conditions="Prêtée aux adhérents")
    assert equipment(q="adherents") == []
    place.status = Place.Status.PUBLISHED
    place.save()
    assert equipment(q="adherents") == ["Perceuse"]
