"""The proposal journey: propose → pending → asked for changes → edited, resubmitted → published."""

import pytest
from django.core import mail

from places.models import Place
from tests.accounts.editing.conftest import edit_data
from tests.accounts.proposals.conftest import PROPOSE, QUEUE, proposal_data

pytestmark = pytest.mark.django_db


def public_everywhere(client, slug: str) -> dict:
    return {
        "page": client.get(f"/lieux/{slug}/").status_code == 200,
        "list": slug in client.get("/lieux/").content.decode(),
        "map": slug in client.get("/api/places.geojson").content.decode(),
        "api": slug in client.get("/api/places/").content.decode(),
    }


def test_a_proposal_goes_from_pending_to_changes_asked_to_resubmitted_to_published(
    client, author, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.force_login(author)
        client.post(PROPOSE, proposal_data())
        place = Place.objects.get()
        client.logout()
        assert not any(public_everywhere(client, place.slug).values())

        client.force_login(coordinator)
        assert place.name in client.get(QUEUE).content.decode()
        client.post(f"{QUEUE}{place.slug}/", {"kind": "changes", "message": "Horaires ?"})

        client.force_login(author)
        assert "Horaires ?" in client.get("/espace-hote/").content.decode()
        edited = client.post(
            f"/lieux/{place.slug}/modifier/", edit_data(place, opening_hours="Sa-Su 10:00-18:00")
        )
        assert edited.status_code == 302
        client.post(f"/espace-hote/lieux/{place.slug}/renvoyer/")
        assert Place.objects.get().status == Place.Status.PENDING

        client.force_login(coordinator)
        assert place.name in client.get(QUEUE).content.decode()
        client.post(f"{QUEUE}{place.slug}/", {"kind": "published"})
        client.logout()

    assert public_everywhere(client, place.slug) == dict.fromkeys(
        ["page", "list", "map", "api"], True
    )
    assert client.get(f"/api/places/{place.slug}/").json()["opening_hours"] == "Sa-Su 10:00-18:00"
    steps = list(Place.objects.get().decisions.order_by("at", "pk").values_list("kind", flat=True))
    assert steps == ["submitted", "changes", "resubmitted", "published"]
    reasons = [
        v.history_change_reason for v in Place.objects.get().history.order_by("history_date")
    ]
    assert reasons == [
        "Proposition d’un nouveau lieu",
        "Modération : modifications demandées — Horaires ?",
        None,
        "Modération : renvoyé après modifications",
        "Modération : publié",
    ]
    # The coordinators twice (proposed, resubmitted), the author twice (changes, published).
    assert [m.to for m in mail.outbox] == [
        ["coordination@example.org"],
        ["auteur@example.org"],
        ["coordination@example.org"],
        ["auteur@example.org"],
    ]
