"""The coordinators' admin: map widget, moderation actions, imports with a preview."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks import default_task_backend

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
    assert "Confirmer l’import" in html
    # Nothing is written before the confirmation.
    assert not Place.objects.filter(slug="nouveau").exists()
    confirmed = client.post(response["Location"])
    assert confirmed.status_code == 302
    assert Place.objects.get(slug="existant").name == "Nouveau nom"
    assert Place.objects.filter(slug="nouveau").exists()
    batch.refresh_from_db()
    assert batch.applied_at is not None and batch.created_by == coordinator
    assert batch.status == PlaceImport.Status.DONE
    assert (
        "Import terminé : créés : 1, modifiés : 1"
        in client.get(response["Location"]).content.decode()
    )
    # A batch is applied once.
    assert client.post(response["Location"]).status_code == 404


def test_import_with_a_bad_row_shows_every_error_and_writes_nothing(client, coordinator):
    upload = geojson_file(
        [feature("Bon", "bon"), feature("", "sans-nom"), feature("Loin", "loin", lat=123)]
    )
    response = client.post("/admin/places/place/importer/", {"file": upload})
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "élément 2 : name" in html and "élément 3 : lat" in html
    assert "Confirmer l’import" not in html
    assert Place.objects.count() == 0
    batch = PlaceImport.objects.get()
    assert batch.status == PlaceImport.Status.REFUSED
    # A refused file is not kept, its report is; it cannot be confirmed.
    assert not batch.file
    assert client.post(response["Location"]).status_code == 404


def test_a_csv_cell_over_128_kib_uploaded_is_a_reported_row_not_a_server_error(client, coordinator):
    content = f"name,description,lat,lon\nBon,court,48.7,-0.5\nGros,{'x' * 140_000},48.7,-0.5\n"
    upload = SimpleUploadedFile("lieux.csv", content.encode())
    response = client.post("/admin/places/place/importer/", {"file": upload})
    html = client.get(response["Location"]).content.decode()
    assert "ligne 3 : une cellule dépasse 128 Kio" in html
    assert Place.objects.count() == 0


def test_the_upload_answers_before_the_work_is_done(client, coordinator, settings):
    """The upload only stores the file and queues its check (a backend that records tasks
    and runs none): a large file never holds the request."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    features = [feature(f"Lieu {n}", f"lieu-{n}") for n in range(2000)]
    response = client.post("/admin/places/place/importer/", {"file": geojson_file(features)})
    assert response.status_code == 302
    (queued,) = default_task_backend.results
    batch = PlaceImport.objects.get()
    assert queued.task.name == "check_place_import" and queued.args == [batch.pk]
    assert queued.status == "READY"
    assert batch.status == PlaceImport.Status.QUEUED and batch.rows_checked == 0
    page = client.get(response["Location"])
    html = page.content.decode()
    assert '<meta http-equiv="refresh" content="2">' in html
    assert "en attente de vérification" in html
    assert not Place.objects.exists()


