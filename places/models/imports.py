"""A file a coordinator uploaded in the admin: kept between its preview and its confirmation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PlaceImport(models.Model):
    """The upload is stored in the database (not on one app server's disk), so the preview
    and the confirmation may be answered by different servers; it also keeps a trace."""

    class Format(models.TextChoices):
        GEOJSON = "geojson", "GeoJSON"
        CSV = "csv", "CSV"

    filename = models.CharField(_("fichier"), max_length=255)
    fmt = models.CharField(_("format"), max_length=10, choices=Format.choices)
    content = models.BinaryField(_("contenu"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("déposé le"), auto_now_add=True)
    applied_at = models.DateTimeField(_("importé le"), null=True, blank=True)
    summary = models.CharField(_("résultat"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("import de lieux")
        verbose_name_plural = _("imports de lieux")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.created_at:%Y-%m-%d %H:%M})"
