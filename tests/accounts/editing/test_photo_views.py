"""Photos on the edit page: uploaded from a phone, described, ordered, deleted; by hosts only."""

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from places.models import PlacePhoto
from tests.accounts.editing.conftest import snapshot
from tests.images import GPS_IFD, image_bytes, jpeg_with_gps, photo_upload, upload

pytestmark = pytest.mark.django_db
UPLOAD = "/lieux/la-grange/photos/"


def add_photos(place, count=2):
    from places.accounts.editing.services import place_photos_add

    return place_photos_add(
        place=place,
        uploads=[(photo_upload(f"photo{n}.jpg"), f"Vue numéro {n}") for n in range(count)],
        by=None,
    )


def test_a_host_uploads_several_photos_at_once_each_with_its_description(client, place, host):
    client.force_login(host)
    response = client.post(
        UPLOAD,
        {
            "photos": [photo_upload("salle.jpg"), photo_upload("atelier.png", fmt="PNG")],
            "alt": ["La grande salle", "L’atelier bois"],
        },
    )
    assert response.status_code == 302 and response.url == "/lieux/la-grange/modifier/#photos"
    photos = list(place.photos.all())
    assert [(p.alt, p.position) for p in photos] == [("La grande salle", 0), ("L’atelier bois", 1)]
    for photo in photos:
        for rendition in ("thumbnail", "card", "full"):
            name = getattr(photo, rendition).name
            assert name.startswith(f"places/{place.pk}/") and name.endswith(f"-{rendition}.webp")
            with default_storage.open(name) as stored:
                assert Image.open(stored).format == "WEBP"
    assert photos[0].history.first().history_user == host
    assert "2 photos ajoutées." in client.get(response.url).content.decode()


def test_one_description_serves_every_photo_sent_without_javascript(client, place, host):
    client.force_login(host)
    client.post(
        UPLOAD, {"photos": [photo_upload("a.jpg"), photo_upload("b.jpg")], "alt": "Le jardin"}
    )
    assert list(place.photos.values_list("alt", flat=True)) == ["Le jardin", "Le jardin"]


@pytest.mark.parametrize(
    ("alt", "message"),
    [("", "obligatoire"), (["Une", ""], "obligatoire"), ("photo.jpg", "nom du fichier")],
)
def test_a_photo_without_a_real_description_is_refused(client, place, host, alt, message):
    client.force_login(host)
    files = (
        [photo_upload("photo.jpg"), photo_upload("photo2.jpg")]
        if isinstance(alt, list)
        else [photo_upload("photo.jpg")]
    )
    response = client.post(UPLOAD, {"photos": files, "alt": alt})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not place.photos.exists()


