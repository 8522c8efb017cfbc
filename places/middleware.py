"""HTTP as it should be: a database that cannot answer is a 503 in words, never a 500; gzip
only where the request accepts it."""

import logging

import psycopg
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware import gzip
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from places.encoding import negotiate

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 30


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
        if request.path.startswith("/api/"):
            response = JsonResponse({"detail": message}, status=503)
        else:
            html = render_to_string("503.html", {"message": message}, request=None)
            response = HttpResponse(html, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response


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
