"""The demo agenda: events at most demo places, dated from the day they are loaded."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from places import geo
from places.events import services
from places.events.models import Attendance, Category, Event, OccurrenceChange, Status
from places.events.recurrence import PARIS
from places.models import Place

# (slug, place, title, category, days from today, start hour, hours, extra fields)
DEMO = [
    (
        "demo-repair-cafe-repar-vere",
        "repar-vere",
        "Repair café du premier samedi",
        Category.REPAIR,
        "first-saturday",
        14,
        3,
        {"rule": "monthly", "is_free": True, "registration_on_site": True},
    ),
    (
        "demo-couture-filature",
        "la-filature-commune",
        "Atelier couture du mardi",
        Category.WORKSHOP,
        "next-tuesday",
        18,
        2,
        {"rule": "FREQ=WEEKLY;BYDAY=TU", "price": "2 € la séance", "exception": 14},
    ),
    (
        "demo-marche-cellier",
        "le-cellier-commun",
        "Marché des producteurs du Passais",
        Category.MARKET,
        9,
        0,
        0,
        {"all_day": True, "is_free": True},
    ),
    (
        "demo-concert-grenier",
        "le-grenier-des-fertois",
        "Concert : musiques du bocage",
        Category.CONCERT,
        5,
        20,
        2,
        {
            "price": "8 €, gratuit pour les enfants",
            "registration_url": "https://example.org/billetterie",
        },
    ),
    (
        "demo-conference-halle",
        "la-halle-buissonniere",
        "Conférence : ouvrir un tiers-lieu en milieu rural",
        Category.TALK,
        12,
        18,
        2,
        {
            "is_free": True,
            "attendance": Attendance.MIXED,
            "online_url": "https://example.org/visio",
        },
    ),
    (
        "demo-formation-fablab",
        "l-etabli-fertois",
        "Formation découpe laser",
        Category.TRAINING,
        3,
        9,
        3,
        {"price": "15 €", "capacity": 6, "status": Status.FULL},
    ),
    (
        "demo-repas-marmite",
        "la-marmite-flerienne",
        "Repas partagé de quartier",
        Category.MEAL,
        2,
        19,
        3,
        {"price": "participation libre", "status": Status.CANCELLED},
    ),
    (
        "demo-visite-jardin",
        "le-jardin-du-morin",
        "Visite du jardin et troc de graines",
        Category.VISIT,
        6,
        10,
        2,
        {"is_free": True, "audience": "Tout public, enfants bienvenus"},
    ),
    (
        "demo-plantation-haies",
        "le-labo-des-haies",
        "Chantier de plantation de haies",
        Category.WORKSHOP,
        10,
        9,
        4,
        {"is_free": True, "off_site": (48.6602, -0.6987, "Lonlay-l'Abbaye", "Champ de la Fieffe")},
    ),
    (
        "demo-ag-quai",
        "le-quai-n2",
        "Assemblée générale de l’association",
        Category.MEETING,
        20,
        18,
        2,
        {"is_free": True},
    ),
    (
        "demo-velo-hangar",
        "le-hangar-de-la-lande",
        "Atelier vélo : entretien et réparations",
        Category.REPAIR,
        4,
        14,
        3,
        {"rule": "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", "is_free": True},
    ),
]
DESCRIPTION = (
    "Évènement **fictif** des données de démonstration.\n\n"
    "Venez comme vous êtes : on vous accueille avec un café."
)


def _first_day(when, today):
    if when == "first-saturday":
        first = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
        return first + timedelta(days=(5 - first.weekday()) % 7)
    if when == "next-tuesday":
        return today + timedelta(days=(1 - today.weekday()) % 7 or 7)
    day = today + timedelta(days=when)
    return day


@transaction.atomic
def load(*, today=None) -> int:
    """Creates or refreshes the demo events (by slug); idempotent. Returns how many."""
    today = today or timezone.localdate()
    places = {place.slug: place for place in Place.objects.filter(slug__in={d[1] for d in DEMO})}
    count = 0
    for slug, place_slug, title, category, when, hour, hours, extra in DEMO:
        place = places.get(place_slug)
        if place is None:
            continue
        extra = dict(extra)
        day = _first_day(when, today)
        if extra.get("all_day"):
            start = datetime.combine(day, time(0), tzinfo=PARIS)
            end = start + timedelta(days=1)
        else:
            start = datetime.combine(day, time(hour), tzinfo=PARIS)
            end = start + timedelta(hours=hours)
        rule = extra.pop("rule", "")
        if rule == "monthly":
            rule = "FREQ=MONTHLY;BYDAY=1SA"
        exception = extra.pop("exception", None)
        off_site = extra.pop("off_site", None)
        event = Event.objects.filter(slug=slug).first() or Event(slug=slug)
        fields = {
            "place": place,
            "title": title,
            "category": category,
            "description": DESCRIPTION,
            "start": start,
            "end": end,
            "rule": rule,
            "exdates": [day + timedelta(days=exception)] if exception else [],
            "status": Status.SCHEDULED,
            **extra,
        }
        if off_site:
            lat, lon, commune, venue = off_site
            fields.update(
                off_site=True,
                location=geo.make_point(lat=lat, lon=lon),
                commune=commune,
                venue=venue,
            )
        for name, value in fields.items():
            setattr(event, name, value)
        services.event_save(event=event)
        if slug == "demo-repair-cafe-repar-vere":  # one date of the series moved by a week
            original = event.occurrences.order_by("original_date")[1].original_date
            moved = datetime.combine(original + timedelta(days=7), time(hour), tzinfo=PARIS)
            OccurrenceChange.objects.update_or_create(
                event=event,
                original_date=original,
                defaults={
                    "start": moved,
                    "end": moved + timedelta(hours=hours),
                    "status": Status.SCHEDULED,
                },
            )
            services.occurrences_rebuild(event=event)
        count += 1
    return count
