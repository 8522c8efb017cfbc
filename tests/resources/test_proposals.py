"""Hosts propose resources for their place (pending); nobody else may; coordinators publish."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from places.resources.models import Resource
from tests.accounts.conftest import host_of
from tests.factories import PlaceFactory, UserFactory
from tests.resources import files
from tests.resources.factories import ResourceFactory, stage, theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def place(db):
    return PlaceFactory(slug="la-grange", name="La Grange")


@pytest.fixture
def host(place):
    return host_of(place)


@pytest.fixture
def coordinator(db):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["change_place", "change_resource", "view_resource"]
        )
    )
    return user


def url(place) -> str:
    return f"/espace-hote/ressources/{place.slug}/proposer/"


def data(**changes) -> dict:
    return {
        "title": "Notre règlement intérieur",
        "summary": "Le règlement du lieu, à reprendre.",
        "body": "Les **règles** de vie.",
        "kind": "modele",
        "themes": [theme("gouvernance").pk],
        "stages": [stage("ouverture").pk],
        "link": "",
        "author": "La Grange",
        "licence": "CC BY-SA 4.0",
        **changes,
    }


def test_a_host_proposes_a_resource_that_waits_for_a_coordinator(client, place, host):
    client.force_login(host)
    response = client.post(url(place), {**data(), "upload": files.odt()})
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert resource.status == Resource.Status.PENDING
    assert resource.place == place and resource.proposed_by == host
    assert resource.slug == "notre-reglement-interieur"
    assert [t.slug for t in resource.themes.all()] == ["gouvernance"]
    assert resource.files.get().content_type == "application/vnd.oasis.opendocument.text"
    # Not public until published.
    assert client.get("/ressources/notre-reglement-interieur/").status_code == 404
    assert "Notre règlement intérieur" in client.get("/espace-hote/").content.decode()


def test_the_dashboard_offers_to_propose_a_resource_for_each_place(client, place, host):
    client.force_login(host)
    assert url(place) in client.get("/espace-hote/").content.decode()


def test_an_anonymous_visitor_is_sent_to_sign_in_and_nothing_is_written(client, place):
    response = client.post(url(place), data())
    assert response.status_code == 302 and "/compte/login/" in response["Location"]
    assert not Resource.objects.exists()


def test_a_signed_in_person_who_hosts_nothing_is_refused(client, place):
    client.force_login(UserFactory())
    assert client.get(url(place)).status_code == 403
    assert client.post(url(place), data()).status_code == 403
    assert not Resource.objects.exists()


def test_the_host_of_another_place_is_refused(client, place):
    other = host_of(PlaceFactory(slug="le-fournil"))
    client.force_login(other)
    assert client.post(url(place), data()).status_code == 403
    assert not Resource.objects.exists()


def test_a_coordinator_may_propose_for_any_place(client, place, coordinator):
    client.force_login(coordinator)
    assert client.post(url(place), data()).status_code == 302
    assert Resource.objects.get().status == Resource.Status.PENDING


def test_a_renamed_executable_is_a_form_error_and_nothing_is_written(client, place, host):
    client.force_login(host)
    response = client.post(url(place), {**data(), "upload": files.executable("statuts.odt")})
    assert response.status_code == 200
    assert "n’est pas d’un type accepté" in response.content.decode()
    assert not Resource.objects.exists()


def test_an_oversize_file_is_a_clear_form_error(client, place, host, settings):
    settings.RESOURCE_FILE_MAX_MB = 1
    client.force_login(host)
    big = SimpleUploadedFile("gros.pdf", b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024))
    response = client.post(url(place), {**data(), "upload": big})
    assert "« gros.pdf » pèse 3 Mo : un fichier fait 1 Mo au plus." in response.content.decode()
    assert not Resource.objects.exists()


def test_a_proposal_without_content_link_or_file_is_refused(client, place, host):
    client.force_login(host)
    response = client.post(url(place), data(body=""))
    assert response.status_code == 200 and not Resource.objects.exists()
    assert "Ajoutez un contenu, un lien ou un fichier" in response.content.decode()
    # A link alone is enough.
    assert client.post(url(place), data(body="", link="https://pop.eu.com/")).status_code == 302
    assert Resource.objects.get().link == "https://pop.eu.com/"


def test_markdown_of_a_proposal_is_sanitised_once_published(client, place, host):
    client.force_login(host)
    client.post(url(place), data(body="<script>alert(1)</script>[x](javascript:alert(1)) **ok**"))
    resource = Resource.objects.get()
    resource.status = Resource.Status.PUBLISHED
    resource.save()
    page = client.get(resource.get_absolute_url()).content.decode()
    assert (
        "<script>alert" not in page and "javascript:" not in page and "<strong>ok</strong>" in page
    )


def test_an_unknown_place_is_a_404(client, host):
    client.force_login(host)
    assert client.get("/espace-hote/ressources/nulle-part/proposer/").status_code == 404


def test_an_archived_place_takes_no_proposal(client, place, host):
    from places.models import Place

    client.force_login(host)
    assert client.get(url(place)).status_code == 200
    Place.objects.filter(pk=place.pk).update(status=Place.Status.ARCHIVED)
    assert client.post(url(place), data()).status_code == 404
    assert not Resource.objects.exists()


def test_coordinators_publish_from_the_admin(client, coordinator):
    resource = ResourceFactory(status=Resource.Status.PENDING, published_at=None)
    client.force_login(coordinator)
    response = client.post(
        "/admin/resources/resource/",
        {"action": "publish", "_selected_action": [resource.pk]},
    )
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.status == Resource.Status.PUBLISHED and resource.published_at is not None


def test_a_host_cannot_reach_the_admin_of_resources(client, place, host):
    resource = ResourceFactory(status=Resource.Status.PENDING)
    client.force_login(host)
    response = client.post(
        "/admin/resources/resource/", {"action": "publish", "_selected_action": [resource.pk]}
    )
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    resource.refresh_from_db()
    assert resource.status == Resource.Status.PENDING


def admin_change(client, resource, *, upload, name: str):
    """Posts the admin's change form of `resource` (kept as it is) with one new file."""
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    form = {
        "title": resource.title,
        "slug": resource.slug,
        "status": "published",
        "kind": "guide",
        "summary": resource.summary,
        "body": resource.body,
        "link": "",
        "themes": [theme("gouvernance").pk],
        "stages": [],
        "author": "",
        "licence": "",
        "published_at_0": "",
        "published_at_1": "",
        "files-TOTAL_FORMS": "1",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
        "files-0-file": upload,
        "files-0-name": name,
        "files-0-position": "0",
        "files-0-resource": resource.pk,
    }
    return client.post(f"/admin/resources/resource/{resource.pk}/change/", form)


def test_the_admin_refuses_a_renamed_executable(client):
    resource = ResourceFactory()
    response = admin_change(client, resource, upload=files.executable("guide.pdf"), name="Guide")
    assert response.status_code == 200
    assert "n’est pas d’un type accepté" in response.content.decode()
    assert not resource.files.exists()


def test_a_proposal_titled_like_a_page_gets_another_slug(client, place, host):
    client.force_login(host)
    client.post(url(place), data(title="Parcours"))
    assert Resource.objects.get().slug == "parcours-2"


def test_the_database_refuses_the_paths_own_slug():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ResourceFactory(slug="parcours")


def test_the_admin_stores_a_real_pdf_with_its_type_and_size(client):
    resource = ResourceFactory()
    upload = files.pdf()
    response = admin_change(client, resource, upload=upload, name="Liste")
    assert response.status_code == 302
    item = resource.files.get()
    assert item.content_type == "application/pdf" and item.size == upload.size
