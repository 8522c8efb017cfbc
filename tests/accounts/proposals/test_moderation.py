"""The moderation queue: only coordinators publish, ask for changes or refuse, each recorded."""

import pytest
from django.core import mail

from places.accounts.models import Decision
from places.models import Place
from tests.accounts.conftest import host_of
from tests.accounts.proposals.conftest import QUEUE
from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


def decide(client, place, kind, message=""):
    return client.post(f"{QUEUE}{place.slug}/", {"kind": kind, "message": message})


def test_the_queue_lists_pending_proposals_with_their_author(client, coordinator, proposal):
    client.force_login(coordinator)

    response = client.get(QUEUE)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Le Moulin des Possibles" in page and "auteur@example.org" in page
    assert f'action="{QUEUE}{proposal.slug}/"' in page


@pytest.mark.parametrize("who", ["anonymous", "stranger", "author", "host_elsewhere", "viewer"])
@pytest.mark.parametrize("kind", ["published", "changes", "refused"])
def test_only_coordinators_moderate_and_nothing_changes_for_anyone_else(
    client, proposal, author, who, kind
):
    from django.contrib.auth.models import Permission

    from tests.accounts.conftest import confirmed
    from tests.factories import UserFactory

    people = {
        "anonymous": None,
        "stranger": lambda: confirmed(UserFactory()),
        "author": lambda: author,
        "host_elsewhere": lambda: host_of(PlaceFactory()),
        # Staff who may only look at places is no coordinator.
        "viewer": lambda: UserFactory(is_staff=True),
    }
    user = people[who]() if people[who] else None
    if who == "viewer":
        user.user_permissions.set(Permission.objects.filter(codename="view_place"))
    if user:
        client.force_login(user)
    versions = proposal.history.count()

    queue = client.get(QUEUE)
    response = decide(client, proposal, kind, "Un message")

    expected = 302 if user is None else 403
    assert queue.status_code == expected and response.status_code == expected
    proposal.refresh_from_db()
    assert proposal.status == Place.Status.PENDING
    assert proposal.history.count() == versions
    assert list(proposal.decisions.values_list("kind", flat=True)) == ["submitted"]


def test_publishing_makes_it_public_records_it_and_tells_the_author(
    client, coordinator, proposal, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, proposal, "published")

    assert response.status_code == 302 and response["Location"] == QUEUE
    proposal.refresh_from_db()
    assert proposal.status == Place.Status.PUBLISHED
    decision = proposal.decisions.first()
    assert (decision.kind, decision.by) == (Decision.Kind.PUBLISHED, coordinator)
    version = proposal.history.first()
    assert version.history_user == coordinator
    assert version.history_change_reason == "Modération : publié"
    assert [m.to for m in mail.outbox] == [["auteur@example.org"]]
    assert f"/lieux/{proposal.slug}/" in mail.outbox[0].body
    assert client.get(f"/lieux/{proposal.slug}/").status_code == 200


def test_asking_for_changes_needs_a_message_sends_it_and_shows_it_in_the_dashboard(
    client, coordinator, author, proposal, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    mail.outbox.clear()

    refused = decide(client, proposal, "changes", "   ")
    with django_capture_on_commit_callbacks(execute=True):
        asked = decide(client, proposal, "changes", "Précisez les horaires d’été.")

    assert refused.status_code == 400
    assert "Dites à l’auteur" in refused.content.decode()
    assert asked.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Place.Status.DRAFT
    assert "Précisez les horaires d’été." in mail.outbox[0].body
    assert "Précisez les horaires" in proposal.history.first().history_change_reason
    client.force_login(author)
    dashboard = client.get("/espace-hote/").content.decode()
    assert "Précisez les horaires d’été." in dashboard
    assert f"/espace-hote/lieux/{proposal.slug}/renvoyer/" in dashboard


def test_refusing_says_why_archives_it_and_tells_the_author(
    client, coordinator, author, proposal, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        decide(client, proposal, "refused", "Ce lieu est déjà dans l’annuaire.")

    proposal.refresh_from_db()
    assert proposal.status == Place.Status.ARCHIVED
    assert "déjà dans l’annuaire" in mail.outbox[0].body
    assert "n’est pas publié" in mail.outbox[0].subject
    assert client.get(f"/lieux/{proposal.slug}/").status_code == 404
    client.force_login(author)
    assert "Ce lieu est déjà dans l’annuaire." in client.get("/espace-hote/").content.decode()


def test_a_decision_on_a_proposal_no_longer_pending_is_refused(client, coordinator, proposal):
    client.force_login(coordinator)
    decide(client, proposal, "published")

    response = decide(client, proposal, "refused", "Trop tard")

    assert response.status_code == 400
    assert Place.objects.get(pk=proposal.pk).status == Place.Status.PUBLISHED


def test_an_unknown_decision_is_a_form_error(client, coordinator, proposal):
    client.force_login(coordinator)

    response = decide(client, proposal, "delete")

    assert response.status_code == 400
    assert Place.objects.get(pk=proposal.pk).status == Place.Status.PENDING


def test_only_the_proposals_hosts_resubmit_it(client, coordinator, author, proposal, stranger):
    client.force_login(coordinator)
    decide(client, proposal, "changes", "Ajoutez une photo.")
    url = f"/espace-hote/lieux/{proposal.slug}/renvoyer/"

    client.force_login(stranger)
    assert client.post(url).status_code == 403
    assert Place.objects.get(pk=proposal.pk).status == Place.Status.DRAFT
    client.logout()
    assert client.post(url).status_code == 302
    assert Place.objects.get(pk=proposal.pk).status == Place.Status.DRAFT
    client.force_login(author)
    assert client.post(url).status_code == 302
    assert Place.objects.get(pk=proposal.pk).status == Place.Status.PENDING


def test_a_decision_is_told_to_the_author_and_the_other_active_hosts_once_each(
    client, coordinator, proposal, django_capture_on_commit_callbacks
):
    host_of(proposal, email="cohote@example.org")
    host_of(proposal, email="parti@example.org", is_active=False)
    client.force_login(coordinator)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        decide(client, proposal, "published")

    assert [sorted(m.to) for m in mail.outbox] == [["auteur@example.org", "cohote@example.org"]]
