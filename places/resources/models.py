"""Resources for people opening a tiers-lieu: their themes, the stages of a project, files."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from places import search
from places.models import Place
from places.models.place import WebsiteField

# Paths under /ressources/ that are pages, not resources.
RESERVED_SLUGS = ("parcours",)


def validate_slug_not_reserved(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(_("« %(slug)s » est réservé par le site."), params={"slug": value})


class Taxon(models.Model):
    slug = models.SlugField(_("identifiant"), max_length=60, unique=True)
    label = models.CharField(_("libellé"), max_length=80)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "label"]

    def __str__(self) -> str:
        return self.label


class Theme(Taxon):
    """What a resource is about: gouvernance, financement, juridique..."""

    class Meta(Taxon.Meta):
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")


class Stage(Taxon):
    """A stage of a project (idée, émergence...), with what to do at that stage: the founder's
    path reads them in order."""

    summary = models.CharField(_("en une phrase"), max_length=280, blank=True)
    guidance = models.TextField(
        _("que faire à cette étape"), blank=True, help_text=_("Texte au format Markdown.")
    )
    checklist = models.TextField(
        _("liste à cocher"), blank=True, help_text=_("Une action par ligne.")
    )
    sources = models.TextField(
        _("sources"),
        blank=True,
        help_text=_("Les guides dont cette étape s’inspire, en Markdown (liens)."),
    )

    class Meta(Taxon.Meta):
        verbose_name = _("étape d’un projet")
        verbose_name_plural = _("étapes d’un projet")

    def checklist_items(self) -> list[str]:
        return [line.strip() for line in self.checklist.splitlines() if line.strip()]


class ResourceQuerySet(models.QuerySet):
    """Chainable filters of resources: the text search is places' own (search.py)."""

    def published(self) -> "ResourceQuerySet":
        return self.filter(status=Resource.Status.PUBLISHED)

    def matching(self, text: search.Text) -> "ResourceQuerySet":
        return search.matching(self, text, name="title")

    def by_relevance(self) -> "ResourceQuerySet":
        return search.by_relevance(self, name="title")

    def newest_first(self) -> "ResourceQuerySet":
        return self.order_by(models.F("published_at").desc(nulls_last=True), "-pk")

    def about(self, slugs) -> "ResourceQuerySet":
        through = Resource.themes.through.objects
        return self.filter(
            Exists(through.filter(resource_id=OuterRef("pk"), theme__slug__in=list(slugs)))
        )

    def at_stages(self, slugs) -> "ResourceQuerySet":
        through = Resource.stages.through.objects
        return self.filter(
            Exists(through.filter(resource_id=OuterRef("pk"), stage__slug__in=list(slugs)))
        )

    def of_kinds(self, kinds) -> "ResourceQuerySet":
        return self.filter(kind__in=list(kinds))

    def offered_by(self, slugs) -> "ResourceQuerySet":
        return self.filter(place__slug__in=list(slugs))


class ResourceManager(models.Manager.from_queryset(ResourceQuerySet)):
    def get_queryset(self) -> ResourceQuerySet:
        return super().get_queryset().defer("search_vector", "name_vector")


class Resource(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        PENDING = "pending", _("En attente de validation")
        PUBLISHED = "published", _("Publiée")

    class Kind(models.TextChoices):
        GUIDE = "guide", _("Guide")
        TEMPLATE = "modele", _("Modèle")
        FEEDBACK = "retour", _("Retour d’expérience")
        TOOL = "outil", _("Outil")
        VIDEO = "video", _("Vidéo")
        LINK = "lien", _("Lien")
        CONTACT = "contact", _("Contact utile")

    title = models.CharField(_("titre"), max_length=150)
    slug = models.SlugField(
        _("identifiant dans l’adresse"),
        max_length=160,
        unique=True,
        validators=[validate_slug_not_reserved],
    )
    summary = models.CharField(_("en une phrase"), max_length=280)
    body = models.TextField(
        _("contenu"), blank=True, help_text=_("Texte libre au format Markdown : **gras**, listes.")
    )
    kind = models.CharField(_("nature"), max_length=10, choices=Kind.choices)
    themes = models.ManyToManyField(Theme, verbose_name=_("thèmes"), related_name="resources")
    stages = models.ManyToManyField(
        Stage, verbose_name=_("étapes"), related_name="resources", blank=True
    )
    link = WebsiteField(_("lien externe"), blank=True)
    place = models.ForeignKey(
        Place,
        verbose_name=_("proposée par le lieu"),
        related_name="resources",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    author = models.CharField(_("auteur ou autrice"), max_length=150, blank=True)
    licence = models.CharField(
        _("licence"), max_length=80, blank=True, help_text=_("Par exemple CC BY-SA 4.0.")
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposée par"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("mise à jour le"), auto_now=True)
    # Kept by database triggers (migration 0001, see places/search.py); never written by Python.
    search_vector = SearchVectorField(null=True, editable=False)
    name_vector = models.GeneratedField(
        expression=SearchVector("title", config=search.CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = ResourceManager()

    class Meta:
        verbose_name = _("ressource")
        verbose_name_plural = _("ressources")
        ordering = ["title"]
        indexes = [
            GinIndex(fields=["search_vector"], name="resource_search_idx"),
            GinIndex(fields=["name_vector"], name="resource_name_search_idx"),
            GinIndex(
                OpClass(search.unaccented("title"), name="gin_trgm_ops"),
                name="resource_title_trgm_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "pending", "published"]),
                name="resource_status_valid",
            ),
            models.CheckConstraint(condition=~models.Q(title=""), name="resource_title_not_empty"),
            models.CheckConstraint(
                condition=~models.Q(slug="") & ~models.Q(slug__in=RESERVED_SLUGS),
                name="resource_slug_not_empty_nor_reserved",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("resources:detail", kwargs={"slug": self.slug})

    @property
    def public_place(self) -> Place | None:
        """The place offering it, when that place is published (else its page is a 404)."""
        place = self.place
        return place if place is not None and place.status == Place.Status.PUBLISHED else None


class ResourceFile(models.Model):
    """A file of a resource, its type read from its content when it was uploaded."""

    resource = models.ForeignKey(
        Resource, verbose_name=_("ressource"), related_name="files", on_delete=models.CASCADE
    )
    file = models.FileField(_("fichier"), upload_to="ressources/%Y/%m/", max_length=200)
    name = models.CharField(_("nom affiché"), max_length=150)
    content_type = models.CharField(_("type"), max_length=120, editable=False)
    size = models.PositiveBigIntegerField(_("taille (octets)"), editable=False)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("fichier")
        verbose_name_plural = _("fichiers")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("resources:download", kwargs={"slug": self.resource.slug, "pk": self.pk})


class DownloadCount(models.Model):
    """How many times the files of a resource were downloaded: a total incremented in the
    database (an F() expression), nobody's trace. A table of its own, outside the resources'
    data version: a download changes no page, so it must not empty their caches."""

    resource = models.OneToOneField(
        Resource,
        verbose_name=_("ressource"),
        related_name="download_count",
        on_delete=models.CASCADE,
        primary_key=True,
    )
    count = models.PositiveBigIntegerField(_("téléchargements"), default=0)

    class Meta:
        verbose_name = _("compte des téléchargements")
        verbose_name_plural = _("comptes des téléchargements")

    def __str__(self) -> str:
        return f"{self.resource_id}: {self.count}"
