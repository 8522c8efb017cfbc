"""The demo data: spaces and equipment for most demo places, accessibility for all; twice
gives the same."""

import pytest
from django.core.management import call_command

from places.models import Place
from places.sharing.models import Equipment, Space

pytestmark = pytest.mark.django_db


def test_load_demo_gives_spaces_equipment_and_accessibility_idempotently():
    call_command("load_demo")
    demo = Place.objects.filter(is_demo=True)
    sharing = demo.filter(spaces__isnull=False).distinct().count()
    lending = demo.filter(equipment__isnull=False).distinct()
    assert demo.count() >= 20
    assert (
        demo.exclude(pk__in=Space.objects.values("place"))
        .exclude(pk__in=Equipment.objects.values("place"))
        .count()
        < demo.count() / 4
    )
    assert sharing >= demo.count() / 2 and lending.exists()
    assert not demo.filter(wheelchair="").exists()
    assert demo.exclude(wheelchair="unknown").count() >= demo.count() * 3 / 4
    counts = (Space.objects.count(), Equipment.objects.count())
    call_command("load_demo")
    assert (Space.objects.count(), Equipment.objects.count()) == counts
    # A room for 20 near Flers exists, as the browser test asks.
    assert Space.objects.filter(place__commune="Flers", capacity__gte=20).exists()
