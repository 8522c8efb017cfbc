"""Recurrence in the iCalendar model: an RRULE, exception dates and changed occurrences.

Rules are expanded by python-dateutil from a start that is aware in Europe/Paris: dateutil
steps the wall-clock fields and zoneinfo gives each date its own offset, so a workshop at
18:00 stays at 18:00 across a daylight-saving change. Exception dates (EXDATE) and changed
occurrences (RECURRENCE-ID) are named by the local date of the occurrence they replace.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from django.utils.translation import gettext as _
from icalendar.prop import vRecur

PARIS = ZoneInfo("Europe/Paris")
FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
MAX_OCCURRENCES = 1500  # materialised per series: ~4 years of a daily rule
HORIZON_DAYS = 400  # how far ahead occurrences of an endless series are materialised


@dataclass(frozen=True, slots=True)
class Slot:
    """One occurrence: its start and end (aware), and the local date it replaces."""

    start: datetime
    end: datetime
    original_date: date


def local(moment: datetime) -> datetime:
    return moment.astimezone(PARIS)


def iso(moment: datetime, *, all_day: bool) -> str:
    """ISO 8601 in Europe/Paris with its offset, or the local date alone for a whole day
    (what the API and schema.org both want)."""
    return local(moment).date().isoformat() if all_day else local(moment).isoformat()


def midnight(day: date) -> datetime:
    """The start of `day` in Europe/Paris."""
    return datetime.combine(day, time(0), tzinfo=PARIS)


def normalise_rule(text: str) -> str:
    """An RRULE (with or without its `RRULE:` prefix) checked and written back the one way:
    UNTIL in UTC, as RFC 5545 wants with a DTSTART in a time zone. Raises ValueError with a
    message people can read."""
    text = (text or "").strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    if not text:
        return ""
    try:
        rule = vRecur.from_ical(text)
    except (ValueError, TypeError):
        raise ValueError(_("Cette règle de répétition n’est pas lisible.")) from None
    frequency = (rule.get("FREQ") or [""])[0]
    if frequency not in FREQUENCIES:
        raise ValueError(_("Une répétition est quotidienne, hebdomadaire, mensuelle ou annuelle."))
    if "UNTIL" in rule:
        until = rule["UNTIL"][0]
        if not isinstance(until, datetime):  # a date: the whole of that day
            until = datetime.combine(until, time(23, 59, 59))
        if until.tzinfo is None:
            until = until.replace(tzinfo=PARIS)
        rule["UNTIL"] = [until.astimezone(UTC)]
    written = rule.to_ical().decode()
    try:
        rrulestr(written, dtstart=datetime(2026, 1, 1, tzinfo=PARIS))
    except (ValueError, TypeError):
        raise ValueError(_("Cette règle de répétition n’est pas lisible.")) from None
    return written


def rule_until(text: str) -> datetime | None:
    rule = vRecur.from_ical(text)
    return rule["UNTIL"][0] if "UNTIL" in rule else None


def expand(
    *,
    start: datetime,
    end: datetime,
    rule: str = "",
    exdates: list[date] = (),
    until: datetime | None = None,
) -> list[Slot]:
    """The occurrences of an event starting at `start` (its first occurrence) and lasting
    `end - start`, repeated by `rule`, without the `exdates`, up to `until` (the horizon of
    an endless rule), at most MAX_OCCURRENCES."""
    first = local(start)
    duration = end - start
    if not rule:
        return [Slot(start=first, end=first + duration, original_date=first.date())]
    excluded = set(exdates)
    slots = []
    for moment in rrulestr(rule, dtstart=first, cache=False):
        if until is not None and moment > until:
            break
        if len(slots) >= MAX_OCCURRENCES:
            break
        # zoneinfo gives the wall-clock time its offset of that day (and fixes a time that
        # the spring change skips by its fold).
        moment = moment.replace(tzinfo=PARIS).astimezone(PARIS)
        if moment.date() in excluded:
            continue
        slots.append(Slot(start=moment, end=moment + duration, original_date=moment.date()))
    return slots


def count_within(*, start: datetime, rule: str, limit: int = MAX_OCCURRENCES + 1) -> int:
    """How many occurrences `rule` gives before the horizon, up to `limit`."""
    horizon = datetime.now(PARIS) + timedelta(days=HORIZON_DAYS)
    count = 0
    for moment in rrulestr(rule, dtstart=local(start), cache=False):
        if moment > horizon or count >= limit:
            break
        count += 1
    return count
