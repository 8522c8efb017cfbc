"""A file a coordinator uploaded in the admin: checked, then imported, by tasks of the queue."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# How many slugs of each kind the preview lists; the counts are always whole.
REPORT_LISTED = 200


class PlaceImport(models.Model):
    """An upload and where its import stands. The file is kept in the default storage
    (shared by the app servers and the task workers: a shared disk or an S3-compatible
    store) until the import ends; the report stays, as a trace."""

    class Format(models.TextChoices):
        GEOJSON = "geojson", "GeoJSON"
        CSV = "csv", "CSV"

    class Status(models.TextChoices):
        QUEUED = "queued", _("en attente de vérification")
        CHECKING = "checking", _("vérification en cours")
        CHECKED = "checked", _("vérifié, à confirmer")
        REFUSED = "refused", _("refusé : rien n’a été importé")
        IMPORT_QUEUED = "import_queued", _("import en attente")
        IMPORTING = "importing", _("import en cours")
        DONE = "done", _("importé")
        FAILED = "failed", _("échec inattendu : rien n’a été importé")

    WORKING = (Status.QUEUED, Status.CHECKING, Status.IMPORT_QUEUED, Status.IMPORTING)

    filename = models.CharField(_("fichier"), max_length=255)
    fmt = models.CharField(_("format"), max_length=10, choices=Format.choices)
    file = models.FileField(_("contenu"), upload_to="imports/%Y/%m/", blank=True)
    status = models.CharField(
        _("état"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    rows_total = models.PositiveIntegerField(_("lignes du fichier"), default=0)
    rows_checked = models.PositiveIntegerField(_("lignes vérifiées"), default=0)
    rows_written = models.PositiveIntegerField(_("lignes enregistrées"), default=0)
    report = models.JSONField(_("rapport"), default=dict, blank=True)
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

    @property
    def working(self) -> bool:
        return self.status in self.WORKING

    def progress_percent(self) -> int:
        done = self.rows_written if self.status == self.Status.IMPORTING else self.rows_checked
        return round(100 * done / self.rows_total) if self.rows_total else 0
