"""The site's URLs plus views that fail on purpose, for the error pages' tests."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from fabrique.urls import urlpatterns as site_urlpatterns


def broken(request):
    raise RuntimeError("settings.SECRET_KEY=le-secret in /srv/fabrique/places/views.py")


def forbidden(request):
    raise PermissionDenied("réservé à la coordinatrice (raison interne)")


urlpatterns = [
    path("en-panne/", broken),
    path("interdit/", forbidden),
    *site_urlpatterns,
]
