"""The agenda's faces (HTML, API, GeoJSON, feeds): the same filters, the same occurrences."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from places.events import services
from places.events.models import Category, Status
from places.events.recurrence import PARIS
from tests.factories import PlaceFactory, make_event

pytestmark = pytest.mark.django_db


def at(day: date, hour: int = 18) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=PARIS)


@pytest.fixture
def agenda():
    today = timezone.localdate()
    flers = PlaceFactory(slug="la-grange", name="La Grange", commune="Flers")
    domfront = PlaceFactory(
        slug="cafe-des-pres", name="Café des Prés", commune="Domfront", lat=48.5922, lon=-0.6464
    )
    return {
        "repair": make_event(
            place=flers,
            title="Repair café mensuel",
            category=Category.REPAIR,
            is_free=True,
            start=at(today + timedelta(days=3)),
            rule="FREQ=WEEKLY;COUNT=3",
        ),
        "concert": make_event(
            place=domfront,
            title="Concert de musique traditionnelle",
            category=Category.CONCERT,
            price="8 €",
            start=at(today + timedelta(days=5), 20),
        ),
        "market": make_event(
            place=domfront,
            title="Marché de producteurs",
            category=Category.MARKET,
            all_day=True,
            start=at(today + timedelta(days=4), 0),
            end=at(today + timedelta(days=5), 0),
        ),
        "past": make_event(
            place=flers, title="Assemblée générale", start=at(today - timedelta(days=10))
        ),
        "today": today,
    }


def titles(response) -> list[str]:
    return [item["title"] for item in response.json()["results"]]


def test_the_api_lists_upcoming_occurrences_by_start_with_the_contract_fields(client, agenda):
    response = client.get("/api/events/")
    assert response.status_code == 200
    items = response.json()["results"]
    assert [i["title"] for i in items] == [
        "Repair café mensuel",
        "Marché de producteurs",
        "Concert de musique traditionnelle",
        "Repair café mensuel",
        "Repair café mensuel",
    ]
    first, market = items[0], items[1]
    assert first["start"] == at(agenda["today"] + timedelta(days=3)).isoformat()
    assert first["end"].endswith(("+01:00", "+02:00"))
    assert first["status"] == "scheduled" and first["all_day"] is False
    assert first["category"] == "reparation"
    assert first["place"]["slug"] == "la-grange"
    assert first["url"] == "http://testserver/agenda/repair-cafe-mensuel/"
    assert market["all_day"] is True
    assert market["start"] == (agenda["today"] + timedelta(days=4)).isoformat()
    assert market["end"] == (agenda["today"] + timedelta(days=5)).isoformat()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("category=concert", ["Concert de musique traditionnelle"]),
        ("place=la-grange", ["Repair café mensuel"] * 3),
        ("commune=domfront", ["Marché de producteurs", "Concert de musique traditionnelle"]),
        ("gratuit=1", ["Repair café mensuel"] * 3),
        ("q=musique", ["Concert de musique traditionnelle"]),
        ("q=marches", ["Marché de producteurs"]),  # stems and accents
        ("q=concrt", ["Concert de musique traditionnelle"]),  # a typo
        (
            "bbox=-0.7,48.55,-0.6,48.62",
            ["Marché de producteurs", "Concert de musique traditionnelle"],
        ),
    ],
)
def test_each_filter_of_the_api(client, agenda, query, expected):
    response = client.get(f"/api/events/?{query}")
    assert response.status_code == 200, response.content
    assert titles(response) == expected


def test_dates_from_and_to_are_inclusive_days(client, agenda):
    day = agenda["today"] + timedelta(days=4)
    response = client.get(f"/api/events/?from={day}&to={day + timedelta(days=1)}")
    assert titles(response) == ["Marché de producteurs", "Concert de musique traditionnelle"]
    past = agenda["today"] - timedelta(days=10)
    assert titles(client.get(f"/api/events/?from={past}&to={past}")) == ["Assemblée générale"]


def test_near_orders_by_distance_with_distance_km(client, agenda):
    response = client.get("/api/events/?near=48.5922,-0.6464&rayon=10")
    items = response.json()["results"]
    assert {i["title"] for i in items} == {
        "Marché de producteurs",
        "Concert de musique traditionnelle",
    }
    assert all(i["distance_km"] < 0.1 for i in items)
    far = client.get("/api/events/?near=48.5922,-0.6464").json()["results"]
    assert far[-1]["place"]["slug"] == "la-grange" and far[-1]["distance_km"] > 15


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("from=not-a-date", "from"),
        ("to=2026-13-40", "to"),
        ("from=2027-02-10&to=2027-02-01", "to"),
        ("from=0001-01-01", "from"),
        ("near=abc", "near"),
        ("rayon=-1&near=48.7,-0.5", "rayon"),
        ("category=nope", "category"),
        ("bbox=1,2,3", "bbox"),
    ],
)
def test_bad_parameters_are_a_json_400_naming_them(client, agenda, query, name):
    for path in ("/api/events/", "/api/events.geojson"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 400, (path, response.content)
        assert name in response.json()["errors"]


def test_bad_dates_on_the_feed_and_the_page_are_4xx_or_a_form_error(client, agenda):
    assert client.get("/agenda.ics?from=not-a-date").status_code == 400
    page = client.get("/agenda/?from=2027-02-10&to=2027-02-01")
    assert page.status_code == 200
    assert "La date de fin précède la date de début." in page.content.decode()


def test_the_geojson_has_the_occurrences_in_lon_lat(client, agenda):
    response = client.get("/api/events.geojson?category=concert")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    (feature,) = response.json()["features"]
    assert feature["geometry"]["coordinates"] == [-0.6464, 48.5922]
    assert feature["properties"]["title"] == "Concert de musique traditionnelle"
    assert feature["properties"]["url"].endswith("/agenda/concert-de-musique-traditionnelle/")
    start = datetime.fromisoformat(feature["properties"]["start"])
    assert start == at(agenda["today"] + timedelta(days=5), 20)
    # A whole day has dates, as in /api/events/.
    (market,) = client.get("/api/events.geojson?category=marche").json()["features"]
    assert market["properties"]["all_day"] is True
    assert market["properties"]["start"] == (agenda["today"] + timedelta(days=4)).isoformat()
    assert market["properties"]["end"] == (agenda["today"] + timedelta(days=5)).isoformat()


def test_the_agenda_groups_by_day_and_filters(client, agenda):
    page = client.get("/agenda/").content.decode()
    assert page.count('class="agenda-day"') == 5
    assert "Assemblée générale" not in page
    filtered = client.get("/agenda/?category=concert").content.decode()
    assert "Concert de musique traditionnelle" in filtered
    assert "Repair café mensuel" not in filtered


def test_the_named_periods(client, agenda):
    from places.events import forms

    assert forms.period_dates("weekend", date(2026, 12, 2)) == (
        date(2026, 12, 5),
        date(2026, 12, 6),
    )
    assert forms.period_dates("weekend", date(2026, 12, 6)) == (
        date(2026, 12, 6),
        date(2026, 12, 6),
    )
    assert forms.period_dates("semaine", date(2026, 12, 2)) == (
        date(2026, 12, 2),
        date(2026, 12, 6),
    )
    # A whole day today is upcoming whatever the hour: today's only occurrence.
    make_event(
        place=agenda["repair"].place,
        title="Journée portes ouvertes",
        all_day=True,
        start=at(agenda["today"], 0),
        end=at(agenda["today"] + timedelta(days=1), 0),
    )
    assert titles(client.get("/api/events/?quand=aujourdhui")) == ["Journée portes ouvertes"]
    assert len(titles(client.get("/api/events/"))) == 6


def test_an_event_page_has_its_schema_org_event(client, agenda):
    services.event_cancel(event=agenda["concert"])
    page = client.get("/agenda/concert-de-musique-traditionnelle/").content.decode()
    assert '"eventStatus": "https://schema.org/EventCancelled"' in page
    assert '"eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode"' in page
    assert '"@type": "Offer"' in page and '"price": "8 €"' in page
    assert '"addressLocality": "Domfront"' in page
    assert "/agenda/concert-de-musique-traditionnelle.ics" in page
    # Cancelled, it stays in the agenda, as cancelled.
    items = client.get("/api/events/?category=concert").json()["results"]
    assert [i["status"] for i in items] == [Status.CANCELLED]


def test_the_place_page_lists_its_next_events_and_links_its_past_ones(client, agenda):
    page = client.get("/lieux/la-grange/").content.decode()
    assert "Repair café mensuel" in page
    assert "/lieux/la-grange/agenda/passe/" in page
    archive = client.get("/lieux/la-grange/agenda/passe/").content.decode()
    assert "Assemblée générale" in archive and "Repair café mensuel" not in archive


def test_the_sitemap_has_the_events(client, agenda):
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-evenements.xml" in index
    section = client.get("/sitemap-evenements.xml").content.decode()
    assert "/agenda/concert-de-musique-traditionnelle/" in section


def test_the_site_wide_search_has_the_upcoming_events(client, agenda):
    page = client.get("/recherche/?q=concert").content.decode()
    assert "Concert de musique traditionnelle" in page
    assert "/agenda/?q=concert" in page


def test_the_agenda_accepts_the_parameters_its_openapi_lists_and_no_place_only_filter(client):
    from places.events.api import PARAMETERS
    from places.events.forms import EventSearchForm

    assert set(EventSearchForm().fields) == {parameter.name for parameter in PARAMETERS}
    # A filter of places only (a room's capacity) is not one of the agenda's: not a 400.
    assert client.get("/api/events/?capacite=beaucoup").status_code == 200
    assert client.get("/api/events/?rayon=beaucoup&near=48.7,-0.5").status_code == 400
