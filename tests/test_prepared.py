"""The fast path of a results page: the selector's SQL compiled once per shape, then filled."""

from datetime import UTC, datetime

import pytest

from places import geo, selectors
from places.models import Place
from places.prepared import Hole, Slot, compile_template
from places.selectors import FULL_TEXT, TYPOS, PlaceFilters, PlaceResults, place_search
from tests.factories import PlaceFactory, seed_places

pytestmark = pytest.mark.django_db

MONDAY_NOON = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)


def templates(filters: PlaceFilters, mode: str = FULL_TEXT) -> dict:
    """Every template the site compiles for this search, by kind."""
    slots = selectors._slots(filters, selectors._values(filters), text_mode=mode)
    kinds = {
        "queryset": compile_template(selectors._build(slots)),
        "rows": selectors._rows_template(slots),
        "count": selectors._count_template(slots),
        "exists": selectors._exists_template(slots),
    }
    if selectors._tiered(slots):
        for tier in (selectors.NAMES, selectors.OTHERS):
            kinds[tier] = selectors._rows_template(slots, kind=tier)
    return kinds


BOCAGE = geo.parse_bbox("-0.9,48.5,-0.2,48.9")
FLERS = geo.make_point(lat=48.75, lon=-0.57)
# Pairs of searches of one shape: only the values differ.
SAME_SHAPE = [
    (PlaceFilters(q="fablab"), PlaceFilters(q="jardin partagé")),
    (PlaceFilters(q="?!"), PlaceFilters(q="…")),  # nothing searchable
    (PlaceFilters(types=("fablab",)), PlaceFilters(types=("coworking", "jardin-partage"))),
    (PlaceFilters(services=("wifi",)), PlaceFilters(services=("impression",))),
    (PlaceFilters(services=("wifi", "cafe")), PlaceFilters(services=("impression", "wifi"))),
    (PlaceFilters(commune="Flers"), PlaceFilters(commune="La Ferté-Macé")),
    (PlaceFilters(bbox=geo.parse_bbox("-1,48,0,49")), PlaceFilters(bbox=BOCAGE)),
    (
        PlaceFilters(origin=geo.make_point(lat=48.7, lon=-0.5), radius_km=10),
        PlaceFilters(origin=geo.make_point(lat=48.6, lon=-0.3), radius_km=50),
    ),
    (
        PlaceFilters(open_now=True, now=MONDAY_NOON),
        PlaceFilters(open_now=True, now=datetime(2026, 6, 7, 3, 0, tzinfo=UTC)),
    ),
    (
        PlaceFilters(
            q="atelier", types=("fablab",), services=("wifi",), commune="Flers", bbox=BOCAGE
        ),
        PlaceFilters(
            q="café vélo",
            types=("recyclerie",),
            services=("cafe",),
            commune="Messei",
            bbox=geo.parse_bbox("-1,48,0,49"),
        ),
    ),
    (
        PlaceFilters(q="atelier", origin=FLERS, radius_km=20, open_now=True, now=MONDAY_NOON),
        PlaceFilters(q="grange", origin=geo.make_point(lat=48.6, lon=-0.3), radius_km=5,
                     open_now=True, now=datetime(2026, 6, 7, 3, 0, tzinfo=UTC)),
    ),
]  # fmt: skip


# Typos change the templates of a text only.
PAIRS = [(*pair, FULL_TEXT) for pair in SAME_SHAPE] + [
    (*pair, TYPOS) for pair in SAME_SHAPE if pair[0].q
]


@pytest.mark.parametrize(("first", "second", "mode"), PAIRS)
def test_no_value_of_a_search_is_baked_into_its_templates(first, second, mode):
    PlaceFactory(opening_hours="Mo-Fr 09:00-18:00")
    one, other = templates(first, mode), templates(second, mode)
    assert one.keys() == other.keys()
    for kind, template in one.items():
        # Same SQL, same constants: every value of the search is a hole.
        assert template == other[kind], kind
    assert any(isinstance(p, Hole) for p in one["queryset"].params)


def test_typos_have_their_own_template():
    filters = PlaceFilters(q="bergerei")
    full_text, typos = templates(filters, FULL_TEXT), templates(filters, TYPOS)
    assert any(isinstance(p, Hole) and p.name == "tsquery" for p in full_text["rows"].params)
    assert any(isinstance(p, Hole) and p.name == "words" for p in typos["rows"].params)
    assert not any(isinstance(p, Hole) and p.name == "tsquery" for p in typos["rows"].params)


