"""Dates in words, written one way on every page: « lundi 1er décembre 2025 » in French."""

from datetime import date, datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext


def day_of_month(day: date) -> str:
    """The day's number, except the first of a month, which French writes « 1er »."""
    if day.day == 1:
        return pgettext("first day of a month", "1er")
    return str(day.day)


def long_date(value: date | datetime, *, weekday: bool = False, year: bool = True) -> str:
    """« 1er décembre 2025 », « lundi 1er décembre » (`weekday=True, year=False`); in the
    language of the page. An aware time is read in the site's time zone (Europe/Paris)."""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    parts = {
        "weekday": date_format(value, "l"),
        "day": day_of_month(value),
        "month": date_format(value, "F"),
        "year": value.year,
    }
    if weekday and year:
        text = _("%(weekday)s %(day)s %(month)s %(year)s")
    elif weekday:
        text = _("%(weekday)s %(day)s %(month)s")
    elif year:
        text = _("%(day)s %(month)s %(year)s")
    else:
        text = _("%(day)s %(month)s")
    return text % parts
