"""The coordinators' admin: map widget, moderation actions, imports with a preview."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from places.models import Place, PlaceImport
from tests.factories import PlaceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client):
    user = UserFactory(is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            codename__in=["add_place", "change_place", "view_place", "delete_place"]
        )
    )
    client.force_login(user)
    return user


@pytest.fixture
def viewer(client):
    """Staff who may look at places but not change them."""
    user = UserFactory(is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="view_place"))
    client.force_login(user)
    return user


def geojson_file(features, name="lieux.geojson"):
    content = json.dumps({"type": "FeatureCollection", "features": features}).encode()
    return SimpleUploadedFile(name, content, content_type="application/geo+json")


def feature(name, slug, lat=48.75, lon=-0.57, **properties):
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {
            "name": name,
            "slug": slug,
            "commune": "Flers",
            "types": ["fablab"],
            **properties,
        },
    }


def test_the_place_form_has_a_leaflet_map_widget(client, coordinator):
    place = PlaceFactory()
    html = client.get(f"/admin/places/place/{place.pk}/change/").content.decode()
    assert "leaflet/leaflet.js" in html and "leaflet.forms.js" in html
    assert 'id="id_location"' in html
    assert "openlayers" not in html.lower()


def test_the_list_filters_and_searches(client, coordinator):
    PlaceFactory(name="La Grange", status="pending")
    PlaceFactory(name="Le Moulin")
    response = client.get("/admin/places/place/?status__exact=pending&q=grange")
    assert [p.name for p in response.context["cl"].result_list] == ["La Grange"]


def test_a_coordinator_publishes_pending_places(client, coordinator):
    place = PlaceFactory(status="pending")
    client.post(
        "/admin/places/place/",
        {"action": "publish", "_selected_action": [place.pk]},
    )
    place.refresh_from_db()
    assert place.status == "published"


def test_a_viewer_cannot_publish_or_edit(client, viewer):
    place = PlaceFactory(status="pending")
    client.post("/admin/places/place/", {"action": "publish", "_selected_action": [place.pk]})
    place.refresh_from_db()
    assert place.status == "pending"
    response = client.post(f"/admin/places/place/{place.pk}/change/", {"name": "Piraté"})
    assert response.status_code == 403


def test_import_preview_then_confirm(client, coordinator):
    PlaceFactory(slug="existant", name="Ancien nom", types=["fablab"])
    upload = geojson_file([feature("Nouveau lieu", "nouveau"), feature("Nouveau nom", "existant")])
    response = client.post("/admin/places/place/importer/", {"file": upload})
    assert response.status_code == 302
    batch = PlaceImport.objects.get()
    preview = client.get(response["Location"])
    html = preview.content.decode()
    assert "créés : 1, modifiés : 1, inchangés : 0" in html
    assert "existant : name" in html
    # Nothing is written before the confirmation.
    assert not Place.objects.filter(slug="nouveau").exists()
    confirmed = client.post(response["Location"])
    assert confirmed.status_code == 302
    assert Place.objects.get(slug="existant").name == "Nouveau nom"
    assert Place.objects.filter(slug="nouveau").exists()
    batch.refresh_from_db()
    assert batch.applied_at is not None and batch.created_by == coordinator
    # A batch is applied once.
    assert client.post(response["Location"]).status_code == 404


def test_import_with_a_bad_row_shows_every_error_and_writes_nothing(client, coordinator):
    upload = geojson_file(
        [feature("Bon", "bon"), feature("", "sans-nom"), feature("Loin", "loin", lat=123)]
    )
    response = client.post("/admin/places/place/importer/", {"file": upload})
    assert response.status_code == 400
    html = response.content.decode()
    assert "élément 2" in html and "élément 3" in html
    assert Place.objects.count() == 0
    assert PlaceImport.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content"),
    [("lieux.txt", b"hello"), ("lieux.geojson", b"{pas du json"), ("lieux.csv", b"\xff\xfe\x00")],
)
def test_import_refuses_unreadable_files_with_a_message(client, coordinator, name, content):
    upload = SimpleUploadedFile(name, content)
    response = client.post("/admin/places/place/importer/", {"file": upload})
    assert response.status_code == 400
    assert response.context["form"].errors


def test_import_is_refused_to_staff_without_the_permissions(client, viewer):
    upload = geojson_file([feature("Nouveau", "nouveau")])
    assert client.get("/admin/places/place/importer/").status_code == 403
    assert client.post("/admin/places/place/importer/", {"file": upload}).status_code == 403
    batch = PlaceImport.objects.create(filename="x.geojson", fmt="geojson", content=b"{}")
    assert client.post(f"/admin/places/place/importer/{batch.pk}/").status_code == 403
    assert Place.objects.count() == 0


def test_import_is_refused_to_anonymous_visitors(client):
    response = client.get("/admin/places/place/importer/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_import_of_a_file_without_places_says_so(client, coordinator):
    upload = SimpleUploadedFile("lieux.csv", b"name,lat,lon\n")
    response = client.post("/admin/places/place/importer/", {"file": upload})
    assert response.status_code == 400
    assert "Le fichier ne contient aucun lieu." in response.content.decode()


def test_the_admin_speaks_for_the_network(client, coordinator):
    assert "La Fabrique du Bocage — administration" in client.get("/admin/").content.decode()
