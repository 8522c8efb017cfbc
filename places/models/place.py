"""A tiers-lieu: what it is, where it is, when it is open, how to reach it."""

from django import forms
from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, GistIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.db.models.functions import Collate
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from places import geo, hours, search
from places.models.choices import Wheelchair
from places.models.queryset import PlaceManager
from places.models.taxonomy import PlaceType, Service

postcode_validator = RegexValidator(r"^[0-9]{5}\Z", _("Un code postal s’écrit avec cinq chiffres."))
# Paths under /lieux/ that are pages, not places.
RESERVED_SLUGS = ("resultats", "proposer")


def validate_slug_not_reserved(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(_("« %(slug)s » est réservé par le site."), params={"slug": value})


phone_validator = RegexValidator(
    r"^\+?[0-9 .()-]{6,20}\Z",
    _(
        "Un numéro de téléphone s’écrit avec des chiffres, des espaces, des points, des tirets "
        "ou des parenthèses, et peut commencer par +."
    ),
)


# Links shown to everyone: web pages only (no javascript:, data:, ftp: ...).
WEB_URL_MESSAGE = _("Saisissez une adresse web complète, qui commence par https:// (ou http://).")
web_url_validator = URLValidator(schemes=["http", "https"], message=WEB_URL_MESSAGE)
SOCIAL_LINKS_MAX = 8


class WebURLFormField(forms.URLField):
    """A form's web address: http or https only; a bare domain gets https:// (Django 6's
    default)."""

    default_validators = [web_url_validator]
    default_error_messages = {"invalid": WEB_URL_MESSAGE}

    def __init__(self, **kwargs):
        super().__init__(**{"assume_scheme": "https", **kwargs})


class WebsiteField(models.URLField):
    """A web page's URL (http or https only), checked alike by models and forms."""

    default_validators = [web_url_validator]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": WebURLFormField, **kwargs})


# Every change of a place (who, when, what), types and services included; writers keep one
# version per change through places/history.py. The search vectors are derived by the
# database, and the date of the last check is no change of the listing: not history.
PLACE_HISTORY = HistoricalRecords(
    excluded_fields=["search_vector", "name_vector", "checked_at"],
    m2m_fields=["types", "services"],
    verbose_name=_("version d’un lieu"),
    verbose_name_plural=_("versions des lieux"),
)


class Place(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        PENDING = "pending", _("En attente de validation")
        PUBLISHED = "published", _("Publié")
        ARCHIVED = "archived", _("Archivé")

    name = models.CharField(_("nom"), max_length=150)
    slug = models.SlugField(
        _("identifiant dans l’adresse"),
        max_length=160,
        unique=True,
        validators=[validate_slug_not_reserved],
    )
    summary = models.CharField(
        _("en une phrase"),
        max_length=280,
        blank=True,
        help_text=_("Ce que le lieu propose, en 280 caractères au plus."),
    )
    description = models.TextField(
        _("présentation"),
        blank=True,
        help_text=_("Texte libre au format Markdown : **gras**, listes, liens."),
    )
    types = models.ManyToManyField(PlaceType, verbose_name=_("types"), related_name="places")
    services = models.ManyToManyField(
        Service, verbose_name=_("services"), related_name="places", blank=True
    )

    location = models.PointField(_("position"), geography=True, srid=geo.SRID)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    postcode = models.CharField(
        _("code postal"), max_length=5, blank=True, validators=[postcode_validator]
    )
    commune = models.CharField(_("commune"), max_length=100)

    phone = models.CharField(
        _("téléphone"), max_length=20, blank=True, validators=[phone_validator]
    )
    email = models.EmailField(_("courriel"), blank=True)
    website = WebsiteField(_("site web"), blank=True)
    social_links = ArrayField(
        WebsiteField(max_length=200),
        verbose_name=_("réseaux sociaux"),
        size=SOCIAL_LINKS_MAX,
        blank=True,
        default=list,
        help_text=_("Pages du lieu sur les réseaux sociaux ou ailleurs, une adresse par ligne."),
    )
    opening_hours = models.CharField(
        _("horaires d’ouverture"),
        max_length=255,
        blank=True,
        validators=[hours.validate_opening_hours],
        help_text=_(
            "Au format OpenStreetMap, par exemple « Mo-Fr 09:00-12:00,14:00-18:00; PH off »."
        ),
    )

    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    welcomes_founders = models.BooleanField(
        _("accueille les porteurs de projet"),
        default=False,
        help_text=_("Le lieu reçoit des personnes qui veulent ouvrir leur propre tiers-lieu."),
    )
    wheelchair = models.CharField(
        _("accès en fauteuil roulant"),
        max_length=10,
        choices=Wheelchair.choices,
        default=Wheelchair.UNKNOWN,
    )
    hearing_notes = models.TextField(
        _("accueil des personnes sourdes ou malentendantes"),
        blank=True,
        help_text=_("Boucle magnétique, langue des signes, consignes écrites…"),
    )
    sight_notes = models.TextField(
        _("accueil des personnes aveugles ou malvoyantes"),
        blank=True,
        help_text=_("Documents en gros caractères, chien guide bienvenu, contrastes…"),
    )
    acceslibre_url = WebsiteField(
        _("fiche acceslibre"),
        blank=True,
        help_text=_("L’adresse de la fiche du lieu sur acceslibre.beta.gouv.fr, s’il en a une."),
    )
    is_demo = models.BooleanField(
        _("donnée de démonstration"),
        default=False,
        help_text=_("Lieu fictif des données d’exemple : signalé comme tel sur le site."),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)
    # When a host last said the listing is right: saved from the edit page, or "oui,
    # toujours à jour" in the freshness reminder's mail (places/contact/freshness.py).
    checked_at = models.DateTimeField(_("vérifié le"), null=True, blank=True)
    # Kept by database triggers (see places/search.py); never written by Python.
    search_vector = SearchVectorField(null=True, editable=False)
    # The name alone, for "names first": a search ranks the places it finds by name before
    # the others, and a broad word ranks only the names when they fill the page.
    name_vector = models.GeneratedField(
        expression=SearchVector("name", config=search.CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = PlaceManager()
    history = PLACE_HISTORY

    class Meta:
        verbose_name = _("lieu")
        verbose_name_plural = _("lieux")
        ordering = ["name"]
        indexes = [
            # Counting the published places (every list's total) without reading the rows.
            models.Index(
                fields=["id"],
                condition=models.Q(status="published"),
                name="place_published_idx",
            ),
            # The moderation queue; published places are the bulk and are found by other indexes.
            models.Index(
                fields=["status"],
                condition=~models.Q(status="published"),
                name="place_unpublished_idx",
            ),
            GinIndex(fields=["search_vector"], name="place_search_idx"),
            GinIndex(fields=["name_vector"], name="place_name_search_idx"),
            GinIndex(OpClass(search.unaccented(), name="gin_trgm_ops"), name="place_name_trgm_idx"),
            GistIndex(geo.as_geometry(), name="place_geometry_idx"),
            # The list's default order (French alphabetical), walked instead of sorted.
            models.Index(Collate("name", "fr-x-icu"), "id", name="place_name_fr_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "pending", "published", "archived"]),
                name="place_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(postcode="") | models.Q(postcode__regex=r"^[0-9]{5}$"),
                name="place_postcode_five_digits",
            ),
            models.CheckConstraint(condition=~models.Q(name=""), name="place_name_not_empty"),
            models.CheckConstraint(
                condition=models.Q(wheelchair__in=["yes", "limited", "no", "unknown"]),
                name="place_wheelchair_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(slug="") & ~models.Q(slug__in=RESERVED_SLUGS),
                name="place_slug_not_empty_nor_reserved",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("places:detail", kwargs={"slug": self.slug})

    @property
    def latitude(self) -> float:
        return self.location.y

    @property
    def longitude(self) -> float:
        return self.location.x
