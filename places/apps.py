"""App configuration of the places directory."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "places"
    verbose_name = _("Tiers-lieux")

    def ready(self) -> None:
        from places import checks  # noqa: F401  (registers the system checks)
