"""The demo resources: loaded by load_demo, with their sample files, and idempotent."""

import io

import pytest
from django.core.management import call_command

from places.resources.models import Resource, ResourceFile

pytestmark = pytest.mark.django_db


def test_load_demo_loads_the_resources_and_their_files_once():
    for _ in range(2):
        call_command("load_demo", stdout=io.StringIO())
    assert Resource.objects.published().count() == Resource.objects.count() >= 8
    types = sorted(ResourceFile.objects.values_list("content_type", flat=True))
    assert types == [
        "application/pdf",
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.text",
    ]
    statutes = Resource.objects.get(slug="statuts-association-modele")
    assert statutes.place.slug == "la-filature-commune"
    assert {s.slug for s in statutes.stages.all()} == {"emergence"}
    # Every stage of the path has demo resources.
    assert all(
        Resource.objects.published().filter(stages__slug=slug).exists()
        for slug in ["idee", "emergence", "prefiguration", "ouverture", "consolidation"]
    )
