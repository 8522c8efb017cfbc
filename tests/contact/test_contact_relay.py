"""The contact relay: a visitor writes to a place's hosts without seeing their address."""

from django.core import mail

from places.outbox.models import OutgoingMail
from tests.contact.conftest import SENDER, contact_data, host_of, shown_ago
from tests.factories import PlaceFactory, UserFactory


def test_the_form_is_prefilled_with_the_subject_of_the_query_string(client, place):
    response = client.get(
        f"/lieux/{place.slug}/contact/?objet=Demande de visite (porteur de projet)"
    )

    assert response.status_code == 200
    assert response.context["form"]["subject"].value() == "Demande de visite (porteur de projet)"
    assert 'value="Demande de visite (porteur de projet)"' in response.text
    assert "Contacter « La Grange »" in response.text


def test_a_message_reaches_the_hosts_with_the_sender_as_reply_to_and_a_copy(place, host, send):
    co_host = host_of(place, email="co-hote@example.com")

    response = send(place)

    assert response.status_code == 302
    assert response["Location"] == f"/lieux/{place.slug}/contact/envoye/"
    to_place = [m for m in mail.outbox if m.to != [SENDER]]
    assert sorted(m.to[0] for m in to_place) == sorted(
        [host.email, co_host.email, "secret-lieu@example.com"]
    )
    for message in to_place:
        assert len(message.to) == 1  # nobody sees the other recipients
        assert message.reply_to == [SENDER]
        assert message.subject == "[La Grange] Demander à réserver « Salle du Bocage »"
        assert "Léa Martin (visiteuse@example.net) vous écrit" in message.body
        assert "la salle est-elle libre mardi soir" in message.body
    [copy] = [m for m in mail.outbox if m.to == [SENDER]]
    assert copy.subject == "Copie de votre message à « La Grange »"
    assert "la salle est-elle libre mardi soir" in copy.body
    assert "example.com" not in copy.body + str(copy.reply_to) + copy.subject


def test_the_sent_page_says_so_without_naming_anyone(client, place, host, send):
    send(place)
    page = client.get(f"/lieux/{place.slug}/contact/envoye/")

    assert page.status_code == 200
    assert "Votre message part vers les hôtes de « La Grange »" in page.text


def test_a_place_without_host_nor_address_is_written_to_through_the_coordinators(send, db):
    place = PlaceFactory(slug="sans-hote", name="Sans hôte", email="")
    coordinator = UserFactory(is_staff=True, is_superuser=True, email="coord@example.org")
    UserFactory(is_staff=True, email="regarde-seulement@example.org")  # no change permission
    UserFactory(is_staff=True, is_superuser=True, is_active=False)

    send(place)

    assert sorted(m.to[0] for m in mail.outbox) == sorted([coordinator.email, SENDER])
    [relayed] = [m for m in mail.outbox if m.to == [coordinator.email]]
    assert relayed.reply_to == [SENDER]


def test_a_place_nobody_can_receive_for_says_so_and_queues_nothing(send, db):
    place = PlaceFactory(slug="personne", email="")
    UserFactory(is_staff=True, email="regarde-seulement@example.org")  # not a coordinator

    response = send(place)

    assert response.status_code == 503
    assert "ne peut pas recevoir de message" in response.text
    assert response.context["form"]["message"].value() == contact_data()["message"]
    assert not OutgoingMail.objects.exists()
    assert mail.outbox == []


def test_a_filled_honeypot_is_thanked_and_nothing_is_sent(place, host, send):
    response = send(place, homepage="http://spam.example")

    assert response.status_code == 302
    assert response["Location"] == f"/lieux/{place.slug}/contact/envoye/"
    assert mail.outbox == []
    assert not OutgoingMail.objects.exists()


def test_a_form_sent_too_quickly_is_refused(place, host, send, settings):
    settings.CONTACT_MIN_SECONDS = 3
    response = send(place, started=shown_ago(1))

    assert response.status_code == 400
    assert "parti trop vite" in response.text
    assert mail.outbox == []


