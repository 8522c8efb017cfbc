"""Events from elsewhere: a place's iCalendar feed (Mobilizon, OpenAgenda, Nextcloud) read
and kept in step by UID: new events added, changed ones updated (a new SEQUENCE only when
something changed), those the feed dropped removed. A broken feed changes nothing and is
told to the hosts (on their dashboard, and by one mail when it breaks)."""

import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar

from places.accounts.selectors import hosts_of
from places.events import recurrence, services
from places.events.models import Event, EventFeed, OccurrenceChange, Status
from places.events.recurrence import PARIS
from places.models import Place
from places.outbox.services import mail_queue

MAX_EVENTS = 2000
KEPT_DAYS = 365  # events that ended longer ago are not imported
FIELDS = ["title", "description", "start", "end", "all_day", "rule", "exdates", "status"]


class FeedError(Exception):
    """Why a feed could not be read, in words for its hosts."""


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0


def fetch(url: str) -> bytes:
    limit = settings.EVENT_FEED_MAX_BYTES
    request = urllib.request.Request(
        url, headers={"User-Agent": "La Fabrique du Bocage (agenda)", "Accept": "text/calendar"}
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.EVENT_FEED_TIMEOUT) as response:  # noqa: S310 (http/https only: WebsiteField)
            body = response.read(limit + 1)
    except urllib.error.HTTPError as error:
        raise FeedError(_("le serveur répond %(status)s.") % {"status": error.code}) from None
    except TimeoutError:
        raise FeedError(_("le serveur ne répond pas à temps.")) from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError):
            raise FeedError(_("le serveur ne répond pas à temps.")) from None
        raise FeedError(
            _("le serveur est injoignable (%(reason)s).") % {"reason": reason}
        ) from None
    if len(body) > limit:
        raise FeedError(
            _("le calendrier dépasse %(size)d Mo.") % {"size": max(limit // 1_000_000, 1)}
        )
    return body


def _aware(value) -> tuple[datetime, bool]:
    """A DTSTART/DTEND value as an aware time, and whether it is a whole day."""
    if isinstance(value, datetime):
        if value.tzinfo is None:  # "floating" local time: the Bocage's
            value = value.replace(tzinfo=PARIS)
        return value, False
    if isinstance(value, date):
        return datetime.combine(value, time(0), tzinfo=PARIS), True
    raise FeedError(_("une date est illisible."))


def _local_date(value) -> date:
    moment, _whole = _aware(value)
    return recurrence.local(moment).date()


def _dates(component, name: str) -> list:
    values = component.get(name)
    if values is None:
        return []
    values = values if isinstance(values, list) else [values]
    return [dt.dt for value in values for dt in value.dts]


def _read(component) -> dict:
    """The fields of an event from a VEVENT."""
    if "DTSTART" not in component:
        raise FeedError(_("un évènement n’a pas de date de début."))
    start, all_day = _aware(component.decoded("DTSTART"))
    if "DTEND" in component:
        end, _whole = _aware(component.decoded("DTEND"))
    elif "DURATION" in component:
        end = start + component.decoded("DURATION")
    else:
        end = start + (timedelta(days=1) if all_day else timedelta(0))
    end = max(end, start)
    rule = ""
    if "RRULE" in component:
        try:
            rule = recurrence.normalise_rule(component["RRULE"].to_ical().decode())
        except ValueError:
            rule = ""  # a rule we do not repeat (hourly...): its first date alone
    return {
        "title": str(component.get("SUMMARY", "")).strip()[:150] or _("Sans titre"),
        "description": str(component.get("DESCRIPTION", "")).strip(),
        "start": start,
        "end": end,
        "all_day": all_day,
        "rule": rule,
        "exdates": sorted({_local_date(d) for d in _dates(component, "EXDATE")}) if rule else [],
        "status": Status.CANCELLED
        if str(component.get("STATUS", "")).upper() == "CANCELLED"
        else Status.SCHEDULED,
    }


def parse(body: bytes) -> tuple[dict[str, dict], dict[str, list]]:
    """The feed's series by UID, and their changed occurrences by UID."""
    try:
        calendar = Calendar.from_ical(body)
    except (ValueError, IndexError, KeyError, TypeError):
        raise FeedError(_("ce n’est pas un calendrier iCalendar.")) from None
    if getattr(calendar, "name", "") != "VCALENDAR":
        raise FeedError(_("ce n’est pas un calendrier iCalendar."))
    events: dict[str, dict] = {}
    changes: dict[str, list] = {}
    kept_from = timezone.now() - timedelta(days=KEPT_DAYS)
    for component in calendar.walk("VEVENT"):
        uid = str(component.get("UID", "")).strip()[:255]
        if not uid:
            continue
        try:
            fields = _read(component)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
            raise FeedError(_("l’évènement « %(uid)s » est illisible.") % {"uid": uid}) from None
        if "RECURRENCE-ID" in component:
            try:
                original = _local_date(component.decoded("RECURRENCE-ID"))
            except (ValueError, TypeError):
                raise FeedError(_("une date est illisible.")) from None
            changes.setdefault(uid, []).append((original, fields))
        elif fields["rule"] or fields["end"] >= kept_from:
            events[uid] = fields
        if len(events) > MAX_EVENTS:
            raise FeedError(_("le calendrier a plus de %(n)d évènements.") % {"n": MAX_EVENTS})
    return events, changes


@transaction.atomic
def _apply(feed: EventFeed, events: dict, changes: dict) -> Report:
    report = Report()
    existing = {event.feed_uid: event for event in Event.objects.filter(feed=feed)}
    place: Place = feed.place
    for uid, fields in events.items():
        event = existing.pop(uid, None)
        wanted_changes = sorted(
            (original, f["start"], f["end"], f["status"]) for original, f in changes.get(uid, [])
        )
        if event is None:
            event = Event(feed=feed, feed_uid=uid, place=place, **fields)
            event.slug = services.unique_slug(fields["title"])
            event.save()
            report.created += 1
        else:
            current_changes = sorted(
                event.changes.values_list("original_date", "start", "end", "status")
            )
            if (
                all(getattr(event, name) == fields[name] for name in FIELDS)
                and current_changes == wanted_changes
            ):
                report.unchanged += 1
                continue
            for name, value in fields.items():
                setattr(event, name, value)
            event.sequence += 1
            event.save()
            report.updated += 1
        event.changes.all().delete()
        OccurrenceChange.objects.bulk_create(
            OccurrenceChange(event=event, original_date=o, start=s, end=e, status=st)
            for o, s, e, st in wanted_changes
        )
        services.occurrences_rebuild(event=event)
    for event in existing.values():  # the feed dropped them
        event.delete()
        report.deleted += 1
    return report


def tell_hosts_feed_broken(feed: EventFeed) -> int:
    """One mail to the hosts of the feed's place, through the outbox (kept until the mail
    server takes it)."""
    emails = list(hosts_of(place=feed.place).values_list("email", flat=True))
    if emails:
        mail_queue(
            kind="event_feed_broken",
            to=emails,
            subject=_("Votre calendrier importé n’a pas pu être lu"),
            template="mail/event_feed_broken",
            context={"feed": feed, "place": feed.place},
        )
    return len(emails)


def import_feed(feed: EventFeed) -> Report:
    """Reads `feed` and brings its events in step; raises FeedError (nothing changed, the
    error kept on the feed and told to the hosts) when it cannot be read."""
    now = timezone.now()
    try:
        report = _apply(feed, *parse(fetch(feed.url)))
    except FeedError as error:
        newly_broken = not feed.last_error
        feed.last_error = str(error)
        feed.last_checked_at = now
        feed.save(update_fields=["last_error", "last_checked_at"])
        if newly_broken:
            tell_hosts_feed_broken(feed)
        raise
    feed.last_error = ""
    feed.last_checked_at = feed.last_success_at = now
    feed.save(update_fields=["last_error", "last_checked_at", "last_success_at"])
    return report
