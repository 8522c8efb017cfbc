"""Template helpers of the agenda: days and times in words, a place's next events."""

from datetime import timedelta

from django import template
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from places import dates
from places.events import selectors
from places.events.recurrence import local
from places.models import Place

register = template.Library()


@register.filter
def day_title(day) -> str:
    """« Aujourd’hui, samedi 5 décembre », « demain, … », else « samedi 12 décembre 2026 »."""
    today = timezone.localdate()
    words = dates.long_date(day, weekday=True, year=day.year != today.year)
    if day == today:
        return _("Aujourd’hui, %(day)s") % {"day": words}
    if day == today + timedelta(days=1):
        return _("Demain, %(day)s") % {"day": words}
    return words[:1].upper() + words[1:]


@register.filter
def when_words(occurrence) -> str:
    """« 18:00 – 20:00 », « toute la journée », « jusqu’au 14 décembre »."""
    start, end = local(occurrence.start), local(occurrence.end)
    if occurrence.all_day:
        last = (end - timedelta(days=1)).date()
        if last > start.date():
            return _("Jusqu’au %(day)s") % {"day": dates.long_date(last, year=False)}
        return _("Toute la journée")
    if end.date() != start.date():
        return _("%(start)s, jusqu’au %(day)s à %(end)s") % {
            "start": time_format(start, "H:i"),
            "day": dates.long_date(end, year=False),
            "end": time_format(end, "H:i"),
        }
    return f"{time_format(start, 'H:i')} – {time_format(end, 'H:i')}"


@register.filter
def occurrence_date(occurrence) -> str:
    """« samedi 5 décembre 2026, 18:00 – 20:00 »."""
    return f"{dates.long_date(local(occurrence.start), weekday=True)}, {when_words(occurrence)}"


@register.inclusion_tag("events/_place_events.html")
def place_events(place):
    """A place page's next events and the link to its past ones."""
    return {
        "place": place,
        "occurrences": selectors.place_upcoming(place_id=place.pk),
        "has_past": selectors.place_past(place_id=place.pk).exists(),
    }


@register.inclusion_tag("events/_host_events.html")
def host_events(places) -> dict:
    """The dashboard's events: those of the places the person hosts (the dashboard's list),
    and the feeds they import; the feed form offers the published places first."""
    return {
        "places": sorted(places, key=lambda place: place.status != Place.Status.PUBLISHED),
        "events": selectors.events_of(places=places),
        "feeds": selectors.feeds_of(places=places),
    }
