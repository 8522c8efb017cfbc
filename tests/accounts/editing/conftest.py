"""The people around a place's edit page, and photos stored in a folder of the test's own."""

import pytest
from django.contrib.auth.models import Permission
from django.forms.models import model_to_dict

from places.accounts.models import Hosting
from places.models import Place
from tests.factories import PlaceFactory, UserFactory


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SERVE_MEDIA = True
    return settings.MEDIA_ROOT


@pytest.fixture
def place(db):
    return PlaceFactory(
        slug="la-grange",
        name="La Grange",
        description="Un **tiers-lieu**.",
        opening_hours="Mo-Fr 09:00-18:00",
        services=["wifi"],
        lat=48.7483,
        lon=-0.5694,
    )


@pytest.fixture
def host(place):
    user = UserFactory(name="Camille Hôte")
    Hosting.objects.create(place=place, user=user)
    return user


@pytest.fixture
def other_host(db):
    """The host of another place."""
    user = UserFactory(name="Dominique d’ailleurs")
    Hosting.objects.create(place=PlaceFactory(slug="ailleurs"), user=user)
    return user


@pytest.fixture
def stranger(db):
    """Signed in, hosts nothing."""
    return UserFactory(name="Personne du coin")


@pytest.fixture
def coordinator(db):
    user = UserFactory(is_staff=True, name="Coordination")
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["change_place", "view_place"])
    )
    return user


def snapshot(place: Place) -> dict:
    """Everything about a place that a write could change, to compare before and after."""
    fresh = Place.objects.get(pk=place.pk)
    data = model_to_dict(fresh, exclude=["types", "services"])
    data["location"] = (round(fresh.latitude, 7), round(fresh.longitude, 7))
    data["types"] = sorted(t.slug for t in fresh.types.all())
    data["services"] = sorted(s.slug for s in fresh.services.all())
    data["updated_at"] = fresh.updated_at
    data["versions"] = fresh.history.count()
    data["photos"] = list(fresh.photos.values_list("pk", "alt", "position", "full"))
    return data


def edit_data(place: Place, **changes) -> dict:
    """What the edit form posts for `place` as it is, with `changes`."""
    fresh = Place.objects.get(pk=place.pk)
    data = {
        "name": fresh.name,
        "summary": fresh.summary,
        "description": fresh.description,
        "types": [t.pk for t in fresh.types.all()],
        "services": [s.pk for s in fresh.services.all()],
        "address": fresh.address,
        "postcode": fresh.postcode,
        "commune": fresh.commune,
        "latitude": f"{fresh.latitude:.6f}",
        "longitude": f"{fresh.longitude:.6f}",
        "opening_hours": fresh.opening_hours,
        "phone": fresh.phone,
        "email": fresh.email,
        "website": fresh.website,
        "social_links": "\n".join(fresh.social_links),
        "wheelchair": fresh.wheelchair,
        "hearing_notes": fresh.hearing_notes,
        "sight_notes": fresh.sight_notes,
        "acceslibre_url": fresh.acceslibre_url,
        "seen": fresh.updated_at.isoformat(),
        "action": "save",
    }
    if fresh.welcomes_founders:
        data["welcomes_founders"] = "on"
    data.update(changes)
    return data


@pytest.fixture
def fake_address_geocoder(settings):
    """The national address API knowing one address in Flers."""
    from tests.conftest import FakeGeocoder

    class AddressGeocoder(FakeGeocoder):
        def respond(self, path, query):
            status, body = super().respond(path, query)
            return status, body.replace(b'"municipality"', b'"housenumber"')

    addresses = {
        "12 rue des prés 61100 flers": ("12 Rue des Prés 61100 Flers", "61100", 48.7512, -0.5654)
    }
    with AddressGeocoder(addresses) as fake:
        settings.GEOCODER_URL = fake.url
        yield fake
