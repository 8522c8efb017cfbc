"""The calendar feeds: valid iCalendar that, expanded by recurring-ical-events, gives the
occurrences /api/events/ lists for the same window."""

from datetime import date, datetime, time, timedelta

import icalendar
import pytest
import recurring_ical_events
from django.utils import timezone

from places.events import services
from places.events.models import OccurrenceChange
from places.events.recurrence import PARIS
from tests.events.test_faces import at
from tests.factories import PlaceFactory, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def series():
    """A weekly workshop across the end of October (the daylight-saving change) with an
    exception date, a moved date and a cancelled one; a one-off; an all-day market."""
    place = PlaceFactory(slug="la-grange", name="La Grange")
    other = PlaceFactory(slug="ailleurs", name="Ailleurs")
    year = timezone.localdate().year + 1
    first = date(year, 10, 1)
    first += timedelta(days=(1 - first.weekday()) % 7)  # the first Tuesday of October
    start = datetime.combine(first, time(18), tzinfo=PARIS)
    weekly = make_event(
        place=place,
        title="Atelier couture",
        start=start,
        end=start + timedelta(hours=2),
        rule=f"FREQ=WEEKLY;BYDAY=TU;UNTIL={year}1130T225959Z",
        exdates=[first + timedelta(days=7)],
    )
    moved = first + timedelta(days=16)
    OccurrenceChange.objects.create(
        event=weekly,
        original_date=first + timedelta(days=14),
        start=datetime.combine(moved, time(19), tzinfo=PARIS),
        end=datetime.combine(moved, time(21), tzinfo=PARIS),
    )
    # After the change to winter time (the last Sunday of October).
    services.occurrence_cancel(event=weekly, original_date=first + timedelta(days=28))
    make_event(place=place, title="Conférence", start=datetime(year, 10, 28, 20, tzinfo=PARIS))
    make_event(
        place=place,
        title="Marché",
        all_day=True,
        start=datetime(year, 11, 7, tzinfo=PARIS),
        end=datetime(year, 11, 9, tzinfo=PARIS),
    )
    make_event(place=other, title="Ailleurs", start=datetime(year, 10, 15, 10, tzinfo=PARIS))
    return {"event": weekly, "year": year, "first": first}


def _normal(value):
    return value.isoformat() if isinstance(value, datetime) else value.isoformat()


def _expanded(body: bytes, first: date, last: date) -> list[tuple]:
    calendar = icalendar.Calendar.from_ical(body)
    found = recurring_ical_events.of(calendar).between(first, last + timedelta(days=1))
    return sorted(
        (
            str(c["SUMMARY"]),
            _normal(
                c.DTSTART if not isinstance(c.DTSTART, datetime) else c.DTSTART.astimezone(PARIS)
            ),
            _normal(c.DTEND if not isinstance(c.DTEND, datetime) else c.DTEND.astimezone(PARIS)),
            "cancelled" if str(c.get("STATUS")) == "CANCELLED" else "scheduled",
        )
        for c in found
    )


def _listed(client, query: str) -> list[tuple]:
    items = client.get(f"/api/events/?{query}&page_size=100").json()["results"]
    return sorted((i["title"], i["start"], i["end"], i["status"]) for i in items)


@pytest.mark.parametrize("path", ["/agenda.ics", "/lieux/la-grange/agenda.ics"])
def test_a_feed_expanded_gives_the_occurrences_the_api_lists(client, series, path):
    first, last = date(series["year"], 10, 1), date(series["year"], 11, 30)
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    query = f"from={first}&to={last}"
    if "la-grange" in path:
        query += "&place=la-grange"
    expanded = _expanded(response.content, first, last)
    assert expanded == _listed(client, query)
    starts = [start for title, start, _end, _status in expanded if title == "Atelier couture"]
    day = series["first"]
    assert f"{day + timedelta(days=7)}T18:00:00+02:00" not in starts  # the exception date
    assert f"{day + timedelta(days=16)}T19:00:00+02:00" in starts  # the moved date
    assert f"{day + timedelta(days=35)}T18:00:00+01:00" in starts  # winter time: still 18:00
    cancelled = {(t, s) for t, s, _e, status in expanded if status == "cancelled"}
    assert cancelled == {("Atelier couture", f"{day + timedelta(days=28)}T18:00:00+01:00")}


def test_a_feed_is_one_vevent_per_series_with_rrule_exdate_and_recurrence_ids(client, series):
    calendar = icalendar.Calendar.from_ical(client.get("/lieux/la-grange/agenda.ics").content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    couture = [e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == "Atelier couture"]
    main = [e for e in couture if "RECURRENCE-ID" not in e]
    assert len(main) == 1 and "RRULE" in main[0] and "EXDATE" in main[0]
    assert main[0]["DTSTART"].params["TZID"] == "Europe/Paris"
    overrides = [e for e in couture if "RECURRENCE-ID" in e]
    assert len(overrides) == 2
    assert {str(e["UID"]) for e in couture} == {str(main[0]["UID"])}
    assert {str(e.get("STATUS")) for e in overrides} == {"CONFIRMED", "CANCELLED"}
    assert "Ailleurs" not in {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}


def test_uids_stay_and_sequence_grows_across_edits(client, series):
    event = series["event"]

    def component():
        calendar = icalendar.Calendar.from_ical(client.get(f"/agenda/{event.slug}.ics").content)
        return next(e for e in calendar.walk("VEVENT") if "RECURRENCE-ID" not in e)

    before = component()
    event.title = "Atelier couture et tricot"
    services.event_save(event=event)
    after = component()
    assert str(after["UID"]) == str(before["UID"])
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert str(after["SUMMARY"]) == "Atelier couture et tricot"


def test_a_cancelled_event_is_status_cancelled_in_the_feed(client, series):
    services.event_cancel(event=series["event"])
    calendar = icalendar.Calendar.from_ical(client.get("/agenda.ics").content)
    statuses = {
        str(e.get("STATUS"))
        for e in calendar.walk("VEVENT")
        if str(e["SUMMARY"]) == "Atelier couture"
    }
    assert statuses == {"CANCELLED"}


def test_the_agendas_filters_work_on_the_feed(client, series):
    calendar = icalendar.Calendar.from_ical(client.get("/agenda.ics?q=conference").content)
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Conférence"]


def test_the_one_off_event_feed_for_add_to_my_calendar(client, series):
    response = client.get("/agenda/conference.ics")
    calendar = icalendar.Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert at(date(series["year"], 10, 28), 20) == event.DTSTART
