"""The host journey's first half, through the pages: an invitation mailed, opened signed in,
signed out with an account, or without one (sign up, confirm), and the person is host."""

import time

import pytest
from django.core import mail, signing

from places.accounts import invitations, services
from places.accounts.models import Hosting, Invitation, User
from places.accounts.permissions import can_change_place
from tests.accounts.conftest import PASSWORD, links_in

pytestmark = pytest.mark.django_db


def invitation_link(place, inviter, email, capture) -> str:
    with capture(execute=True):
        services.hosting_invite(place=place, email=email, invited_by=inviter)
    path = links_in(mail.outbox[-1])[0].split("127.0.0.1:8000", 1)[-1]
    assert path.startswith("/espace-hote/invitation/")
    return path


def test_the_whole_journey_invitation_sign_up_confirm_host_reaches_the_edit_page(
    client, place, host, django_capture_on_commit_callbacks
):
    # A host invites a co-host from their dashboard.
    client.force_login(host)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/espace-hote/lieux/la-grange/inviter/", {"email": "lea@example.org"}
        )
    assert response.status_code == 302
    client.logout()
    link = links_in(mail.outbox[-1])[0].split("127.0.0.1:8000", 1)[-1]

    # Léa has no account: the link offers to sign up with her address.
    page = client.get(link)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Devenir hôte de « La Grange »" in body
    assert "/compte/signup/?email=lea%40example.org" in body
    signup = client.get("/compte/signup/?email=lea%40example.org")
    assert 'value="lea@example.org"' in signup.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/compte/signup/",
            {
                "email": "lea@example.org",
                "name": "Léa",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    lea = User.objects.get(email="lea@example.org")
    assert lea.name == "Léa"
    assert not can_change_place(lea, place)  # not before her address is confirmed

    # She confirms her address from the mail: signed in, the invitation is accepted.
    confirmation = mail.outbox[-1]
    assert confirmation.to == ["lea@example.org"]
    confirm_path = links_in(confirmation)[0].split("://", 1)[1].split("/", 1)[1]
    assert client.get(f"/{confirm_path}").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/{confirm_path}", follow=True)
    assert response.redirect_chain[-1][0] == "/espace-hote/"
    assert "Vous êtes maintenant hôte de « La Grange »" in response.content.decode()
    assert can_change_place(lea, place)

    # Her dashboard leads to the edit page of the place.
    assert 'href="/lieux/la-grange/modifier/"' in response.content.decode()
    assert Invitation.objects.get().accepted_by == lea


def test_a_signed_in_person_accepts_on_the_page_with_one_button(
    client, place, host, stranger, django_capture_on_commit_callbacks
):
    link = invitation_link(place, host, stranger.email, django_capture_on_commit_callbacks)
    client.force_login(stranger)

    page = client.get(link)
    assert "Accepter l’invitation" in page.content.decode()
    assert not can_change_place(stranger, place)  # opening it changes nothing

    response = client.post(link, follow=True)
    assert response.redirect_chain[-1][0] == "/espace-hote/"
    assert can_change_place(stranger, place)
    assert "La Grange" in response.content.decode()


def test_with_an_account_but_signed_out_sign_in_then_it_is_accepted(
    client, place, host, stranger, django_capture_on_commit_callbacks
):
    link = invitation_link(place, host, stranger.email, django_capture_on_commit_callbacks)
    page = client.get(link)
    assert "Se connecter" in page.content.decode()

    response = client.post(
        "/compte/login/", {"login": stranger.email, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/espace-hote/"
    assert can_change_place(stranger, place)
    assert "Vous êtes maintenant hôte" in response.content.decode()


def test_a_signed_out_visitor_posting_the_link_is_sent_to_sign_in(
    client, place, host, django_capture_on_commit_callbacks
):
    link = invitation_link(place, host, "x@example.org", django_capture_on_commit_callbacks)
    response = client.post(link)
    assert response.status_code == 302 and response["Location"].startswith("/compte/login/")
    assert Hosting.objects.filter(place=place).count() == 1


def test_a_signed_in_person_mailed_elsewhere_is_told_whose_account_accepts(
    client, place, host, stranger, django_capture_on_commit_callbacks
):
    link = invitation_link(place, host, "ailleurs@example.org", django_capture_on_commit_callbacks)
    client.force_login(stranger)
    body = client.get(link).content.decode()
    assert "Vous êtes connecté·e avec l’adresse passant@example.org" in body


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_used_link_says_so_and_changes_nothing(
    client, method, place, host, stranger, other_host, django_capture_on_commit_callbacks
):
    link = invitation_link(place, host, stranger.email, django_capture_on_commit_callbacks)
    client.force_login(stranger)
    client.post(link)
    client.force_login(other_host)

    response = getattr(client, method)(link)

    assert response.status_code == 410
    assert "ne sert qu’une fois" in response.content.decode()
    assert not can_change_place(other_host, place)


def test_a_tampered_link_is_a_400_in_words(client, stranger):
    client.force_login(stranger)
    response = client.get("/espace-hote/invitation/eyJpZCI6MX0:abc:def/")
    assert response.status_code == 400
    assert "n’est pas valide" in response.content.decode()


def test_an_expired_link_is_a_410_in_words(
    client, place, host, stranger, settings, monkeypatch, django_capture_on_commit_callbacks
):
    link = invitation_link(place, host, stranger.email, django_capture_on_commit_callbacks)
    client.force_login(stranger)
    later = time.time() + settings.INVITATION_DAYS * 86400 + 60
    monkeypatch.setattr(signing.time, "time", lambda: later)
    response = client.post(link)
    assert response.status_code == 410
    assert "expiré" in response.content.decode()
    assert not can_change_place(stranger, place)


def test_the_invitation_of_one_place_never_gives_another(
    client, place, other_place, host, stranger, django_capture_on_commit_callbacks
):
    link = invitation_link(place, host, stranger.email, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    client.force_login(stranger)
    forged = signing.dumps({"id": invitation.pk, "place": other_place.pk}, salt=invitations.SALT)
    assert client.post(f"/espace-hote/invitation/{forged}/").status_code == 400
    client.post(link)
    assert can_change_place(stranger, place) and not can_change_place(stranger, other_place)


def test_who_may_not_invite_is_refused_and_nothing_is_sent(client, place, outsider):
    response = client.post("/espace-hote/lieux/la-grange/inviter/", {"email": "x@example.org"})
    if outsider is None:
        assert response.status_code == 302 and response["Location"].startswith("/compte/login/")
    else:
        assert response.status_code == 403
    assert not Invitation.objects.exists()
    assert mail.outbox == []
    # Nor may they see the hosts' page.
    response = client.get("/espace-hote/lieux/la-grange/hotes/")
    assert response.status_code == (302 if outsider is None else 403)


def test_who_may_not_invite_gets_no_form_errors_either(client, place, stranger):
    client.force_login(stranger)
    response = client.post("/espace-hote/lieux/la-grange/inviter/", {"email": "pas une adresse"})
    assert response.status_code == 403


def test_the_hosts_page_lists_hosts_and_open_invitations(
    client, place, host, django_capture_on_commit_callbacks
):
    invitation_link(place, host, "lea@example.org", django_capture_on_commit_callbacks)
    client.force_login(host)
    body = client.get("/espace-hote/lieux/la-grange/hotes/").content.decode()
    assert "Camille (vous)" in body
    assert "lea@example.org, envoyée le" in body
    assert "Ne plus être hôte de « La Grange »" in body


def test_a_bad_address_is_a_form_error(client, place, host):
    client.force_login(host)
    response = client.post("/espace-hote/lieux/la-grange/inviter/", {"email": "pas une adresse"})
    assert response.status_code == 400
    assert "Saisissez une adresse e-mail valide." in response.content.decode()
    assert not Invitation.objects.exists()


def test_inviting_an_existing_host_is_a_form_error(client, place, host):
    client.force_login(host)
    response = client.post("/espace-hote/lieux/la-grange/inviter/", {"email": host.email})
    assert response.status_code == 400
    assert "est déjà hôte de ce lieu" in response.content.decode()


def test_a_host_leaves_from_the_hosts_page(client, place, host):
    client.force_login(host)
    response = client.post("/espace-hote/lieux/la-grange/quitter/", follow=True)
    assert response.redirect_chain[-1][0] == "/espace-hote/"
    assert "Vous n’êtes plus hôte de « La Grange »" in response.content.decode()
    assert not Hosting.objects.filter(place=place).exists()


def test_who_is_not_host_cannot_leave_and_nothing_changes(client, place, host, outsider):
    response = client.post("/espace-hote/lieux/la-grange/quitter/")
    assert response.status_code == (302 if outsider is None else 403)
    assert list(Hosting.objects.filter(place=place).values_list("user", flat=True)) == [host.pk]


def test_leaving_is_a_post(client, place, host):
    client.force_login(host)
    assert client.get("/espace-hote/lieux/la-grange/quitter/").status_code == 405
    assert Hosting.objects.filter(place=place).exists()


def test_an_unknown_place_is_a_404(client, host):
    client.force_login(host)
    assert client.get("/espace-hote/lieux/nulle-part/hotes/").status_code == 404
    assert client.post("/espace-hote/lieux/nulle-part/quitter/").status_code == 404
