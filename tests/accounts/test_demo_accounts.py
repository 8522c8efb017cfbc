"""Demo hosts and a demo coordinator: for local trials, never created on a site in production."""

import io

import pytest
from django.core.management import call_command

from places.accounts.demo import ACCOUNTS
from places.accounts.models import Hosting, User
from places.accounts.permissions import can_change_place
from places.models import Place

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_places():
    call_command("load_demo", stdout=io.StringIO())


def test_demo_accounts_are_not_created_when_debug_is_off(settings, demo_places):
    settings.DEBUG = False
    err = io.StringIO()
    call_command("load_demo_accounts", stdout=io.StringIO(), stderr=err)
    assert "Comptes de démonstration non créés" in err.getvalue()
    assert not User.objects.exists()


def test_demo_accounts_host_demo_places_and_sign_in(client, settings, demo_places):
    settings.DEBUG = False
    out = io.StringIO()
    call_command("load_demo_accounts", "--demo-accounts", stdout=out)
    call_command("load_demo_accounts", "--demo-accounts", stdout=io.StringIO())  # twice: same

    host = User.objects.get(email="hote.filature@demo.fabrique-du-bocage.fr")
    hosted = set(Place.objects.filter(hostings__user=host).values_list("slug", flat=True))
    proposed = {"filature-commune-atelier-textile", "le-jardin-des-possibles"}
    assert hosted == {"la-filature-commune", "repar-vere", "les-ateliers-de-la-vee", *proposed}
    assert Hosting.objects.count() == 7
    assert can_change_place(host, Place.objects.get(slug="repar-vere"))
    assert not can_change_place(host, Place.objects.get(slug="l-etabli-fertois"))
    coordinator = User.objects.get(email="coordination@demo.fabrique-du-bocage.fr")
    assert can_change_place(coordinator, Place.objects.get(slug="l-etabli-fertois"))
    for account in ACCOUNTS:
        assert f"{account.email}  mot de passe : {account.password}" in out.getvalue()

    response = client.post(
        "/compte/login/", {"login": host.email, "password": ACCOUNTS[0].password}
    )
    assert response.status_code == 302 and response["Location"] == "/espace-hote/"


def test_demo_proposals_fill_the_queue_and_the_dashboard_once(client, settings, demo_places):
    settings.DEBUG = True
    call_command("load_demo_accounts", stdout=io.StringIO())
    call_command("load_demo_accounts", stdout=io.StringIO())  # idempotent

    pending = Place.objects.get(slug="filature-commune-atelier-textile")
    asked = Place.objects.get(slug="le-jardin-des-possibles")
    assert (pending.status, asked.status) == ("pending", "draft")
    assert pending.decisions.count() == 1 and asked.decisions.count() == 2
    client.force_login(User.objects.get(email=ACCOUNTS[-1].email))
    queue = client.get("/espace-hote/moderation/").content.decode()
    assert "Filature commune — atelier textile" in queue and "Doublon possible" in queue
    client.force_login(User.objects.get(email=ACCOUNTS[0].email))
    assert "Précisez les horaires" in client.get("/espace-hote/").content.decode()
