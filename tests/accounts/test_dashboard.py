"""/espace-hote/: my places, their status and freshness, the way to edit them, my proposals."""

from datetime import timedelta

import pytest
from django.utils import timezone

from places.accounts.models import Hosting
from places.models import Place
from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


def test_the_dashboard_needs_a_sign_in(client):
    response = client.get("/espace-hote/")
    assert response.status_code == 302
    assert response["Location"] == "/compte/login/?next=/espace-hote/"


def test_the_dashboard_lists_my_places_with_status_freshness_and_links(client, place, host):
    Place.objects.filter(pk=place.pk).update(updated_at=timezone.now() - timedelta(days=3))
    client.force_login(host)

    response = client.get("/espace-hote/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "<h3>La Grange</h3>" in body
    assert "Publié" in body
    assert "mis à jour il y a 3\xa0jours" in body
    assert 'href="/lieux/la-grange/modifier/"' in body
    assert 'href="/lieux/la-grange/"' in body
    assert 'href="/espace-hote/lieux/la-grange/hotes/"' in body
    assert 'href="/lieux/la-grange/modifier/salles-et-materiel/"' in body


def test_the_dashboard_shows_only_my_places(client, place, host, other_place, other_host):
    client.force_login(host)
    body = client.get("/espace-hote/").content.decode()
    assert "La Grange" in body and "Le Fournil" not in body


def test_my_proposals_and_their_state(client, host):
    pending = PlaceFactory(slug="en-attente", name="La Future Forge", status=Place.Status.PENDING)
    Hosting.objects.create(place=pending, user=host)
    client.force_login(host)
    body = client.get("/espace-hote/").content.decode()
    proposals = body.split('id="mes-propositions"', 1)[1].split('id="mes-jetons"', 1)[0]
    assert "La Future Forge" in proposals
    assert "En attente de validation" in proposals
    assert "La Grange" not in proposals  # published: not a proposal
    assert 'href="/lieux/en-attente/"' not in body  # not public yet


def test_someone_who_hosts_nothing_is_told_how_to_become_host(client, stranger):
    client.force_login(stranger)
    body = client.get("/espace-hote/").content.decode()
    assert "Vous n’êtes hôte d’aucun lieu pour l’instant." in body
