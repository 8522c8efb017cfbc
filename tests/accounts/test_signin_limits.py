"""Failed sign-ins are limited per account and per address, with a message people can read."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "un mot de passe solide"


@pytest.fixture
def coordinator():
    return UserFactory(email="coord@example.org", is_staff=True, is_superuser=True)


def sign_in(client, email: str, password: str, address: str = "203.0.113.7"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": email, "password": password},
        REMOTE_ADDR=address,
    )


def test_the_admin_locks_an_account_after_five_failures_even_with_the_right_password(
    client, coordinator, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "coord@example.org", "mauvais").status_code == 200
    locked = sign_in(client, "Coord@Example.org", "mauvais")  # the same account, any case
    assert locked.status_code == 429
    assert "Trop de tentatives de connexion" in locked.content.decode()
    assert int(locked["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    # Even the right password from another address waits: the account is locked.
    refused = sign_in(client, "coord@example.org", PASSWORD, address="198.51.100.9")
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session


def test_one_address_trying_many_accounts_is_locked(client, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"personne{n}@example.org", "mauvais", address="203.0.113.50")
    UserFactory(email="camille@example.org")
    assert (
        sign_in(client, "camille@example.org", PASSWORD, address="203.0.113.50").status_code == 429
    )
    # Someone else, elsewhere, signs in as usual.
    other = UserFactory(email="dominique@example.org", is_staff=True)
    response = sign_in(client, other.email, PASSWORD, address="192.0.2.1")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(other.pk)


def test_a_success_before_the_limit_forgets_the_failures(client, coordinator, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "coord@example.org", "mauvais")
    assert sign_in(client, "coord@example.org", PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "coord@example.org", "mauvais").status_code == 200
    assert sign_in(client, "coord@example.org", PASSWORD).status_code == 302


def test_behind_a_proxy_the_limit_keys_on_the_address_the_proxy_saw(client, settings):
    """One load balancer appends the visitor's address: the limit counts that address, and
    what a visitor writes before it in X-Forwarded-For does not get them past the limit."""
    settings.TRUSTED_PROXY_COUNT = 1

    def through_proxy(email, password, forwarded):
        return client.post(
            "/admin/login/?next=/admin/",
            {"username": email, "password": password},
            REMOTE_ADDR="10.0.0.2",  # the load balancer
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    for n in range(settings.AXES_FAILURE_LIMIT):
        # Each try pretends to come from elsewhere; the proxy saw 203.0.113.6 every time.
        through_proxy(f"personne{n}@example.org", "mauvais", f"198.51.100.{n}, 203.0.113.6")
    UserFactory(email="camille@example.org", is_staff=True)
    assert through_proxy("camille@example.org", PASSWORD, "203.0.113.6").status_code == 429
    # Another visitor behind the same proxy is not locked out with them.
    assert through_proxy("camille@example.org", PASSWORD, "192.0.2.44").status_code == 302
