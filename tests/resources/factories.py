"""Factories of the resource centre."""

import factory
from django.utils import timezone

from places.resources.models import Resource, Stage, Theme


def theme(slug: str) -> Theme:
    return Theme.objects.get(slug=slug)


def stage(slug: str) -> Stage:
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
