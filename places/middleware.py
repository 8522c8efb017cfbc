"""HTTP as it should be: a database that cannot answer is a 503 in words, never a 500; every
error under /api/ is JSON; gzip only where the request accepts it."""

import logging

import psycopg
from django.conf import settings
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware import gzip
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from places.encoding import negotiate

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 30


def is_api(request: HttpRequest) -> bool:
    return request.path == "/api" or request.path.startswith("/api/")


def unavailable_message(exception: OperationalError) -> str:
    if isinstance(exception.__cause__, psycopg.errors.QueryCanceled):
        return _("Cette demande a pris trop de temps ; essayez une recherche plus précise.")
    return _("La base de données ne répond pas pour le moment.")


class DatabaseUnavailableMiddleware:
    """A query cut short by `statement_timeout` (settings.DB_STATEMENT_TIMEOUT), or a
    database that refuses connections, answers 503 with Retry-After: JSON under /api/,
    a page elsewhere."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError):
            return None
        logger.warning("Database unavailable for %s: %s", request.path, exception)
        message = unavailable_message(exception)
        if is_api(request):
            response = JsonResponse({"detail": message}, status=503)
        else:
            html = render_to_string("503.html", {"message": message}, request=None)
            response = HttpResponse(html, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response


# Headers of an error page that do not describe its new JSON body.
BODY_HEADERS = {"content-type", "content-length", "content-encoding", "etag"}


def api_error_message(request: HttpRequest, response: HttpResponse) -> str:
    data = getattr(response, "data", None)  # a DRF error rendered as something else
    if isinstance(data, dict) and isinstance(data.get("detail"), str):
        return data["detail"]
    if response.status_code == 404:
        return _("Cette adresse n’existe pas dans l’API ; elle est décrite sur %(docs)s.") % {
            "docs": reverse("api:docs")
        }
    if response.status_code == 405:
        return _("La méthode %(method)s n’est pas permise ici ; permises : %(allowed)s.") % {
            "method": request.method,
            "allowed": response.get("Allow", ""),
        }
    if response.status_code == 406:
        return _("Nous n’avons rien de ce que la requête accepte (Accept).")
    if response.status_code >= 500:
        return _("Une erreur est survenue de notre côté ; réessayez plus tard.")
    return _("Cette requête ne peut pas aboutir (erreur %(status)d).") % {
        "status": response.status_code
    }


class APIErrorsAsJSONMiddleware:
    """Under /api/, an error no API view wrote as JSON (a path the API does not know, an
    error of the docs page or of the schema, Django's own 404/405/500 pages) becomes JSON
    `{"detail": ...}`, with its status and its other headers (Allow, Retry-After...) kept.
    It sits inside CommonMiddleware's redirects (/api/places → /api/places/ stays a 301);
    with DEBUG, a 500 keeps Django's page for the developer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            not is_api(request)
            or response.status_code < 400
            or response.streaming
            or (settings.DEBUG and response.status_code >= 500)
            or _is_json(response.get("Content-Type", ""))
        ):
            return response
        error = JsonResponse(
            {"detail": api_error_message(request, response)}, status=response.status_code
        )
        for name, value in response.items():
            if name.lower() not in BODY_HEADERS:
                error[name] = value
        return error


def _is_json(content_type: str) -> bool:
    return content_type.split(";")[0].strip().lower() == "application/json"


class GZipMiddleware(gzip.GZipMiddleware):
    """Django's gzip, which compresses whenever the request names gzip, even to refuse it
    (`gzip;q=0`): here only when gzip is the coding the request prefers (places.encoding)."""

    def process_response(self, request, response):
        accept_encoding = request.headers.get("Accept-Encoding")
        if negotiate(accept_encoding, available=("gzip",)) == "gzip":
            return super().process_response(request, response)
        if not response.has_header("Content-Encoding"):
            patch_vary_headers(response, ("Accept-Encoding",))
        return response