def test_the_stored_photo_has_no_gps_position(client, place, host):
    client.force_login(host)
    client.post(UPLOAD, {"photos": [upload(jpeg_with_gps(), "vacances.jpg")], "alt": "La façade"})
    photo = place.photos.get()
    for rendition in ("thumbnail", "card", "full"):
        with default_storage.open(getattr(photo, rendition).name) as stored:
            image = Image.open(stored)
            image.load()
            assert GPS_IFD not in image.getexif() and "exif" not in image.info


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"%PDF-1.7 this is a PDF", "menu.jpg", "n’est pas une photo lisible"),
        (
            image_bytes((10_000, 10_000), fmt="PNG", mode="1", colour=0),
            "bombe.png",
            "trop de pixels",
        ),
    ],
)
def test_a_bad_file_is_refused_with_a_message_and_nothing_is_stored(
    client, place, host, media, data, name, message
):
    client.force_login(host)
    response = client.post(
        UPLOAD, {"photos": [photo_upload("bonne.jpg"), upload(data, name)], "alt": "Vue"}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not place.photos.exists()
    assert not list(media.rglob("*.webp"))  # the good photo of the batch was not kept either


def test_a_40_mb_file_is_refused_with_a_clear_message(client, place, host, media):
    client.force_login(host)
    big = upload(b"\xff\xd8" + b"\0" * (40 * 1024 * 1024), "enorme.jpg")
    response = client.post(UPLOAD, {"photos": [big], "alt": "Trop grande"})
    assert response.status_code == 400
    assert (
        "« enorme.jpg » est trop lourde (40 Mo) : 10 Mo au plus par photo."
        in response.content.decode()
    )
    assert not place.photos.exists()


def test_a_place_has_thirty_photos_at_most(client, place, host, monkeypatch):
    from places import photos

    monkeypatch.setattr(photos, "MAX_PER_PLACE", 2)
    add_photos(place, 2)
    client.force_login(host)
    response = client.post(UPLOAD, {"photos": [photo_upload()], "alt": "Une de trop"})
    assert response.status_code == 400 and "2 photos au plus" in response.content.decode()
    assert place.photos.count() == 2


def test_a_host_describes_moves_and_deletes_photos(
    client, place, host, django_capture_on_commit_callbacks
):
    first, second = add_photos(place, 2)
    client.force_login(host)
    assert (
        client.post(
            f"/lieux/la-grange/photos/{first.pk}/", {"alt": "La salle, de nuit"}
        ).status_code
        == 302
    )
    first.refresh_from_db()
    assert first.alt == "La salle, de nuit"
    assert first.history.first().history_user == host

    client.post(f"/lieux/la-grange/photos/{second.pk}/deplacer/", {"direction": "up"})
    assert list(place.photos.values_list("pk", flat=True)) == [second.pk, first.pk]
    client.post(
        f"/lieux/la-grange/photos/{second.pk}/deplacer/", {"direction": "up"}
    )  # already first
    assert list(place.photos.values_list("pk", flat=True)) == [second.pk, first.pk]

    files = [getattr(second, r).name for r in ("thumbnail", "card", "full")]
    # The files go once the deletion is committed (the test's transaction never is).
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/lieux/la-grange/photos/{second.pk}/supprimer/")
    assert response.status_code == 302
    assert list(place.photos.values_list("pk", flat=True)) == [first.pk]
    assert not any(default_storage.exists(name) for name in files)
    deleted = PlacePhoto.history.filter(id=second.pk, history_type="-").get()
    assert deleted.history_user == host and deleted.alt == "Vue numéro 1"


def test_an_empty_description_or_an_unknown_move_is_refused(client, place, host):
    (photo,) = add_photos(place, 1)
    client.force_login(host)
    assert client.post(f"/lieux/la-grange/photos/{photo.pk}/", {"alt": "  "}).status_code == 400
    assert (
        client.post(f"/lieux/la-grange/photos/{photo.pk}/deplacer/", {"direction": "x"}).status_code
        == 400
    )
    photo.refresh_from_db()
    assert photo.alt == "Vue numéro 0"


def test_a_photo_of_another_place_is_not_found_through_this_one(client, place, host, other_host):
    other_place = other_host.hostings.get().place
    (theirs,) = add_photos(other_place, 1)
    client.force_login(host)
    assert client.post(f"/lieux/la-grange/photos/{theirs.pk}/supprimer/").status_code == 404
    assert PlacePhoto.objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize("who", [None, "stranger", "other_host"])
@pytest.mark.parametrize("write", ["upload", "describe", "move", "delete"])
def test_photo_writes_by_anyone_else_are_refused_and_change_nothing(
    client, place, request, who, write
):
    photos = add_photos(place, 2)
    before = snapshot(place)
    if who:
        client.force_login(request.getfixturevalue(who))
    url, data = {
        "upload": (UPLOAD, {"photos": [photo_upload()], "alt": "Intrus"}),
        "describe": (f"/lieux/la-grange/photos/{photos[0].pk}/", {"alt": "Intrus"}),
        "move": (f"/lieux/la-grange/photos/{photos[1].pk}/deplacer/", {"direction": "up"}),
        "delete": (f"/lieux/la-grange/photos/{photos[0].pk}/supprimer/", {}),
    }[write]
    response = client.post(url, data)
    assert response.status_code == (403 if who else 302)
    if not who:
        assert "/login/" in response.url or "next=" in response.url
    assert snapshot(place) == before
    assert all(default_storage.exists(p.full.name) for p in photos)


def test_photo_urls_refuse_get(client, place, host):
    (photo,) = add_photos(place, 1)
    client.force_login(host)
    assert client.get(UPLOAD).status_code == 405
    assert client.get(f"/lieux/la-grange/photos/{photo.pk}/supprimer/").status_code == 405


def test_photos_show_on_the_place_page_in_srcset_lazily_and_in_the_json_ld_and_api(
    client, place, settings
):
    import json
    import re

    settings.SITE_URL = "https://bocage.example"
    first, second = add_photos(place, 2)
    html = client.get(place.get_absolute_url()).content.decode()
    images = re.findall(r"<img [^>]*>", html)
    assert len(images) == 2
    assert 'alt="Vue numéro 0"' in images[0] and 'alt="Vue numéro 1"' in images[1]
    assert all('loading="lazy"' in image for image in images)
    srcset = re.search(r'srcset="([^"]+)"', images[0]).group(1)
    assert [entry.split()[1] for entry in srcset.split(", ")] == ["320w", "800w", "1200w"]
    ld = json.loads(re.search(r'application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert ld["image"] == [
        f"https://bocage.example{first.full.url}",
        f"https://bocage.example{second.full.url}",
    ]
    api = client.get("/api/places/la-grange/").json()
    assert [(p["alt"], p["width"]) for p in api["photos"]] == [
        ("Vue numéro 0", 1200),
        ("Vue numéro 1", 1200),
    ]
    assert api["photos"][0]["url"].startswith("http://testserver/media/places/")
    served = client.get(first.card.url)
    assert served.status_code == 200 and served["Content-Type"] == "image/webp"
