"""A photo of a place: its alt text, its order, and the sizes it was re-encoded at."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from places.models.place import Place

# The longest side of each rendition, in pixels (never enlarged).
SIZES = {"thumbnail": 320, "card": 800, "full": 1600}


def fit(width: int, height: int, box: int) -> tuple[int, int]:
    """The size of a `width`×`height` image whose longest side fits in `box` pixels."""
    scale = min(1.0, box / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def photo_path(photo: "PlacePhoto", filename: str) -> str:
    """`places/<place id>/<random>-<size>.<ext>`: unguessable, never the uploaded name."""
    return f"places/{photo.place_id}/{filename}"


class PlacePhoto(models.Model):
    """One photo of a place, stored in three sizes (see places/photos.py)."""

    place = models.ForeignKey(
        Place, verbose_name=_("lieu"), on_delete=models.CASCADE, related_name="photos"
    )
    alt = models.CharField(
        _("description de la photo"),
        max_length=250,
        help_text=_(
            "Ce que montre la photo, pour les personnes qui ne la voient pas "
            "(par exemple « La grande salle avec ses tables de travail »)."
        ),
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    # The three renditions, re-encoded from the upload (EXIF and GPS stripped).
    thumbnail = models.FileField(_("vignette"), upload_to=photo_path, max_length=200)
    card = models.FileField(_("taille moyenne"), upload_to=photo_path, max_length=200)
    full = models.FileField(_("grande taille"), upload_to=photo_path, max_length=200)
    # Of the photo as decoded and turned upright; each rendition fits it in its box (SIZES).
    width = models.PositiveIntegerField(_("largeur"))
    height = models.PositiveIntegerField(_("hauteur"))
    created_at = models.DateTimeField(_("ajoutée le"), auto_now_add=True)
    history = HistoricalRecords(
        verbose_name=_("version d’une photo"), verbose_name_plural=_("versions des photos")
    )

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["place", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(alt=""), name="placephoto_alt_not_empty"),
            models.CheckConstraint(
                condition=models.Q(width__gt=0, height__gt=0), name="placephoto_has_a_size"
            ),
        ]

    def __str__(self) -> str:
        return self.alt

    def size_of(self, rendition: str) -> tuple[int, int]:
        """Width and height of one rendition (`width`×`height` is the original's)."""
        return fit(self.width, self.height, SIZES[rendition])

    @property
    def srcset(self) -> str:
        """The three renditions for `<img srcset>`, by their widths."""
        return ", ".join(
            f"{getattr(self, rendition).url} {self.size_of(rendition)[0]}w" for rendition in SIZES
        )

    @property
    def thumbnail_size(self) -> tuple[int, int]:
        return self.size_of("thumbnail")

    @property
    def card_size(self) -> tuple[int, int]:
        return self.size_of("card")
