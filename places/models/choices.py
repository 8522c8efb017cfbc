"""Choices of a place's fields that other modules (the API, the JSON-LD, what places share) name."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Wheelchair(models.TextChoices):
    """Wheelchair access of a place (OpenStreetMap's `wheelchair=*` values)."""

    YES = "yes", _("Accessible en fauteuil roulant")
    LIMITED = "limited", _("Partiellement accessible en fauteuil roulant")
    NO = "no", _("Non accessible en fauteuil roulant")
    UNKNOWN = "unknown", _("Accès en fauteuil roulant non renseigné")
