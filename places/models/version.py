"""The version of each concept's public data, bumped by the database when a write commits."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DataVersion(models.Model):
    """One row per concept (places now; events and resources will have theirs), bumped by
    deferred triggers on the concept's tables (migration 0003).

    Caches, ETags and Last-Modified headers derive from it, so every write path (admin,
    import, API, raw SQL) invalidates them without remembering to, and an edit of one concept
    keeps the caches of the others. The triggers fire when a transaction commits and bump the
    row once per transaction: a long import holds the row for an instant, not for its whole
    length, and the saves of hosts meanwhile never wait for it.
    """

    PLACES = "places"

    concept = models.CharField(_("concept"), max_length=20, primary_key=True)
    version = models.BigIntegerField(_("version"), default=1)
    changed_at = models.DateTimeField(_("modifiée le"))

    class Meta:
        verbose_name = _("version des données")
        verbose_name_plural = _("versions des données")

    def __str__(self) -> str:
        return f"{self.concept} v{self.version}"

    @classmethod
    def current(cls, concept: str) -> "DataVersion":
        # The migration creates the rows; a database flushed by hand (or by a transactional
        # test) gets them back rather than failing every map request.
        return cls.objects.get_or_create(concept=concept, defaults={"changed_at": timezone.now()})[
            0
        ]
