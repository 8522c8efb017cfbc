"""Recurrence expansion: local times kept across daylight-saving changes, exception dates,
moved and cancelled occurrences."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from places.events import recurrence, services
from places.events.models import OccurrenceChange, Status
from places.events.recurrence import PARIS
from tests.factories import make_event


def test_a_weekly_rule_keeps_its_local_time_across_the_autumn_change():
    start = datetime(2026, 10, 13, 18, 0, tzinfo=PARIS)  # Tuesdays, the change is on 25 Oct
    slots = recurrence.expand(
        start=start, end=start + timedelta(hours=2), rule="FREQ=WEEKLY;COUNT=4"
    )
    assert [s.start.time() for s in slots] == [time(18)] * 4
    assert [s.start.utcoffset() for s in slots] == [timedelta(hours=2)] * 2 + [
        timedelta(hours=1)
    ] * 2
    assert all(s.end - s.start == timedelta(hours=2) for s in slots)


def test_a_monthly_rule_keeps_its_local_time_across_the_spring_change():
    start = datetime(2027, 2, 6, 10, 0, tzinfo=PARIS)  # first Saturdays; change on 28 March
    slots = recurrence.expand(
        start=start, end=start + timedelta(hours=3), rule="FREQ=MONTHLY;BYDAY=1SA;COUNT=3"
    )
    assert [s.start.date() for s in slots] == [date(2027, 2, 6), date(2027, 3, 6), date(2027, 4, 3)]
    assert {s.start.time() for s in slots} == {time(10)}
    assert slots[-1].start.utcoffset() == timedelta(hours=2)


def test_exception_dates_are_left_out():
    start = datetime(2027, 1, 5, 18, tzinfo=PARIS)
    slots = recurrence.expand(
        start=start,
        end=start + timedelta(hours=1),
        rule="FREQ=WEEKLY;COUNT=4",
        exdates=[date(2027, 1, 12)],
    )
    assert [s.start.day for s in slots] == [5, 19, 26]


def test_until_is_written_in_utc_and_read_back():
    rule = recurrence.normalise_rule("RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630")
    assert "UNTIL=20270630T215959Z" in rule.split(";")
    start = datetime(2027, 6, 1, 18, tzinfo=PARIS)
    slots = recurrence.expand(start=start, end=start, rule=rule)
    assert [s.start.day for s in slots] == [1, 8, 15, 22, 29]


@pytest.mark.parametrize("rule", ["FREQ=SECONDLY", "FREQ=WEEKLY;BYDAY=XX", "bonjour"])
def test_unreadable_or_too_frequent_rules_are_refused(rule):
    with pytest.raises(ValueError):
        recurrence.normalise_rule(rule)


@pytest.mark.django_db
def test_a_series_materialises_its_occurrences_with_a_moved_and_a_cancelled_one():
    first = datetime(2027, 3, 2, 18, tzinfo=PARIS)  # Tuesdays, across the change of 28 March
    event = make_event(
        start=first,
        end=first + timedelta(hours=2),
        rule="FREQ=WEEKLY;COUNT=6",
        exdates=[date(2027, 3, 16)],
    )
    OccurrenceChange.objects.create(
        event=event,
        original_date=date(2027, 3, 23),
        start=datetime(2027, 3, 25, 19, tzinfo=PARIS),
        end=datetime(2027, 3, 25, 21, tzinfo=PARIS),
    )
    services.occurrence_cancel(event=event, original_date=date(2027, 4, 6))
    rows = [
        (o.start.astimezone(PARIS).replace(tzinfo=None), o.status)
        for o in event.occurrences.order_by("start")
    ]
    assert rows == [
        (datetime(2027, 3, 2, 18), Status.SCHEDULED),
        (datetime(2027, 3, 9, 18), Status.SCHEDULED),
        (datetime(2027, 3, 25, 19), Status.SCHEDULED),
        (datetime(2027, 3, 30, 18), Status.SCHEDULED),
        (datetime(2027, 4, 6, 18), Status.CANCELLED),
    ]
    event.refresh_from_db()
    assert event.sequence == 1  # the cancelled date is a change of the series


@pytest.mark.django_db
def test_an_endless_series_is_materialised_up_to_the_horizon():
    event = make_event(rule="FREQ=WEEKLY")
    last = event.occurrences.order_by("-start").first().start
    ahead = last - timezone.now()
    assert (
        timedelta(days=recurrence.HORIZON_DAYS - 7)
        < ahead
        <= timedelta(days=recurrence.HORIZON_DAYS)
    )


@pytest.mark.django_db
def test_occurrences_follow_their_place_when_it_moves():
    event = make_event()
    place = event.place
    from places import geo

    place.location = geo.make_point(lat=48.6, lon=-0.6)
    place.commune = "Domfront"
    place.save()
    occurrence = event.occurrences.get()
    assert (round(occurrence.location.y, 3), occurrence.commune) == (48.6, "Domfront")
