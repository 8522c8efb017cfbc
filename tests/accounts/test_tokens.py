"""Personal API tokens: made and revoked in /espace-hote/, kept hashed, shown once, and
accepted by the API as `Authorization: Token <key>` (a 401 in French otherwise)."""

import hashlib

import pytest
from django.test import Client
from django.urls import path
from drf_spectacular.generators import SchemaGenerator
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from places.accounts import services
from places.accounts.authentication import TokenAuthentication
from places.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


class WhoAmI(APIView):
    """A write endpoint for the tests: answers who the request is authenticated as."""

    permission_classes = [IsAuthenticated]

    def patch(self, request):
        return Response({"email": request.user.email})


def patch_whoami(authorization: str | None = None):
    factory = APIRequestFactory()
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization else {}
    return WhoAmI.as_view()(factory.patch("/api/whoami/", {}, format="json", **headers))


def test_a_host_makes_a_token_whose_key_is_shown_once_and_kept_hashed(client, host):
    client.force_login(host)
    response = client.post("/espace-hote/jetons/", {"name": "Tableur"})
    assert response.status_code == 302 and response["Location"] == "/espace-hote/#jetons"

    token = ApiToken.objects.get(user=host)
    page = client.get("/espace-hote/").content.decode()
    key = page.split('id="new-key" type="text" readonly value="', 1)[1].split('"', 1)[0]
    assert len(key) >= 40
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert token.prefix == key[:8] and key not in token.key_hash
    assert "elle ne sera plus jamais affichée" in page
    assert key not in client.get("/espace-hote/").content.decode()  # once


def test_a_token_authenticates_its_owner_and_records_its_use(host):
    token, key = services.api_token_create(user=host, name="Script")
    response = patch_whoami(f"Token {key}")
    assert response.status_code == 200
    assert response.data == {"email": host.email}
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_token_authenticates_reads_of_the_api_as_its_owner(client, host):
    _token, key = services.api_token_create(user=host, name="Script")
    response = client.get("/api/places/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert response.wsgi_request.user == host


def test_a_revoked_or_unknown_token_is_a_401_in_french(client, host):
    token, key = services.api_token_create(user=host, name="Script")
    services.api_token_revoke(user=host, token_id=token.pk)
    for header in (f"Token {key}", "Token pas-une-cle", "Token", "Token a b"):
        response = patch_whoami(header)
        assert response.status_code == 401, header
        assert response["WWW-Authenticate"] == "Token"
    response = client.get("/api/places/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 401
    assert response.json()["detail"] == "Jeton inconnu ou révoqué."


def test_an_inactive_owner_s_token_is_refused(host):
    _token, key = services.api_token_create(user=host, name="Script")
    host.is_active = False
    host.save()
    assert patch_whoami(f"Token {key}").status_code == 401


def test_without_credentials_a_write_is_refused_and_reads_stay_open(client):
    assert patch_whoami().status_code in {401, 403}
    assert client.get("/api/places/").status_code == 200


def test_the_authentication_class_is_the_api_s_after_the_session(settings):
    classes = settings.REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"]
    assert classes == [
        "rest_framework.authentication.SessionAuthentication",
        "places.accounts.authentication.TokenAuthentication",
    ]
    assert TokenAuthentication().authenticate_header(None) == "Token"


def test_a_host_revokes_their_token(client, host):
    token, _key = services.api_token_create(user=host, name="Script")
    client.force_login(host)
    response = client.post(f"/espace-hote/jetons/{token.pk}/revoquer/", follow=True)
    assert "Le jeton « Script » est révoqué." in response.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_nobody_revokes_or_sees_someone_else_s_token(client, host, outsider):
    token, key = services.api_token_create(user=host, name="Script")
    response = client.post(f"/espace-hote/jetons/{token.pk}/revoquer/")
    assert response.status_code == (302 if outsider is None else 404)
    token.refresh_from_db()
    assert token.revoked_at is None
    if outsider is not None:
        assert "Script" not in client.get("/espace-hote/").content.decode()


def test_making_a_token_needs_a_sign_in(client):
    response = client.post("/espace-hote/jetons/", {"name": "Tableur"})
    assert response.status_code == 302 and response["Location"].startswith("/compte/login/")
    assert not ApiToken.objects.exists()


def test_making_and_revoking_tokens_need_the_csrf_token(host):
    token, _key = services.api_token_create(user=host, name="Script")
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(host)
    assert csrf_client.post("/espace-hote/jetons/", {"name": "Sans jeton"}).status_code == 403
    assert csrf_client.post(f"/espace-hote/jetons/{token.pk}/revoquer/").status_code == 403
    assert ApiToken.objects.filter(user=host).count() == 1
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_token_needs_a_name(client, host):
    client.force_login(host)
    response = client.post("/espace-hote/jetons/", {"name": "  "})
    assert response.status_code == 400
    assert "Ce champ est obligatoire." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_tokens_are_get_only_for_reading_and_post_only_for_writing(client, host):
    client.force_login(host)
    assert client.get("/espace-hote/jetons/").status_code == 405
    assert client.get("/espace-hote/jetons/1/revoquer/").status_code == 405


def test_the_openapi_description_keeps_reads_padlock_free_and_says_how_to_write(client):
    schema = client.get("/api/schema/?format=json").json()
    assert "Authorization: Token <clé>" in schema["info"]["description"]
    for operations in schema["paths"].values():
        for method, operation in operations.items():
            # Reads carry no padlock; the writes (PATCH, POST of places) say how to sign in.
            assert ("security" in operation) == (method in {"patch", "post"}), method
            if "security" in operation:
                assert {"tokenAuth": []} in operation["security"]

    generator = SchemaGenerator(patterns=[path("api/whoami/", WhoAmI.as_view())])
    written = generator.get_schema(request=None, public=True)
    operation = written["paths"]["/api/whoami/"]["patch"]
    assert {"tokenAuth": []} in operation["security"]
    scheme = written["components"]["securitySchemes"]["tokenAuth"]
    assert scheme["type"] == "apiKey" and scheme["name"] == "Authorization"
    assert "Token <clé>" in scheme["description"]