def test_a_missing_or_forged_time_is_refused_and_the_form_gets_a_new_one(place, host, send):
    for started in ["", "12345", shown_ago().replace(":", "x", 1)]:
        response = send(place, started=started)
        assert response.status_code == 400
        assert "resté ouvert trop longtemps" in response.text
        assert response.context["form"].data["started"] != started
    assert mail.outbox == []


def test_a_form_without_its_fields_is_a_form_error(place, host, send):
    response = send(place, email="pas-une-adresse", message="")

    assert response.status_code == 400
    assert response.context["form"].errors.keys() == {"email", "message"}
    assert mail.outbox == []


def test_one_address_sends_a_few_messages_then_waits(place, host, send, settings):
    settings.CONTACT_RATE_LIMIT = 2
    assert send(place, ip="203.0.113.1").status_code == 302
    assert send(place, ip="203.0.113.2").status_code == 302

    refused = send(place, ip="203.0.113.3")

    assert refused.status_code == 429
    assert "beaucoup de messages en peu de temps" in refused.text
    assert len([m for m in mail.outbox if m.to == [SENDER]]) == 2
    # Another address from elsewhere still may.
    assert send(place, ip="203.0.113.4", email="autre@example.net").status_code == 302


def test_one_ip_address_sends_a_few_messages_then_waits(place, host, send, settings):
    settings.CONTACT_RATE_LIMIT = 2
    send(place, email="a@example.net")
    send(place, email="b@example.net")

    assert send(place, email="c@example.net").status_code == 429
    assert send(place, email="c@example.net", ip="198.51.100.9").status_code == 302


def test_behind_a_proxy_the_limit_counts_the_visitors_address(place, host, client, settings):
    settings.CONTACT_RATE_LIMIT = 1
    settings.TRUSTED_PROXY_COUNT = 1

    def post(forwarded, email):
        return client.post(
            f"/lieux/{place.slug}/contact/",
            {
                "name": "A",
                "email": email,
                "subject": "S",
                "message": "M",
                "started": shown_ago(),
            },
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    assert post("203.0.113.5", "a@example.net").status_code == 302
    assert post("203.0.113.6", "b@example.net").status_code == 302
    assert post("203.0.113.6", "c@example.net").status_code == 429
    # A visitor's own X-Forwarded-For comes before what the proxy appends: it changes nothing.
    assert post("198.51.100.1, 203.0.113.6", "d@example.net").status_code == 429


def test_nothing_of_the_message_stays_once_sent(place, host, send):
    send(place)

    assert OutgoingMail.objects.count() == 3  # the host, the place's address, the copy
    for outgoing in OutgoingMail.objects.all():
        assert outgoing.sent_at is not None
        assert (outgoing.to, outgoing.reply_to, outgoing.subject, outgoing.body) == ([], [], "", "")


def test_an_unpublished_or_unknown_place_has_no_contact_page(client, db):
    draft = PlaceFactory(status="draft")

    assert client.get(f"/lieux/{draft.slug}/contact/").status_code == 404
    assert client.get("/lieux/inconnu/contact/").status_code == 404
    assert client.get("/lieux/inconnu/contact/envoye/").status_code == 404


def test_the_place_page_links_to_its_contact_page(client, place):
    page = client.get(f"/lieux/{place.slug}/")

    assert page.status_code == 200
    assert f'href="/lieux/{place.slug}/contact/"' in page.text
    assert "Contacter ce lieu" in page.text


def test_a_person_correcting_a_field_is_not_told_they_were_too_fast(place, host, send, settings):
    settings.CONTACT_MIN_SECONDS = 3
    started = shown_ago(1)

    first = send(place, started=started, email="pas-une-adresse")
    assert first.status_code == 400
    assert "parti trop vite" not in first.text
    assert first.context["form"].data["started"] == started  # the first display still counts

    assert send(place, started=shown_ago(4)).status_code == 302
