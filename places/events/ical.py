"""Calendar feeds written with the icalendar library (RFC 5545).

One VEVENT per event, series included (RRULE and EXDATE, as calendars expect them), and one
more per changed occurrence under the series' UID with its RECURRENCE-ID. UIDs are the
events' own (stable across edits), SEQUENCE grows with each change, times are in
Europe/Paris with its VTIMEZONE, cancelled events are STATUS:CANCELLED.
"""

from collections.abc import Iterable
from datetime import date, datetime
from urllib.parse import urlsplit

from django.conf import settings
from icalendar import Calendar, vRecur
from icalendar import Event as VEvent

from places.events.models import Event, OccurrenceChange, Status
from places.events.recurrence import PARIS, local

PRODID = "-//La Fabrique du Bocage//Agenda//FR"
ICAL_STATUS = {
    Status.SCHEDULED: "CONFIRMED",
    Status.FULL: "CONFIRMED",
    Status.POSTPONED: "TENTATIVE",
    Status.CANCELLED: "CANCELLED",
}


def uid(event: Event) -> str:
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return event.feed_uid or f"{event.uid}@{domain}"


def _when(event: Event, moment: datetime) -> datetime | date:
    return local(moment).date() if event.all_day else local(moment)


def _rule(event: Event) -> vRecur:
    rule = vRecur.from_ical(event.rule)
    if event.all_day and "UNTIL" in rule:  # with a DATE start, UNTIL is a DATE (RFC 5545)
        rule["UNTIL"] = [local(rule["UNTIL"][0]).date()]
    return rule


def _original(event: Event, day: date) -> datetime | date:
    if event.all_day:
        return day
    return datetime.combine(day, local(event.start).time(), tzinfo=PARIS)


def _component(event: Event, *, start, end, status: str) -> VEvent:
    component = VEvent()
    component.add("uid", uid(event))
    component.add("sequence", event.sequence)
    component.add("dtstamp", event.updated_at)
    component.add("last-modified", event.updated_at)
    component.add("dtstart", _when(event, start))
    component.add("dtend", _when(event, end))
    component.add("summary", event.title)
    if event.description:
        component.add("description", event.description)
    component.add("location", event.where)
    point = event.point
    component.add("geo", (point.y, point.x))
    component.add("url", f"{settings.SITE_URL}{event.get_absolute_url()}")
    component.add("categories", [event.get_category_display()])
    component.add("status", ICAL_STATUS[status])
    return component


def vevents(event: Event) -> list[VEvent]:
    main = _component(event, start=event.start, end=event.end, status=event.status)
    if not event.rule:
        return [main]
    main.add("rrule", _rule(event))
    if event.exdates:
        main.add("exdate", [_original(event, day) for day in sorted(event.exdates)])
    components = [main]
    duration = event.end - event.start
    change: OccurrenceChange
    for change in event.changes.all():
        start = change.start or datetime.combine(
            change.original_date, local(event.start).time(), tzinfo=PARIS
        )
        end = change.end or start + duration
        status = event.status if event.status == Status.CANCELLED else change.status
        override = _component(event, start=start, end=end, status=status)
        override.add("recurrence-id", _original(event, change.original_date))
        components.append(override)
    return components


def calendar(events: Iterable[Event], *, name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Paris")
    for event in events:
        for component in vevents(event):
            cal.add_component(component)
    cal.add_missing_timezones()
    return cal.to_ical()
