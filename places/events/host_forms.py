"""The hosts' event form: what, when (once or repeated, in words people use), where, how."""

import re
from datetime import date, datetime, time, timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from places import geo
from places.events import recurrence
from places.events.models import Event, EventFeed, Status
from places.events.recurrence import PARIS, local

WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
REPEATS = [
    ("", _("Une seule fois")),
    ("weekly", _("Toutes les semaines, le même jour")),
    ("biweekly", _("Toutes les deux semaines, le même jour")),
    ("monthly_weekday", _("Tous les mois, le même jour de la semaine (ex. le 1er samedi)")),
    ("monthly_day", _("Tous les mois, à la même date (ex. le 15)")),
    ("custom", _("Règle iCalendar (RRULE) écrite à la main")),
]
_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$|^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


def rule_for(repeat: str, *, start: date, until: date | None, count: int | None) -> str:
    """The RRULE of a choice of the form, from the first date."""
    weekday = WEEKDAYS[start.weekday()]
    parts = {
        "weekly": f"FREQ=WEEKLY;BYDAY={weekday}",
        "biweekly": f"FREQ=WEEKLY;INTERVAL=2;BYDAY={weekday}",
        # The 5th of a weekday is "the last" (every month has a last one).
        "monthly_weekday": f"FREQ=MONTHLY;BYDAY={min((start.day - 1) // 7 + 1, 5) if start.day <= 28 else -1}{weekday}",
        "monthly_day": f"FREQ=MONTHLY;BYMONTHDAY={start.day}",
    }[repeat]
    if until:
        parts += f";UNTIL={until:%Y%m%d}"
    elif count:
        parts += f";COUNT={count}"
    return recurrence.normalise_rule(parts)


def repeat_of(event: Event) -> str:
    """The form's choice that writes `event.rule` again, else "custom"."""
    if not event.rule:
        return ""
    rule = recurrence.vRecur.from_ical(event.rule)
    first = local(event.start).date()
    until = rule.get("UNTIL", [None])[0]
    count = rule.get("COUNT", [None])[0]
    for choice in ("weekly", "biweekly", "monthly_weekday", "monthly_day"):
        until_day = local(until).date() if until else None
        if rule_for(choice, start=first, until=until_day, count=count) == event.rule:
            return choice
    return "custom"


def parse_days(text: str) -> list[date]:
    days = []
    for line in re.split(r"[\n,;]+", text or ""):
        if not line.strip():
            continue
        match = _DAY.match(line)
        try:
            if match is None:
                raise ValueError
            if match.group(1):
                days.append(date(int(match[1]), int(match[2]), int(match[3])))
            else:
                days.append(date(int(match[6]), int(match[5]), int(match[4])))
        except ValueError:
            raise forms.ValidationError(
                _("« %(text)s » n’est pas une date (JJ/MM/AAAA)."), params={"text": line.strip()}
            ) from None
    return sorted(set(days))