def test_the_page_of_an_import_at_work_shows_its_progress(client, coordinator, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    batch = PlaceImport.objects.create(
        filename="gros.csv", fmt="csv", status="checking", rows_total=5000, rows_checked=1500
    )
    html = client.get(f"/admin/places/place/importer/{batch.pk}/").content.decode()
    assert "1500 lignes vérifiées sur 5000." in html
    assert '<progress max="100" value="30">' in html
    batch.status, batch.rows_written = "importing", 4000
    batch.save()
    html = client.get(f"/admin/places/place/importer/{batch.pk}/").content.decode()
    assert "4000 lieux enregistrés sur 5000." in html
    assert '<meta http-equiv="refresh"' in html
    batch.status = "done"
    batch.save()
    html = client.get(f"/admin/places/place/importer/{batch.pk}/").content.decode()
    assert '<meta http-equiv="refresh"' not in html


def test_confirming_a_checked_import_queues_it_and_answers_at_once(client, coordinator, settings):
    upload = geojson_file([feature("Nouveau lieu", "nouveau")])
    response = client.post("/admin/places/place/importer/", {"file": upload})
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    confirmed = client.post(response["Location"])

    assert confirmed.status_code == 302
    (queued,) = default_task_backend.results
    assert queued.task.name == "apply_place_import"
    assert PlaceImport.objects.get().status == PlaceImport.Status.IMPORT_QUEUED
    assert not Place.objects.exists()
    assert client.post(response["Location"]).status_code == 404  # confirmed once


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("lieux.geojson", b"{pas du json", "JSON invalide"),
        ("lieux.csv", b"\xff\xfe\x00", "encodé en UTF-8"),
    ],
)
def test_an_unreadable_file_is_refused_with_a_message(client, coordinator, name, content, message):
    upload = SimpleUploadedFile(name, content)
    response = client.post("/admin/places/place/importer/", {"file": upload})
    assert response.status_code == 302
    assert message in client.get(response["Location"]).content.decode()
    assert PlaceImport.objects.get().status == PlaceImport.Status.REFUSED


def test_a_file_of_another_kind_is_refused_at_the_upload(client, coordinator):
    response = client.post(
        "/admin/places/place/importer/", {"file": SimpleUploadedFile("lieux.txt", b"hello")}
    )
    assert response.status_code == 400
    assert "Format inconnu" in response.content.decode()
    assert not PlaceImport.objects.exists()


def test_a_file_over_the_limit_is_refused_at_the_upload_and_the_form_says_the_limit(
    client, coordinator, monkeypatch
):
    assert "50 Mo au plus." in client.get("/admin/places/place/importer/").content.decode()
    monkeypatch.setattr("places.io.MAX_BYTES", 10)
    upload = geojson_file([feature("Nouveau", "nouveau")])
    response = client.post("/admin/places/place/importer/", {"file": upload})
    assert response.status_code == 400
    assert "Fichier trop gros : 50 Mo au plus." in response.content.decode()
    assert not PlaceImport.objects.exists()


def test_import_is_refused_to_staff_without_the_permissions(client, viewer):
    upload = geojson_file([feature("Nouveau", "nouveau")])
    assert client.get("/admin/places/place/importer/").status_code == 403
    assert client.post("/admin/places/place/importer/", {"file": upload}).status_code == 403
    batch = PlaceImport.objects.create(filename="x.geojson", fmt="geojson", status="checked")
    assert client.get(f"/admin/places/place/importer/{batch.pk}/").status_code == 403
    assert client.post(f"/admin/places/place/importer/{batch.pk}/").status_code == 403
    batch.refresh_from_db()
    assert batch.status == "checked"
    assert Place.objects.count() == 0
    assert PlaceImport.objects.count() == 1


def test_import_is_refused_to_anonymous_visitors(client):
    response = client.get("/admin/places/place/importer/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    batch = PlaceImport.objects.create(filename="x.geojson", fmt="geojson", status="checked")
    response = client.post(f"/admin/places/place/importer/{batch.pk}/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    batch.refresh_from_db()
    assert batch.status == "checked"


def test_import_of_a_file_without_places_says_so(client, coordinator):
    upload = SimpleUploadedFile("lieux.csv", b"name,lat,lon\n")
    response = client.post("/admin/places/place/importer/", {"file": upload})
    assert "Le fichier ne contient aucun lieu." in client.get(response["Location"]).content.decode()


def test_the_import_page_lists_the_recent_imports(client, coordinator):
    PlaceImport.objects.create(filename="ancien.csv", fmt="csv", status="done")
    html = client.get("/admin/places/place/importer/").content.decode()
    assert "ancien.csv" in html and "importé" in html


def test_the_admin_speaks_for_the_network(client, coordinator):
    assert "La Fabrique du Bocage — administration" in client.get("/admin/").content.decode()
