"""App configuration of contact: messages relayed to hosts, corrections, freshness."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactConfig(AppConfig):
    name = "places.contact"
    label = "contact"
    verbose_name = _("Contact et fraîcheur des fiches")
