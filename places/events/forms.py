"""Forms of the agenda: its search (HTML, API and feeds alike) and the hosts' event form."""

from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from places.events.filters import EventFilters
from places.events.models import Category
from places.forms import FlagField, PlaceSearchForm

FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)
# The places' search fields that the agenda reads too (EventFilters has no others).
PLACE_FIELDS = {"q", "commune", "ou", "near", "rayon", "bbox"}
PERIODS = {
    "aujourdhui": _("Aujourd’hui"),
    "weekend": _("Ce week-end"),
    "semaine": _("Cette semaine"),
}


def within_range(day: date | None) -> date | None:
    """`day` if the agenda can read it (PostgreSQL and Python agree on it), else an error."""
    if day is not None and not FIRST_DAY <= day <= LAST_DAY:
        raise forms.ValidationError(
            _("Une date entre %(first)s et %(last)s.")
            % {"first": FIRST_DAY.isoformat(), "last": LAST_DAY.isoformat()},
            code="out_of_range",
        )
    return day


def period_dates(period: str, today: date) -> tuple[date, date]:
    """The first and last days of "today", "this weekend" (Saturday and Sunday; on a Sunday,
    that Sunday) and "this week" (today to Sunday)."""
    if period == "aujourdhui":
        return today, today
    sunday = today + timedelta(days=6 - today.weekday())
    if period == "weekend":
        return max(today, sunday - timedelta(days=1)), sunday
    return today, sunday


class EventSearchForm(PlaceSearchForm):
    """The query string of /agenda/, /agenda.ics and /api/events/: the places' search of a
    text and a point (`q`, `ou`, `near`, `rayon`, `bbox`, `commune`, checked the one way),
    and the agenda's own dates, categories, place and "free"."""

    quand = forms.ChoiceField(
        label=_("Quand"), choices=[("", _("À venir")), *PERIODS.items()], required=False
    )
    category = forms.MultipleChoiceField(
        label=_("Catégories"), choices=Category.choices, required=False
    )
    place = forms.SlugField(label=_("Lieu"), max_length=160, required=False)
    gratuit = FlagField(label=_("Gratuit"), required=False)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        for name in set(PlaceSearchForm.base_fields) - PLACE_FIELDS:  # what only places have
            del self.fields[name]
        dates = {"input_formats": ["%Y-%m-%d"], "required": False}
        self.fields["from"] = forms.DateField(label=_("Du"), **dates)
        self.fields["to"] = forms.DateField(label=_("Au"), **dates)
        self.fields["q"].label = _("Quoi ?")

    def clean_from(self):
        return within_range(self.cleaned_data.get("from"))

    def clean_to(self):
        return within_range(self.cleaned_data.get("to"))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and end < start:
            self.add_error("to", _("La date de fin précède la date de début."))
        return cleaned

    def filters(self) -> EventFilters:
        places = super().filters()
        data = self.cleaned_data
        start, end = data.get("from"), data.get("to")
        if data.get("quand"):
            start, end = period_dates(data["quand"], timezone.localdate())
        return EventFilters(
            q=places.q,
            date_from=start,
            date_to=end,
            categories=tuple(data.get("category") or ()),
            commune=places.commune,
            place=data.get("place") or "",
            origin=places.origin,
            origin_label=places.origin_label,
            radius_km=places.radius_km,
            bbox=places.bbox,
            free=bool(data.get("gratuit")),
        )
