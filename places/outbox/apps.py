"""App configuration of the outbox: every mail of the site waits here until it is sent."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "places.outbox"
    label = "outbox"
    verbose_name = _("Courriels à envoyer")
