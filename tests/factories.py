"""factory_boy factories of the domain, on the real PostGIS database."""

import importlib

import factory
from django.apps import apps

from places import geo
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
