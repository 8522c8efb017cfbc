"""Writes of the agenda: an event saved, duplicated or cancelled, its occurrences rebuilt."""

from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from places import slugs
from places.events import recurrence
from places.events.models import Event, Occurrence, OccurrenceChange, Status

# Paths under /agenda/ and /espace-hote/evenements/ that are pages, not events.
RESERVED_SLUGS = {"imprimer", "nouveau", "calendriers"}


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    others = Event.objects.exclude(pk=exclude_pk)
    return slugs.unique_slug(
        title, among=others, reserved=RESERVED_SLUGS, default="evenement", max_length=140
    )


def horizon() -> datetime:
    return timezone.now() + timedelta(days=recurrence.HORIZON_DAYS)


def _status(event: Event, change: OccurrenceChange | None) -> str:
    if event.status in (Status.CANCELLED, Status.POSTPONED) or change is None:
        return event.status
    return change.status


def occurrences_rebuild(*, event: Event) -> int:
    """The occurrences of `event` written again from its start, rule, exception dates and
    changed occurrences, up to the horizon (see `manage.py extend_occurrences`)."""
    slots = recurrence.expand(
        start=event.start,
        end=event.end,
        rule=event.rule,
        exdates=event.exdates,
        until=horizon(),
    )
    changes = {change.original_date: change for change in event.changes.all()}
    location = event.location if event.off_site else event.place.location
    commune = event.commune if event.off_site else event.place.commune
    rows = []
    for slot in slots:
        change = changes.get(slot.original_date)
        start, end = slot.start, slot.end
        if change is not None and change.start is not None:
            start, end = change.start, change.end
        rows.append(
            Occurrence(
                event=event,
                original_date=slot.original_date,
                start=start,
                end=end,
                all_day=event.all_day,
                status=_status(event, change),
                location=location,
                commune=commune,
            )
        )
    with transaction.atomic():
        Occurrence.objects.filter(event=event).delete()
        Occurrence.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def event_save(*, event: Event) -> Event:
    """Saves a new or changed event: a change is a new iCalendar SEQUENCE (calendars that
    subscribed take the new version), and its occurrences are rebuilt."""
    if event.pk is not None:
        event.sequence += 1
    if not event.slug:
        event.slug = unique_slug(event.title, exclude_pk=event.pk)
    event.full_clean(exclude=["place", "slug"])
    event.save()
    occurrences_rebuild(event=event)
    return event


@transaction.atomic
def event_duplicate(*, event: Event) -> Event:
    """A copy of `event` (same texts, dates and rule), scheduled, with its own UID and slug,
    for the host to change."""
    copy = Event.objects.get(pk=event.pk)
    copy.pk = None
    copy.feed, copy.feed_uid = None, ""
    copy.sequence = 0
    copy.status = Status.SCHEDULED
    copy.slug = unique_slug(event.title)
    copy.uid = Event._meta.get_field("uid").get_default()
    copy.save()
    occurrences_rebuild(event=copy)
    return copy


@transaction.atomic
def event_cancel(*, event: Event) -> Event:
    """The whole event cancelled: it stays in the agenda and the feeds, as cancelled."""
    event.status = Status.CANCELLED
    return event_save(event=event)


@transaction.atomic
def occurrence_cancel(*, event: Event, original_date: date) -> OccurrenceChange:
    """One date of a series cancelled (the others go on): a changed occurrence, shown as
    cancelled, STATUS:CANCELLED under its RECURRENCE-ID in the feeds."""
    if not event.occurrences.filter(original_date=original_date).exists():
        raise ValueError("no such occurrence")
    change, _created = OccurrenceChange.objects.update_or_create(
        event=event, original_date=original_date, defaults={"status": Status.CANCELLED}
    )
    event_save(event=event)
    return change


def occurrences_extend() -> int:
    """Every series rebuilt up to the horizon (a daily timer keeps the horizon rolling and
    the occurrences of places that moved in step)."""
    count = 0
    for event in Event.objects.exclude(rule="").select_related("place").iterator():
        count += occurrences_rebuild(event=event)
    return count
