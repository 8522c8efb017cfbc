"""factory_boy factories of the domain, on the real PostGIS database."""

import importlib

import factory
from django.apps import apps

from places import geo
from places.accounts.models import User
from places.models import Place, PlaceType, Service

FLERS = (48.7483, -0.5694)


def ensure_taxonomy() -> None:
    """The types and services of the data migration, again after a transactional test
    flushed the tables (live-server tests do)."""
    if not PlaceType.objects.exists():
        importlib.import_module("places.migrations.0004_taxonomy").add(apps, None)


def place_type(slug: str) -> PlaceType:
    ensure_taxonomy()
    return PlaceType.objects.get(slug=slug)


def service(slug: str) -> Service:
    ensure_taxonomy()
    return Service.objects.get(slug=slug)


class UserFactory(factory.django.DjangoModelFactory):
    """A person with an account (`UserFactory(is_staff=True)` for a coordinator)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@example.org")
    name = factory.Sequence(lambda n: f"Personne {n}")
    password = factory.django.Password("un mot de passe solide")


class PlaceFactory(factory.django.DjangoModelFactory):
    """A published place in Flers, of type coworking unless told otherwise.

    `PlaceFactory(lat=..., lon=..., types=["fablab"], services=["wifi"])`
    """

    class Meta:
        model = Place
        skip_postgeneration_save = True

    class Params:
        lat = FLERS[0]
        lon = FLERS[1]

    name = factory.Sequence(lambda n: f"Tiers-lieu numéro {n}")
    slug = factory.Sequence(lambda n: f"tiers-lieu-{n}")
    summary = "Un lieu pour travailler et se retrouver."
    description = "Un **tiers-lieu** du Bocage."
    commune = "Flers"
    postcode = "61100"
    address = "1 rue de la Gare"
    status = Place.Status.PUBLISHED
    location = factory.LazyAttribute(lambda o: geo.make_point(lat=o.lat, lon=o.lon))

    @factory.post_generation
    def types(self, create, extracted, **kwargs):
        if create:
            self.types.set([place_type(slug) for slug in (extracted or ["coworking"])])

    @factory.post_generation
    def services(self, create, extracted, **kwargs):
        if create and extracted:
            self.services.set([service(slug) for slug in extracted])


def seed_places(count: int, *, seed: int = 1, analyze: bool = True) -> None:
    """`count` published places spread over France, then ANALYZE: enough rows for the
    planner to choose as it does at scale (an EXPLAIN of an empty table proves nothing).
    Without `analyze`, the planner is left with the empty table's statistics, as after a big
    import on a server whose autovacuum is off."""
    import random

    from django.db import connection

    rng = random.Random(seed)
    words = ["Fablab", "Café", "Atelier", "Jardin", "Grange", "Moulin", "Forge", "Prés"]
    Place.objects.bulk_create(
        Place(
            name=f"{rng.choice(words)} {rng.choice(words)} {n}",
            slug=f"seed-{n}",
            commune="Quelque part",
            # Rows as wide as real ones, or the planner rightly prefers reading the table.
            summary="Un lieu ouvert à tous pour travailler, fabriquer et se retrouver. " * 4,
            description="Des ateliers, des permanences et des rencontres toute l’année. " * 8,
            status=Place.Status.PUBLISHED,
            location=geo.make_point(lat=rng.uniform(42.5, 51.0), lon=rng.uniform(-4.5, 8.0)),
        )
        for n in range(count)
    )
    if not analyze:
        return
    with connection.cursor() as cursor:
        # What autovacuum does after a bulk load: GIN entries leave the pending list.
        cursor.execute("SELECT gin_clean_pending_list('place_search_idx'::regclass)")
        cursor.execute("SELECT gin_clean_pending_list('place_name_trgm_idx'::regclass)")
        cursor.execute("ANALYZE places_place")


class SpaceFactory(factory.django.DjangoModelFactory):
    """A meeting room for 12 at 15 € an hour, at a new published place in Flers."""

    class Meta:
        model = "sharing.Space"

    place = factory.SubFactory(PlaceFactory)
    name = factory.Sequence(lambda n: f"Salle numéro {n}")
    kind = "meeting_room"
    capacity = 12
    price_kind = "per_hour"
    price_amount = 15


class EquipmentFactory(factory.django.DjangoModelFactory):
    """A 3D printer, free, at a new published place in Flers."""

    class Meta:
        model = "sharing.Equipment"

    place = factory.SubFactory(PlaceFactory)
    name = factory.Sequence(lambda n: f"Imprimante numéro {n}")
    kind = "printer_3d"
    price_kind = "free"


def make_event(*, place=None, **fields):
    """An event saved through the service (its occurrences materialised): a two-hour
    workshop next week unless told otherwise."""
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    from places.events import services
    from places.events.models import Event
    from places.events.recurrence import PARIS

    place = place or PlaceFactory()
    day = timezone.localdate() + timedelta(days=7)
    start = fields.pop("start", datetime.combine(day, time(18), tzinfo=PARIS))
    end = fields.pop("end", start + timedelta(hours=2))
    fields.setdefault("title", "Atelier de réparation")
    return services.event_save(event=Event(place=place, start=start, end=end, **fields))
