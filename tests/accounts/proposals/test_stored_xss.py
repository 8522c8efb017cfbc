"""Stored XSS in proposals: markup in every text comes out inert in the queue, the dashboard,
the mails and the proposal form's preview (the API's answers: tests/api/test_place_writes.py)."""

import pytest
from django.core import mail

from places.models import Place
from tests.accounts.editing.test_stored_xss import DESCRIPTION, PAYLOAD, assert_inert
from tests.accounts.proposals.conftest import PROPOSE, QUEUE, proposal_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def hostile(client, author, coordinator, django_capture_on_commit_callbacks):
    """A proposal with markup in every text field, and a hostile coordinator's message."""
    client.force_login(author)
    changes = {
        "name": f"name {PAYLOAD}"[:150],
        "summary": f"summary {PAYLOAD}",
        "address": f"1 {PAYLOAD}",
        "commune": f"Briouze {PAYLOAD}"[:100],
        "description": DESCRIPTION,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PROPOSE, proposal_data(**changes))
        assert response.status_code == 302, response.context["form"].errors
        place = Place.objects.get()
        client.force_login(coordinator)
        client.post(f"{QUEUE}{place.slug}/", {"kind": "changes", "message": PAYLOAD})
    return place


def test_the_queue_shows_every_text_inert(client, author, coordinator, hostile):
    # Sent back, then again in the queue: every text of the proposal is on the page.
    client.force_login(author)
    client.post(f"/espace-hote/lieux/{hostile.slug}/renvoyer/")
    client.force_login(coordinator)

    html = client.get(QUEUE).content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert_inert(html)
    assert 'rel="nofollow ugc noopener"' in html and "survol" in html


def test_the_dashboard_shows_the_proposal_and_the_message_inert(client, author, hostile):
    client.force_login(author)

    html = client.get("/espace-hote/").content.decode()

    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 2  # the name, the message
    assert_inert(html)


def test_the_mails_are_plain_text_with_no_html_version(hostile):
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert message.content_subtype == "plain" and not message.alternatives
        assert "\n" not in message.subject
    assert PAYLOAD in mail.outbox[1].body  # as text, in a text mail: nothing runs


def test_the_proposal_forms_preview_is_sanitised(client, author):
    client.force_login(author)

    response = client.post(PROPOSE, proposal_data(action="preview", description=DESCRIPTION))

    assert response.status_code == 200
    assert_inert(response.content.decode())
