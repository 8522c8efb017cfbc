"""App configuration of what the places share (spaces and equipment)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SharingConfig(AppConfig):
    name = "places.sharing"
    label = "sharing"
    verbose_name = _("Salles et matériel")
    default_auto_field = "django.db.models.BigAutoField"