class EventForm(forms.ModelForm):
    """An event of one of the person's places. The dates come as a day and times (or whole
    days), the repetition as a choice in words that writes the RRULE."""

    day = forms.DateField(
        label=_("Date (ou premier jour)"), widget=forms.DateInput(attrs={"type": "date"})
    )
    start_time = forms.TimeField(
        label=_("Heure de début"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    end_time = forms.TimeField(
        label=_("Heure de fin"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    last_day = forms.DateField(
        label=_("Dernier jour"),
        required=False,
        help_text=_("Pour un évènement sur plusieurs jours ; sinon, laisser vide."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    repeat = forms.ChoiceField(label=_("Répétition"), choices=REPEATS, required=False)
    until = forms.DateField(
        label=_("Jusqu’au"),
        required=False,
        help_text=_("Sans date de fin, la répétition continue."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    custom_rule = forms.CharField(
        label=_("Règle iCalendar"),
        required=False,
        max_length=300,
        help_text=_("Par exemple « FREQ=MONTHLY;BYDAY=1SA » (le premier samedi du mois)."),
    )
    skipped = forms.CharField(
        label=_("Dates sans séance"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Une date par ligne (JJ/MM/AAAA) : les vacances, un jour férié…"),
    )
    latitude = forms.FloatField(label=_("Latitude"), required=False)
    longitude = forms.FloatField(label=_("Longitude"), required=False)

    class Meta:
        model = Event
        fields = [
            "place",
            "title",
            "category",
            "description",
            "all_day",
            "is_free",
            "price",
            "registration_url",
            "registration_on_site",
            "capacity",
            "status",
            "attendance",
            "online_url",
            "audience",
            "accessibility",
            "off_site",
            "venue",
            "address",
            "commune",
        ]

    def __init__(self, *args, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places
        self.fields["place"].empty_label = None
        # Cancelling is its own button (it keeps the event visible, as cancelled).
        self.fields["status"].choices = [
            (value, label)
            for value, label in Status.choices
            if value != Status.CANCELLED or self.instance.status == Status.CANCELLED
        ]
        event = self.instance
        if event.pk:
            start, end = local(event.start), local(event.end)
            self.initial.update(
                day=start.date(),
                start_time=None if event.all_day else start.time(),
                end_time=None if event.all_day else end.time(),
                last_day=(end - timedelta(days=1)).date()
                if event.all_day and (end - start).days > 1
                else None,
                repeat=repeat_of(event),
                skipped="\n".join(f"{d:%d/%m/%Y}" for d in event.exdates),
                latitude=event.location.y if event.location else None,
                longitude=event.location.x if event.location else None,
            )
            if self.initial["repeat"] == "custom":
                self.initial["custom_rule"] = event.rule
            if event.rule and "UNTIL" in event.rule:
                self.initial["until"] = local(recurrence.rule_until(event.rule)).date()

    def clean_skipped(self):
        return parse_days(self.cleaned_data.get("skipped", ""))

    def clean(self):
        data = super().clean()
        day = data.get("day")
        if day is None:
            return data
        if data.get("all_day"):
            last = data.get("last_day") or day
            if last < day:
                self.add_error("last_day", _("Le dernier jour précède le premier."))
                return data
            start = datetime.combine(day, time(0), tzinfo=PARIS)
            end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=PARIS)
        else:
            if data.get("start_time") is None:
                self.add_error(
                    "start_time", _("Indiquez l’heure de début, ou « toute la journée ».")
                )
                return data
            start = datetime.combine(day, data["start_time"], tzinfo=PARIS)
            end_day = data.get("last_day") or day
            end = datetime.combine(
                end_day, data.get("end_time") or data["start_time"], tzinfo=PARIS
            )
            if data.get("end_time") is None and not data.get("last_day"):
                end = start + timedelta(hours=2)
            if end < start:
                self.add_error("end_time", _("La fin précède le début."))
                return data
        self.instance.start, self.instance.end = start, end
        repeat = data.get("repeat")
        try:
            if repeat == "custom":
                rule = recurrence.normalise_rule(data.get("custom_rule", ""))
                if not rule:
                    self.add_error(
                        "custom_rule", _("Écrivez la règle, ou choisissez une répétition.")
                    )
            elif repeat:
                rule = rule_for(repeat, start=day, until=data.get("until"), count=None)
            else:
                rule = ""
        except ValueError as error:
            self.add_error("custom_rule" if repeat == "custom" else "repeat", str(error))
            return data
        if rule and recurrence.count_within(start=start, rule=rule) > recurrence.MAX_OCCURRENCES:
            self.add_error("repeat", _("Trop de séances : choisissez une date de fin."))
        self.instance.rule = rule
        self.instance.exdates = data.get("skipped") or [] if rule else []
        if data.get("off_site"):
            lat, lon = data.get("latitude"), data.get("longitude")
            if lat is None or lon is None or not data.get("commune"):
                self.add_error(
                    "commune",
                    _(
                        "Ailleurs qu’au lieu : indiquez la commune et la position (latitude, longitude)."
                    ),
                )
            else:
                try:
                    self.instance.location = geo.make_point(lat=lat, lon=lon)
                except ValueError as error:
                    self.add_error("latitude", str(error))
        else:
            self.instance.location = None
        return data


class OccurrenceCancelForm(forms.Form):
    original_date = forms.DateField(input_formats=["%Y-%m-%d"])


class EventFeedForm(forms.ModelForm):
    class Meta:
        model = EventFeed
        fields = ["place", "url"]

    def __init__(self, *args, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places
        self.fields["place"].empty_label = None
