"""Factories of the resource centre."""

import importlib

import factory
from django.apps import apps
from django.utils import timezone

from places.resources.models import Resource, Stage, Theme


def ensure_taxonomy() -> None:
    """The themes and stages of the data migration, again after a transactional test flushed
    the tables (live-server tests do)."""
    if not Stage.objects.exists():
        importlib.import_module("places.resources.migrations.0002_triggers_and_taxonomy").add(
            apps, None
        )


def theme(slug: str) -> Theme:
    ensure_taxonomy()
    return Theme.objects.get(slug=slug)


def stage(slug: str) -> Stage:
    ensure_taxonomy()
    return Stage.objects.get(slug=slug)


class ResourceFactory(factory.django.DjangoModelFactory):
    """A published guide about governance, at the stage « émergence » unless told otherwise.

    `ResourceFactory(themes=["financement"], stages=["idee"], place=place)`
    """

    class Meta:
        model = Resource
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Ressource numéro {n}")
    slug = factory.Sequence(lambda n: f"ressource-{n}")
    summary = "Une ressource utile aux porteurs de projet."
    body = "Un **guide** du réseau."
    kind = Resource.Kind.GUIDE
    status = Resource.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    licence = "CC BY-SA 4.0"

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create:
            self.themes.set([theme(slug) for slug in (extracted or ["gouvernance"])])

    @factory.post_generation
    def stages(self, create, extracted, **kwargs):
        if create:
            self.stages.set([stage(slug) for slug in (extracted or ["emergence"])])
