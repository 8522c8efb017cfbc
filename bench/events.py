"""The agenda at scale: the same requests with 100 events and with 10,000 (HTML and API, a
week near a point, a category), the events spread over the directory's places."""

import random
from datetime import datetime, time, timedelta
from functools import partial

from django.db import connection
from django.test import Client
from django.utils import timezone

from bench.report import Section, Target, felt
from bench.timing import Case, alternate
from places.events.models import Category, Event, Occurrence
from places.events.recurrence import PARIS
from places.models import Place

SMALL, LARGE = 100, 10_000
SERIES_EVERY = 10  # one event in ten is a weekly series (12 dates)
NEAR = "48.75,-0.57"


def _queries() -> dict[str, tuple[str, dict]]:
    today = timezone.localdate()
    week = {"from": str(today), "to": str(today + timedelta(days=6))}
    return {
        "HTML week near": ("/agenda/", {**week, "near": NEAR, "rayon": "30"}),
        "API week near": ("/api/events/", {**week, "near": NEAR, "rayon": "30"}),
        "HTML category": ("/agenda/", {"category": "concert"}),
        "API category": ("/api/events/", {"category": "concert"}),
        "GeoJSON week": ("/api/events.geojson", week),
    }


def seed(count: int, *, start_at: int = 0) -> None:
    """`count` events (one in ten a weekly series) at random published places (most of them
    in the Bocage's box, where the agenda is searched), over the next 60 days."""
    rng = random.Random(start_at + 7)
    places = list(
        Place.objects.published().order_by("?").values_list("pk", "location", "commune")[:5000]
    )
    today = timezone.localdate()
    categories = Category.values
    events, slots = [], []
    for n in range(start_at, start_at + count):
        pk, location, commune = rng.choice(places)
        day = today + timedelta(days=rng.randrange(60))
        start = datetime.combine(day, time(rng.choice([10, 14, 18, 20])), tzinfo=PARIS)
        series = n % SERIES_EVERY == 0
        events.append(
            Event(
                place_id=pk,
                title=f"Évènement {n} {rng.choice(['atelier', 'concert', 'marché', 'repair café'])}",
                slug=f"bench-{n}",
                category=rng.choice(categories),
                start=start,
                end=start + timedelta(hours=2),
                rule="FREQ=WEEKLY;COUNT=12" if series else "",
                is_free=rng.random() < 0.4,
            )
        )
        slots.append((start, 12 if series else 1, location, commune))
    Event.objects.bulk_create(events, batch_size=2000)
    occurrences = [
        Occurrence(
            event=event,
            original_date=(start + timedelta(weeks=k)).date(),
            start=start + timedelta(weeks=k),
            end=start + timedelta(weeks=k, hours=2),
            status="scheduled",
            location=location,
            commune=commune,
        )
        for event, (start, repeats, location, commune) in zip(events, slots, strict=True)
        for k in range(repeats)
    ]
    Occurrence.objects.bulk_create(occurrences, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE events_event, events_occurrence")


def _measure(client: Client) -> dict[str, float]:
    cases = []
    for name, (path, query) in _queries().items():
        response = client.get(path, query)
        if response.status_code != 200:
            raise RuntimeError(f"GET {path} {query} answered {response.status_code}")
        cases.append(Case(name, partial(client.get, path, query)))
    return alternate(cases, rounds=11)


def agenda(client: Client) -> list[Section]:
    Event.objects.filter(slug__startswith="bench-").delete()
    seed(SMALL)
    small = _measure(client)
    seed(LARGE - SMALL, start_at=SMALL)
    large = _measure(client)
    section = Section("The agenda: 100 vs 10,000 events (median ms)")
    for name in small:
        section.rows[name] = {f"{SMALL:,} events": small[name], f"{LARGE:,} events": large[name]}
        ratio = felt(large[name]) / felt(small[name])
        section.targets.append(Target(f"{name}: {LARGE:,} within 2× of {SMALL:,}", ratio, "<=", 2))
    section.notes.append(
        f"{Occurrence.objects.count():,} occurrences, {Place.objects.published().count():,} "
        "published places"
    )
    return [section]
