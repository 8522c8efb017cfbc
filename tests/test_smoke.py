"""The demo data loads, and the main pages answer."""

import pytest
from django.core.management import call_command

from places.models import Place, PlaceType


@pytest.mark.django_db
def test_demo_data_loads_every_type_and_only_publishes_published_places(client):
    call_command("load_demo")
    published = Place.objects.published()
    assert 20 <= published.count() <= 30
    assert set(PlaceType.objects.values_list("slug", flat=True)) == set(
        published.values_list("types__slug", flat=True)
    )
    assert all(place.is_demo for place in Place.objects.all())
    assert client.get("/").status_code == 200
