"""Sign-in limits (django-axes): whose attempt it was, and what a locked-out person reads."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

# The form fields that carry an account's address: Django's and the admin's login forms
# ("username"), django-allauth's ("login"), and `authenticate(email=...)`.
USERNAME_FIELDS = ("username", "login", "email")


def attempted_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """The account a sign-in tried, lower case: "Camille@…" and "camille@…" are one account."""
    sources = [credentials or {}, getattr(request, "POST", {}) if request is not None else {}]
    for source in sources:
        for field in USERNAME_FIELDS:
            value = source.get(field)
            if isinstance(value, str) and value.strip():
                return value.strip().lower()
    return None


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """Too many failed sign-ins: say so in words, and for how long (429 Too Many Requests)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = _(
        "Trop de tentatives de connexion ont échoué. Par sécurité, ce compte et cette adresse "
        "sont bloqués pendant %(minutes)d minutes. Vous pouvez réinitialiser votre mot de passe "
        "ou réessayer plus tard."
    ) % {"minutes": minutes}
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=429)
    else:
        response = render(request, "accounts/locked_out.html", {"message": message}, status=429)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response