def test_a_slot_whose_sql_depends_on_its_value_is_refused():
    lambert = geo.make_point(lat=48.7, lon=-0.5)
    lambert.transform(2154)
    with pytest.raises(ValueError, match="WGS 84"):
        geo.ewkt(lambert)
    field = selectors.SLOT_FIELDS["bbox"]
    box = BOCAGE.polygon()
    box.srid = 2154  # a box in another system gets an ST_Transform around it
    slots = selectors.Slots({"bbox": box}, {"bbox": field})
    with pytest.raises(ValueError, match="not a placeholder"):
        compile_template(selectors._build(slots))


def test_a_slot_needs_a_value():
    with pytest.raises(ValueError, match="origin"):
        Slot("origin", None)


SEARCHES = [
    PlaceFilters(),
    PlaceFilters(q="fablab"),
    PlaceFilters(q="bergerei"),  # typos of "Bergerie"
    PlaceFilters(q="?!"),  # nothing searchable
    PlaceFilters(types=("coworking", "cafe-associatif")),
    PlaceFilters(services=("wifi", "impression")),
    PlaceFilters(commune="flers"),
    PlaceFilters(bbox=geo.parse_bbox("-0.7,48.55,-0.4,48.8")),
    PlaceFilters(origin=geo.make_point(lat=48.7, lon=-0.5)),
    PlaceFilters(origin=geo.make_point(lat=48.7, lon=-0.5), radius_km=15, q="atelier"),
    PlaceFilters(open_now=True, now=MONDAY_NOON, types=("fablab",)),
]


