"""Opening hours in the OpenStreetMap `opening_hours` syntax: validation, "open now", words.

Parsing and evaluation are done by opening-hours-py (a Rust implementation of the OSM
specification), with French public holidays (`PH`) and the Europe/Paris time zone.
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import opening_hours
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from places import dates

logger = logging.getLogger(__name__)
PARIS = ZoneInfo("Europe/Paris")
# Beyond this many days ahead, "le 5 janvier" could be read as this year's: say the year.
YEAR_SHOWN_AFTER_DAYS = 180


@lru_cache(maxsize=4096)
def parse(text: str) -> opening_hours.OpeningHours:
    """The parsed expression (cached: many places share the same hours)."""
    return opening_hours.OpeningHours(text, timezone=PARIS, country="FR")


def _parsed(text: str) -> opening_hours.OpeningHours | None:
    """The expression, or None if it cannot be parsed.

    Stored values are validated, but a row written by SQL or an older rule must not turn a
    whole list of places into an error page: such hours are shown as unknown.
    """
    try:
        return parse(text)
    except (opening_hours.ParserError, SyntaxError, ValueError):
        logger.warning("Unparsable opening hours: %r", text)
        return None


def _in_paris(moment: datetime) -> datetime:
    """An aware time in Paris; a naive one is taken as Paris time already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=PARIS)
    return moment.astimezone(PARIS)


def validate_opening_hours(value: str) -> None:
    if not value:
        return
    try:
        parse(value)
    except (opening_hours.ParserError, SyntaxError, ValueError):
        raise ValidationError(
            gettext_lazy(
                "Ces horaires ne suivent pas la syntaxe OpenStreetMap, par exemple "
                "« Mo-Fr 09:00-12:00,14:00-18:00; Sa 10:00-12:00; PH off »."
            ),
            code="invalid_opening_hours",
        ) from None


def is_open(text: str, when: datetime) -> bool:
    expression = _parsed(text) if text else None
    return expression is not None and expression.is_open(_in_paris(when))


def clock(moment: datetime | time) -> str:
    """`9 h`, `12 h 30`, as French typography writes hours."""
    if moment.hour == 0 and moment.minute == 0 and isinstance(moment, datetime):
        return _("minuit")
    if moment.minute:
        return _("%(h)d h %(m)02d") % {"h": moment.hour, "m": moment.minute}
    return _("%(h)d h") % {"h": moment.hour}


@dataclass(frozen=True)
class Status:
    state: str  # "open", "closed" or "unknown"
    label: str
    next_change: datetime | None
    next_label: str

    @property
    def is_open(self) -> bool:
        return self.state == "open"


def _when(moment: datetime, now: datetime) -> str:
    # Midnight ends the day before: a place open until 24:00 "ferme à minuit", not "demain".
    day = (moment - timedelta(days=1)).date() if moment.time() == time.min else moment.date()
    days = (day - now.date()).days
    if days == 0:
        return _("à %(clock)s") % {"clock": clock(moment)}
    if days == 1:
        return _("demain à %(clock)s") % {"clock": clock(moment)}
    if days < 7:
        return _("%(day)s à %(clock)s") % {"day": date_format(day, "l"), "clock": clock(moment)}
    return _("le %(date)s à %(clock)s") % {
        "date": dates.long_date(day, year=days > YEAR_SHOWN_AFTER_DAYS),
        "clock": clock(moment),
    }


def status(text: str, now: datetime | None = None) -> Status | None:
    """Open or closed now, and the next change in words ("ouvre demain à 9 h")."""
    if not text:
        return None
    now = _in_paris(now or timezone.now())
    expression = _parsed(text)
    if expression is None:
        return Status(
            state="unknown", label=_("Horaires à confirmer"), next_change=None, next_label=""
        )
    state = str(expression.state(now)[0])
    change = expression.next_change(now)
    if change is not None:
        change = change.astimezone(PARIS)
    if state == "open":
        label = _("Ouvert maintenant")
        next_label = _("ferme %(when)s") % {"when": _when(change, now)} if change else ""
    elif state == "closed":
        label = _("Fermé")
        next_label = _("ouvre %(when)s") % {"when": _when(change, now)} if change else ""
    else:
        label = _("Horaires à confirmer")
        next_label = ""
    return Status(state=state, label=label, next_change=change, next_label=next_label)


@dataclass(frozen=True)
class Day:
    day: date
    slots: list[tuple[datetime, datetime]]
    comments: list[str]

    @property
    def label(self) -> str:
        return dates.long_date(self.day, weekday=True, year=False)

    @property
    def words(self) -> str:
        if not self.slots:
            return _("fermé")
        return ", ".join(
            _("%(start)s – %(end)s") % {"start": clock(start), "end": clock(end)}
            for start, end in self.slots
        )


def week(text: str, start: date | None = None, *, days: int = 7) -> list[Day]:
    """The actual opening slots of the coming days, holidays and seasons included."""
    expression = _parsed(text) if text else None
    if expression is None:
        return []
    first = start or timezone.localdate()
    begin = datetime.combine(first, time.min, tzinfo=PARIS)
    end = begin + timedelta(days=days)
    by_day: dict[date, Day] = {
        first + timedelta(days=n): Day(first + timedelta(days=n), [], []) for n in range(days)
    }
    for slot_start, slot_end, state, comment in expression.intervals(begin, end):
        slot_end = slot_end or end
        if state != opening_hours.State.OPEN:
            continue
        cursor = slot_start.astimezone(PARIS)
        slot_end = slot_end.astimezone(PARIS)
        while cursor < slot_end:
            midnight = datetime.combine(cursor.date() + timedelta(days=1), time.min, tzinfo=PARIS)
            piece_end = min(slot_end, midnight)
            day = by_day.get(cursor.date())
            if day is not None:
                day.slots.append((cursor, piece_end))
                if comment and comment not in day.comments:
                    day.comments.append(comment)
            cursor = piece_end
    return list(by_day.values())
