"""Accounts at /compte/ (django-allauth): by e-mail, confirmed, in French, in the site's look,
with sign-ins limited by django-axes as on the admin."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from places.accounts.models import User
from tests.accounts.conftest import PASSWORD, confirmed, links_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def sign_in(client, email, password=PASSWORD, address="203.0.113.7"):
    return client.post(
        "/compte/login/", {"login": email, "password": password}, REMOTE_ADDR=address
    )


def test_the_sign_in_page_is_french_and_in_the_site_s_look(client):
    response = client.get("/compte/login/")
    body = response.content.decode()
    assert response.status_code == 200
    title = re.search(r"<title>(.*?)</title>", body, re.S).group(1)
    assert " ".join(title.split()) == "Connexion — La Fabrique du Bocage"
    assert 'class="site-header"' in body and 'class="site-footer"' in body
    assert 'for="id_login"' in body and "Courriel" in body and "Mot de passe" in body
    assert 'class="button button--primary"' in body
    assert "Mot de passe oublié" in body


def test_someone_signs_up_confirms_their_address_and_is_signed_in(
    client, django_capture_on_commit_callbacks
):
    response = client.post(
        "/compte/signup/",
        {"email": "Lea@Example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session  # the address first
    [message] = mail.outbox
    assert message.subject.startswith("[La Fabrique du Bocage] ")
    assert "Bonjour," in message.body and "La Fabrique du Bocage" in message.body
    confirm = "/" + links_in(message)[0].split("://", 1)[1].split("/", 1)[1]
    response = client.post(confirm)
    assert response.status_code == 302 and response["Location"] == "/espace-hote/"
    user = User.objects.get(email__iexact="lea@example.org")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert EmailAddress.objects.get(user=user).verified


def test_sign_up_asks_no_user_name_and_refuses_a_weak_password(client):
    body = client.get("/compte/signup/").content.decode()
    assert 'name="username"' not in body
    response = client.post(
        "/compte/signup/", {"email": "lea@example.org", "password1": "123", "password2": "123"}
    )
    assert response.status_code == 200
    assert "Ce mot de passe est trop court" in response.content.decode()
    assert not User.objects.exists()


def test_an_address_already_taken_cannot_sign_up_again(client):
    confirmed(UserFactory(email="lea@example.org"))
    client.post(
        "/compte/signup/",
        {"email": "LEA@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert User.objects.filter(email__iexact="lea@example.org").count() == 1


def test_a_confirmed_person_signs_in_by_e_mail_and_reaches_their_space(client):
    user = confirmed(UserFactory(email="camille@example.org", name="Camille"))
    response = sign_in(client, "Camille@example.org")
    assert response.status_code == 302 and response["Location"] == "/espace-hote/"
    assert client.session["_auth_user_id"] == str(user.pk)


def test_an_unconfirmed_address_cannot_sign_in_and_gets_the_mail_again(client):
    UserFactory(email="camille@example.org")
    response = sign_in(client, "camille@example.org")
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["camille@example.org"]]


def test_the_sixth_wrong_password_is_refused_with_the_french_lockout(client, settings):
    confirmed(UserFactory(email="camille@example.org"))
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, "camille@example.org", "mauvais")
        assert response.status_code == 200
        assert "L’adresse e-mail ou le mot de passe sont incorrects." in response.content.decode()
    assert sign_in(client, "CAMILLE@example.org", "mauvais").status_code == 429  # the 5th
    sixth = sign_in(client, "camille@example.org", "mauvais")
    assert sixth.status_code == 429
    assert "Trop de tentatives de connexion ont échoué" in sixth.content.decode()
    assert int(sixth["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    # Even the right password, from another address, waits: the account is locked.
    locked = sign_in(client, "camille@example.org", PASSWORD, address="198.51.100.9")
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_signing_out_is_a_post_with_csrf(client):
    user = confirmed(UserFactory())
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(user)
    assert csrf_client.post("/compte/logout/").status_code == 403  # no token
    page = csrf_client.get("/")
    token = page.cookies["csrftoken"].value
    response = csrf_client.post("/compte/logout/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302 and response["Location"] == "/"
    assert "_auth_user_id" not in csrf_client.session
    client.force_login(user)
    client.get("/compte/logout/")  # a GET asks, it does not sign out
    assert client.session["_auth_user_id"] == str(user.pk)


def test_the_header_says_sign_in_or_names_the_person_with_their_links(client):
    body = client.get("/lieux/").content.decode()
    assert 'aria-label="Mon compte"' in body
    assert '<a href="/compte/login/?next=/lieux/">Se connecter</a>' in body
    assert "Mon espace hôte" not in body

    client.force_login(UserFactory(name="Camille Dupont"))
    body = client.get("/lieux/").content.decode()
    assert "Se connecter<" not in body
    assert "Camille Dupont" in body
    assert '<a href="/espace-hote/">Mon espace hôte</a>' in body
    assert '<form method="post" action="/compte/logout/">' in body
    assert "csrfmiddlewaretoken" in body and "Se déconnecter</button>" in body


def test_a_place_page_cached_before_signing_in_is_not_revalidated_after(client):
    from tests.factories import PlaceFactory

    PlaceFactory(slug="la-grange")
    first = client.get("/lieux/la-grange/")
    client.force_login(UserFactory())
    again = client.get("/lieux/la-grange/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert "Mon espace hôte" in again.content.decode()


def test_a_password_reset_is_mailed_in_french_and_works(client):
    user = confirmed(UserFactory(email="camille@example.org"))
    response = client.post("/compte/password/reset/", {"email": "camille@example.org"})
    assert response.status_code == 302
    [message] = mail.outbox
    assert "mot de passe" in message.subject.lower()
    reset = "/" + links_in(message)[0].split("://", 1)[1].split("/", 1)[1]
    form_page = client.get(reset, follow=True)
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else reset
    response = client.post(
        action, {"password1": "un nouveau mot de passe", "password2": "un nouveau mot de passe"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("un nouveau mot de passe")


def test_a_person_changes_their_address_once_confirmed(client):
    user = confirmed(UserFactory(email="camille@example.org"))
    client.force_login(user)
    assert client.get("/compte/email/").status_code == 200
    response = client.post(
        "/compte/email/", {"action_add": "", "email": "camille.nouvelle@example.org"}
    )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["camille.nouvelle@example.org"]
    user.refresh_from_db()
    assert user.email == "camille@example.org"  # until confirmed
    confirm = "/" + links_in(message)[0].split("://", 1)[1].split("/", 1)[1]
    client.post(confirm)
    user.refresh_from_db()
    assert user.email == "camille.nouvelle@example.org"


def test_account_pages_need_no_500_for_bad_input(client):
    assert client.post("/compte/login/", {"login": "x" * 5000, "password": ""}).status_code == 200
    assert client.post("/compte/signup/", {"email": "\x00"}).status_code == 200
    assert client.get("/compte/confirm-email/pas-une-cle/").status_code in {200, 404}
    assert client.get("/compte/password/reset/key/1-pas-une-cle/").status_code in {200, 404}


def test_account_pages_are_translated_to_english(client):
    client.cookies["django_language"] = "en"
    body = client.get("/compte/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Sign In" in body
    assert "Se connecter" not in body
