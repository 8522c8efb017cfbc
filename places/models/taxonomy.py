"""The taxonomy of places: the types (families of tiers-lieux) and the services they offer."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

colour_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Une couleur s’écrit #RRVVBB."))


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug: str):
        return self.get(slug=slug)


class Taxon(models.Model):
    slug = models.SlugField(_("identifiant"), max_length=60, unique=True)
    label = models.CharField(_("libellé"), max_length=80)
    icon = models.CharField(
        _("icône"),
        max_length=40,
        help_text=_("Nom d’un symbole de static/img/icons.svg."),
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    objects = SlugManager()

    class Meta:
        abstract = True
        ordering = ["position", "label"]

    def __str__(self) -> str:
        return self.label

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class PlaceType(Taxon):
    """A family of tiers-lieux: those of France Tiers-Lieux plus the Bocage's own."""

    class Family(models.TextChoices):
        FRANCE_TIERS_LIEUX = "ftl", _("Famille France Tiers-Lieux")
        BOCAGE = "bocage", _("Famille propre au Bocage")

    family = models.CharField(_("famille"), max_length=10, choices=Family.choices)
    colour = models.CharField(_("couleur"), max_length=7, validators=[colour_validator])
    description = models.CharField(_("description"), max_length=200, blank=True)

    class Meta(Taxon.Meta):
        verbose_name = _("type de lieu")
        verbose_name_plural = _("types de lieux")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(colour__regex=r"^#[0-9a-fA-F]{6}$"),
                name="placetype_colour_is_hex",
            ),
        ]


class Service(Taxon):
    """Something a place offers to everyone (wifi, printing, meals...): a simple tag."""

    class Meta(Taxon.Meta):
        verbose_name = _("service")
        verbose_name_plural = _("services")