def varied_places(count: int = 72) -> None:
    """Places around Flers whose names, types, services, hours and communes vary on
    different cycles, so that every search of SEARCHES keeps some and drops others."""
    names = ["Atelier", "Fablab", "Grange", "Café"]
    types = [["fablab"], ["coworking"], ["cafe-associatif", "fablab"]]
    services = [["wifi"], ["wifi", "impression"], [], ["impression"]]
    opening = ["Mo-Fr 09:00-18:00", "off", "", "Sa 09:00-12:00", "24/7"]
    for i in range(count):
        PlaceFactory(
            name=f"{names[i % 4]} n° {i}",
            lat=48.45 + (i % 9) * 0.06,
            lon=-0.95 + (i // 9) * 0.08,
            commune=["Flers", "Messei"][i % 2],
            types=types[i % 3],
            services=services[i % 4],
            opening_hours=opening[i % 5],
        )
    PlaceFactory(name="La Bergerie du Houlme", commune="Flers", types=["fablab"])


EVERY_PLACE = [PlaceFilters(), PlaceFilters(q="?!"), SEARCHES[8]]  # no filter: an order only


@pytest.mark.parametrize("filters", SEARCHES)
def test_a_page_of_results_is_the_selectors_page(filters):
    varied_places()
    total = Place.objects.count()
    expected = list(place_search(filters=filters))
    if filters not in EVERY_PLACE:
        assert 0 < len(expected) < total  # the filter keeps some places, not all
    results = PlaceResults(filters)
    assert results.count() == len(expected)
    for start in (0, 20, len(expected) - 1):
        start = max(start, 0)
        cards = PlaceResults(filters)[start : start + 20]
        assert [c.pk for c in cards] == [p.pk for p in expected[start : start + 20]]
    if filters.origin is not None:
        cards = PlaceResults(filters)[0:20]
        assert [c.distance_m for c in cards] == pytest.approx([p.distance_m for p in expected[:20]])


def test_a_card_has_what_the_list_shows():
    place = PlaceFactory(name="Le Fablab des Prés", lat=48.75, lon=-0.57, commune="Flers")
    (card,) = PlaceResults(PlaceFilters(q="fablab"))[0:20]
    assert (card.pk, card.name, card.commune, card.slug) == (
        place.pk,
        "Le Fablab des Prés",
        "Flers",
        place.slug,
    )
    assert (card.latitude, card.longitude) == pytest.approx((48.75, -0.57))
    assert card.get_absolute_url() == place.get_absolute_url()
    assert card.rank > 0 and card.distance_m is None


def name_and_text_matches(names: int, others: int) -> None:
    for n in range(names):
        PlaceFactory(name=f"Fablab n° {n}", slug=f"fablab-{n}")
    for n in range(others):
        PlaceFactory(name=f"La Grange {n}", slug=f"grange-{n}", summary="Un fablab au fond.")


def test_places_matching_by_name_come_first_on_every_page():
    name_and_text_matches(25, 10)
    expected = [p.slug for p in place_search(filters=PlaceFilters(q="fablab"))]
    assert all(slug.startswith("fablab-") for slug in expected[:25])
    assert all(slug.startswith("grange-") for slug in expected[25:])
    for start in (0, 20, 30):
        counted = PlaceResults(PlaceFilters(q="fablab"))
        assert counted.count() == 35
        assert [c.slug for c in counted[start : start + 20]] == expected[start : start + 20]
        # Not counted first: a later page counts to find where the names end.
        uncounted = PlaceResults(PlaceFilters(q="fablab"))[start : start + 20]
        assert [c.slug for c in uncounted] == expected[start : start + 20]


def test_a_page_filled_by_name_matches_costs_one_query(django_assert_num_queries):
    name_and_text_matches(21, 3)
    PlaceResults(PlaceFilters(q="fablab"))[0:20]  # compiles the templates
    with django_assert_num_queries(1):
        cards = PlaceResults(PlaceFilters(q="fablab"))[0:20]
    assert len(cards) == 20 and all(c.name.startswith("Fablab") for c in cards)
    with django_assert_num_queries(2):  # the names do not fill the page: the others too
        cards = PlaceResults(PlaceFilters(q="grange"))[0:20]
    assert len(cards) == 3


def test_typos_are_tried_only_when_the_full_text_finds_nothing():
    PlaceFactory(name="La Bergerie du Houlme")
    PlaceFactory(name="Le Fab Lab du Bocage")
    PlaceFactory(name="Le Fablab des Prés")
    assert [c.name for c in PlaceResults(PlaceFilters(q="bergerei"))[0:20]] == [
        "La Bergerie du Houlme"
    ]
    assert [c.name for c in PlaceResults(PlaceFilters(q="fablab"))[0:20]] == ["Le Fablab des Prés"]
    # Past the last place the full text finds: still the full text, not the typos (which
    # would give "Le Fab Lab du Bocage" here).
    assert PlaceResults(PlaceFilters(q="fablab"))[1:21] == []


def test_pages_read_through_the_indexes():
    seed_places(3000)
    PlaceFactory(name="La Bergerie du Houlme")
    knn = PlaceResults(PlaceFilters(origin=geo.make_point(lat=48.7, lon=-0.5))).explain()
    assert "Index Scan using places_place_location" in knn
    assert "Sort" not in knn
    full_text = PlaceResults(PlaceFilters(q="bergerie")).explain()
    assert "place_name_search_idx" in full_text  # names first,
    assert "place_search_idx" in full_text  # then the others
    assert "Seq Scan on places_place" not in full_text
    typos = PlaceResults(PlaceFilters(q="bergerei"))
    typos.count()  # decides the typos
    plan = typos.explain()
    assert "place_name_trgm_idx" in plan
    assert "Seq Scan on places_place" not in plan


def test_counts_are_kept_until_the_directory_changes(django_assert_num_queries):
    PlaceFactory(name="Le Fablab des Prés")
    PlaceFactory(name="La Bergerie du Houlme")
    assert PlaceResults(PlaceFilters(q="fablab")).count() == 1
    assert PlaceResults(PlaceFilters(q="bergerei")).count() == 1
    with django_assert_num_queries(2):  # the data version, then the page: no count
        typos = PlaceResults(PlaceFilters(q="bergerei"))
        assert typos.count() == 1
        assert [c.name for c in typos[0:20]] == ["La Bergerie du Houlme"]
    PlaceFactory(name="Le Fablab du Bocage")
    assert PlaceResults(PlaceFilters(q="fablab")).count() == 2


def test_open_hours_are_read_once_a_minute_and_data_version(django_assert_num_queries):
    PlaceFactory(name="Ouvert en semaine", opening_hours="Mo-Fr 09:00-18:00")
    PlaceFactory(name="Fermé", opening_hours="off")
    monday = PlaceFilters(open_now=True, now=MONDAY_NOON)
    assert [c.name for c in PlaceResults(monday)[0:20]] == ["Ouvert en semaine"]
    with django_assert_num_queries(2):  # the data version, the page: the hours are kept
        assert [c.name for c in PlaceResults(monday)[0:20]] == ["Ouvert en semaine"]
    PlaceFactory(name="Toujours ouvert", opening_hours="24/7")  # a new data version
    assert [c.name for c in PlaceResults(monday)[0:20]] == ["Ouvert en semaine", "Toujours ouvert"]
