"""The version of the directory's public data, bumped by the database on every write."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DataVersion(models.Model):
    """One row, updated by statement triggers on the place and taxonomy tables.

    Caches, ETags and Last-Modified headers of the map data derive from it, so every write
    path (admin, import, API, raw SQL) invalidates them without remembering to.
    """

    version = models.BigIntegerField(_("version"), default=1)
    changed_at = models.DateTimeField(_("modifiée le"))

    class Meta:
        verbose_name = _("version des données")
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="dataversion_single_row")
        ]

    def __str__(self) -> str:
        return f"v{self.version}"

    @classmethod
    def current(cls) -> "DataVersion":
        # The migration creates the row; a database flushed by hand (or by a transactional
        # test) gets it back rather than failing every map request.
        return cls.objects.get_or_create(pk=1, defaults={"changed_at": timezone.now()})[0]
