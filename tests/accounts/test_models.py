"""The custom user model: people sign in with an e-mail address, unique whatever its case."""

import pytest
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.db import IntegrityError
from django.test import RequestFactory

from places.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_site_uses_its_own_user_model():
    assert settings.AUTH_USER_MODEL == "accounts.User"
    assert get_user_model() is User
    assert User.USERNAME_FIELD == "email"
    assert "username" not in {field.name for field in User._meta.get_fields()}


def test_a_person_signs_in_with_an_email_address():
    user = User.objects.create_user("Hote@Example.org", password="un mot de passe solide")
    assert user.email == "Hote@example.org"  # the domain is normalised
    request = RequestFactory().post("/compte/connexion/")
    signed_in = authenticate(request, email="hote@example.org", password="un mot de passe solide")
    assert signed_in == user
    assert authenticate(request, email="hote@example.org", password="faux") is None


def test_two_accounts_cannot_differ_only_by_case():
    UserFactory(email="camille@example.org")
    with pytest.raises(IntegrityError):
        UserFactory(email="Camille@example.org")


def test_a_coordinator_is_staff_and_superuser():
    admin = User.objects.create_superuser("coord@example.org", password="un mot de passe solide")
    assert admin.is_staff and admin.is_superuser
    with pytest.raises(ValueError):
        User.objects.create_user("", password="x")


def test_a_person_is_shown_by_name_else_by_address():
    assert str(UserFactory(name="Camille", email="c@example.org")) == "Camille"
    assert str(UserFactory(name="", email="d@example.org")) == "d@example.org"


def test_coordinators_manage_accounts_in_the_admin(client):
    client.force_login(User.objects.create_superuser("coord@example.org", password="x" * 12))
    UserFactory(email="hote@example.org")
    response = client.get("/admin/accounts/user/?q=hote")
    assert response.status_code == 200
    assert "hote@example.org" in response.content.decode()
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "email": "nouvel-hote@example.org",
            "name": "Nouvel hôte",
            "usable_password": "true",
            "password1": "un mot de passe solide",
            "password2": "un mot de passe solide",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.filter(email="nouvel-hote@example.org").exists()
