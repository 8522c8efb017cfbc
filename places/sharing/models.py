"""Spaces and equipment a place shares, with their price, and the querysets that find them.

Both are found through their place's point (`place__location`) with the same geo.py and
search.py functions as places; only those of published places are public. Their
`search_vector` is kept by database triggers (migration 0002): name (A), kind and the
place's name and commune (B), the room's equipment, conditions and notes (C).
"""

from decimal import Decimal

from django.contrib.gis.geos import Point
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from places import geo, search
from places.models import Place

FIELD = "place__location"


class PriceKind(models.TextChoices):
    FREE = "free", _("Gratuit")
    PER_HOUR = "per_hour", _("À l’heure")
    PER_DAY = "per_day", _("À la journée")
    ON_REQUEST = "on_request", _("Sur demande")


class SharedQuerySet(models.QuerySet):
    """Chainable filters of spaces and equipment: each delegates to geo.py or search.py."""

    def published(self):
        """Of published places: the places' own rule, not a copy of it."""
        return self.filter(place__in=Place.objects.published())

    def matching(self, text: search.Text):
        return search.matching(self, text)

    def by_relevance(self):
        return search.by_relevance(self)

    def near(self, point: Point, *, km: float):
        return geo.within(self, point, km=km, field=FIELD)

    def nearest_first(self, point: Point):
        return geo.by_distance(self, point, field=FIELD)

    def in_bbox(self, bbox: geo.BBox):
        return geo.in_bbox(self, bbox, field=FIELD)

    def of_kinds(self, kinds):
        return self.filter(kind__in=list(kinds))

    def free(self):
        return self.filter(price_kind=PriceKind.FREE)

    def accessible(self):
        """At places with wheelchair access (the places' own rule)."""
        return self.filter(place__in=Place.objects.accessible())

    def of_place(self, slug: str):
        return self.filter(place__slug=slug)

    def alphabetical(self):
        return self.order_by("place__name", "name", "pk")


class SpaceQuerySet(SharedQuerySet):
    def for_at_least(self, people: int):
        return self.filter(capacity__gte=people)


class SharedManager(models.Manager):
    def get_queryset(self):
        # The stored search vectors are read by the database, never by Python.
        return super().get_queryset().defer("search_vector", "name_vector")


class Shared(models.Model):
    """What a space and an equipment item have alike: a place, a name, a price, conditions."""

    place = models.ForeignKey(Place, verbose_name=_("lieu"), on_delete=models.CASCADE)
    name = models.CharField(_("nom"), max_length=120)
    conditions = models.TextField(
        _("conditions"),
        blank=True,
        help_text=_("Qui peut en profiter, comment réserver, ce qu’il faut savoir."),
    )
    price_kind = models.CharField(
        _("tarif"), max_length=12, choices=PriceKind.choices, default=PriceKind.ON_REQUEST
    )
    price_amount = models.DecimalField(
        _("montant (€)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Pour un tarif à l’heure ou à la journée."),
    )
    price_text = models.CharField(
        _("précisions sur le tarif"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple « tarif réduit pour les associations »."),
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)
    # Kept by database triggers (migration 0002); never written by Python.
    search_vector = SearchVectorField(null=True, editable=False)
    name_vector = models.GeneratedField(
        expression=SearchVector("name", config=search.CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def price_words(self) -> str:
        """The price in words: « Gratuit », « 15 € de l’heure », « Sur demande »…"""
        amount = None if self.price_amount is None else Decimal(str(self.price_amount))
        figure = (
            number_format(amount, 0 if amount == amount.to_integral_value() else 2)
            if amount is not None
            else ""
        )
        if self.price_kind == PriceKind.FREE:
            words = str(_("Gratuit"))
        elif self.price_kind == PriceKind.PER_HOUR and figure:
            words = str(_("%(amount)s € de l’heure") % {"amount": figure})
        elif self.price_kind == PriceKind.PER_DAY and figure:
            words = str(_("%(amount)s € la journée") % {"amount": figure})
        elif self.price_kind in (PriceKind.PER_HOUR, PriceKind.PER_DAY):
            words = str(self.get_price_kind_display())
        else:
            words = str(_("Tarif sur demande"))
        return f"{words} ({self.price_text})" if self.price_text else words


def _indexes(prefix: str) -> list:
    return [
        GinIndex(fields=["search_vector"], name=f"{prefix}_search_idx"),
        GinIndex(fields=["name_vector"], name=f"{prefix}_name_search_idx"),
        GinIndex(OpClass(search.unaccented(), name="gin_trgm_ops"), name=f"{prefix}_name_trgm_idx"),
        models.Index(fields=["kind"], name=f"{prefix}_kind_idx"),
    ]


def _constraints(prefix: str, kinds) -> list:
    return [
        models.CheckConstraint(condition=~models.Q(name=""), name=f"{prefix}_name_not_empty"),
        models.CheckConstraint(
            condition=models.Q(kind__in=[value for value, _label in kinds.choices]),
            name=f"{prefix}_kind_valid",
        ),
        models.CheckConstraint(
            condition=models.Q(price_kind__in=PriceKind.values), name=f"{prefix}_price_kind_valid"
        ),
        models.CheckConstraint(
            condition=models.Q(price_amount__isnull=True) | models.Q(price_amount__gte=0),
            name=f"{prefix}_price_not_negative",
        ),
    ]


class SpaceKind(models.TextChoices):
    MEETING_ROOM = "meeting_room", _("Salle de réunion")
    WORKSHOP = "workshop", _("Atelier")
    OFFICE = "office", _("Bureau ou poste de travail")
    KITCHEN = "kitchen", _("Cuisine")
    HALL = "hall", _("Salle polyvalente")
    OUTDOOR = "outdoor", _("Espace extérieur")


class Space(Shared):
    """A room, a workshop, a desk... that a place lends or rents."""

    Kind = SpaceKind

    kind = models.CharField(_("type d’espace"), max_length=20, choices=Kind.choices)
    capacity = models.PositiveIntegerField(
        _("capacité (personnes)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    surface_m2 = models.PositiveIntegerField(
        _("surface (m²)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    equipment = models.TextField(
        _("équipement de la salle"),
        blank=True,
        help_text=_("Vidéoprojecteur, tables, paperboard, wifi…"),
    )
    accessibility = models.TextField(
        _("accessibilité"),
        blank=True,
        help_text=_("Rez-de-chaussée, ascenseur, boucle magnétique…"),
    )

    objects = SharedManager.from_queryset(SpaceQuerySet)()
    history = HistoricalRecords(
        excluded_fields=["search_vector", "name_vector"],
        verbose_name=_("version d’un espace"),
        verbose_name_plural=_("versions des espaces"),
    )

    class Meta:
        verbose_name = pgettext_lazy("shared space", "espace")
        verbose_name_plural = pgettext_lazy("shared space", "espaces")
        ordering = ["position", "name"]
        default_related_name = "spaces"
        indexes = [*_indexes("space"), models.Index(fields=["capacity"], name="space_capacity_idx")]
        constraints = [
            *_constraints("space", SpaceKind),
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | models.Q(capacity__gte=1),
                name="space_capacity_positive",
            ),
        ]

    def ask_subject(self) -> str:
        """The subject of a booking request written from the place's page."""
        return str(_("Demande de réservation : %(name)s") % {"name": self.name})


class EquipmentKind(models.TextChoices):
    LASER_CUTTER = "laser_cutter", _("Découpeuse laser")
    PRINTER_3D = "printer_3d", _("Imprimante 3D")
    CNC = "cnc", _("Fraiseuse numérique")
    SEWING = "sewing", _("Machines à coudre")
    VAN = "van", _("Camion ou utilitaire")
    SOUND = "sound", _("Sonorisation")
    PROJECTOR = "projector", _("Vidéoprojecteur")
    TOOLS = "tools", _("Outillage")
    COOKING = "cooking", _("Matériel de cuisine")
    OTHER = "other", _("Autre")


class Equipment(Shared):
    """A machine, a vehicle, tools... that a place lends or rents."""

    Kind = EquipmentKind

    kind = models.CharField(_("type de matériel"), max_length=20, choices=Kind.choices)
    quantity = models.PositiveSmallIntegerField(
        _("quantité"), default=1, validators=[MinValueValidator(1)]
    )
    training_required = models.BooleanField(
        _("formation nécessaire"),
        default=False,
        help_text=_("Une prise en main avec l’équipe est demandée avant le premier usage."),
    )

    objects = SharedManager.from_queryset(SharedQuerySet)()
    history = HistoricalRecords(
        excluded_fields=["search_vector", "name_vector"],
        verbose_name=_("version d’un matériel"),
        verbose_name_plural=_("versions du matériel"),
    )

    class Meta:
        verbose_name = _("matériel")
        verbose_name_plural = _("matériel")
        ordering = ["position", "name"]
        default_related_name = "equipment"
        indexes = _indexes("equipment")
        constraints = [
            *_constraints("equipment", EquipmentKind),
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1), name="equipment_quantity_positive"
            ),
        ]

    def ask_subject(self) -> str:
        """The subject of a borrowing request written from the place's page."""
        return str(_("Demande d’emprunt : %(name)s") % {"name": self.name})
