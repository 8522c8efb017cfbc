"""An event at a place, its recurrence, its materialised occurrences and the outside feeds."""

import uuid

from django.contrib.gis.db import models
from django.contrib.gis.geos import Point
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, GistIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from places import geo, search
from places.events.querysets import EventManager, OccurrenceQuerySet
from places.models import Place
from places.models.place import WebsiteField


class Category(models.TextChoices):
    WORKSHOP = "atelier", _("Atelier")
    REPAIR = "reparation", _("Réparation")
    TALK = "conference", _("Conférence")
    CONCERT = "concert", _("Concert")
    MARKET = "marche", _("Marché")
    MEETING = "reunion", _("Réunion")
    TRAINING = "formation", _("Formation")
    VISIT = "visite", _("Visite")
    MEAL = "repas", _("Repas")
    SHOW = "spectacle", _("Spectacle")
    OTHER = "autre", _("Autre")


class Status(models.TextChoices):
    SCHEDULED = "scheduled", _("Prévu")
    CANCELLED = "cancelled", _("Annulé")
    POSTPONED = "postponed", _("Reporté")
    FULL = "full", _("Complet")


class Attendance(models.TextChoices):
    OFFLINE = "offline", _("Sur place")
    ONLINE = "online", _("En ligne")
    MIXED = "mixed", _("Sur place et en ligne")


class EventFeed(models.Model):
    """An iCalendar feed published elsewhere (Mobilizon, OpenAgenda, Nextcloud) whose
    events are imported at a place by `manage.py import_event_feeds`."""

    place = models.ForeignKey(
        Place, verbose_name=_("lieu"), on_delete=models.CASCADE, related_name="event_feeds"
    )
    url = WebsiteField(_("adresse du calendrier (iCalendar)"), max_length=500)
    last_checked_at = models.DateTimeField(_("dernière lecture"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("dernière lecture réussie"), null=True, blank=True)
    last_error = models.TextField(_("dernière erreur"), blank=True)
    created_at = models.DateTimeField(_("ajouté le"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendrier importé")
        verbose_name_plural = _("calendriers importés")
        constraints = [
            models.UniqueConstraint(fields=["place", "url"], name="event_feed_unique_url")
        ]

    def __str__(self) -> str:
        return self.url


class Event(models.Model):
    """An event, once or repeated (`rule`, an iCalendar RRULE), organised by a place, at
    the place itself or at its own address and point (`off_site`)."""

    uid = models.UUIDField(_("identifiant iCalendar"), default=uuid.uuid4, unique=True)
    place = models.ForeignKey(
        Place, verbose_name=_("lieu organisateur"), on_delete=models.CASCADE, related_name="events"
    )
    title = models.CharField(_("titre"), max_length=150)
    slug = models.SlugField(_("identifiant dans l’adresse"), max_length=160, unique=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Texte libre au format Markdown.")
    )
    category = models.CharField(
        _("catégorie"), max_length=20, choices=Category.choices, default=Category.WORKSHOP
    )
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"))
    all_day = models.BooleanField(_("toute la journée"), default=False)
    rule = models.CharField(
        _("répétition (RRULE)"),
        max_length=300,
        blank=True,
        help_text=_("Règle iCalendar, par exemple « FREQ=MONTHLY;BYDAY=1SA »."),
    )
    exdates = ArrayField(
        models.DateField(),
        verbose_name=_("dates sans séance"),
        blank=True,
        default=list,
    )
    is_free = models.BooleanField(_("gratuit"), default=False)
    price = models.CharField(_("tarif"), max_length=100, blank=True)
    registration_url = WebsiteField(_("lien d’inscription"), blank=True)
    registration_on_site = models.BooleanField(
        _("inscription sur place"), default=False, help_text=_("Sans inscription préalable.")
    )
    capacity = models.PositiveIntegerField(_("nombre de places"), null=True, blank=True)
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    attendance = models.CharField(
        _("participation"), max_length=10, choices=Attendance.choices, default=Attendance.OFFLINE
    )
    online_url = WebsiteField(_("lien pour suivre en ligne"), blank=True)
    audience = models.CharField(_("public"), max_length=200, blank=True)
    accessibility = models.TextField(_("accessibilité"), blank=True)
    off_site = models.BooleanField(
        _("ailleurs qu’au lieu"),
        default=False,
        help_text=_("À une autre adresse que celle du lieu."),
    )
    venue = models.CharField(_("nom de l’endroit"), max_length=150, blank=True)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    commune = models.CharField(_("commune"), max_length=100, blank=True)
    location = models.PointField(
        _("position"), geography=True, srid=geo.SRID, null=True, blank=True
    )
    sequence = models.PositiveIntegerField(_("révision iCalendar"), default=0, editable=False)
    feed = models.ForeignKey(
        EventFeed,
        verbose_name=_("importé de"),
        on_delete=models.CASCADE,
        related_name="events",
        null=True,
        blank=True,
    )
    feed_uid = models.CharField(_("UID dans le calendrier importé"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)
    # Derived by the database (search.py): the title (A) and the description (C).
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config=search.CONFIG)
        + SearchVector("description", weight="C", config=search.CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    name_vector = models.GeneratedField(
        expression=SearchVector("title", config=search.CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = EventManager()

    class Meta:
        verbose_name = _("évènement")
        verbose_name_plural = _("évènements")
        ordering = ["start"]
        indexes = [
            GinIndex(fields=["search_vector"], name="event_search_idx"),
            GinIndex(fields=["name_vector"], name="event_name_search_idx"),
            GinIndex(
                OpClass(search.unaccented("title"), name="gin_trgm_ops"),
                name="event_title_trgm_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="event_ends_after"
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="event_status_valid"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="event_title_not_empty"),
            models.CheckConstraint(
                condition=Q(off_site=False) | Q(location__isnull=False),
                name="event_off_site_has_location",
            ),
            models.UniqueConstraint(
                fields=["feed", "feed_uid"],
                condition=Q(feed__isnull=False),
                name="event_feed_uid_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"slug": self.slug})

    @property
    def point(self) -> Point:
        return self.location if self.off_site else self.place.location

    @property
    def where(self) -> str:
        if self.off_site:
            return ", ".join(part for part in [self.venue, self.address, self.commune] if part)
        return ", ".join(
            part for part in [self.place.name, self.place.address, self.place.commune] if part
        )

    @property
    def is_series(self) -> bool:
        return bool(self.rule)


class OccurrenceChange(models.Model):
    """One occurrence of a series changed (iCalendar's RECURRENCE-ID): moved, or cancelled
    alone while the series goes on."""

    event = models.ForeignKey(
        Event, verbose_name=_("évènement"), on_delete=models.CASCADE, related_name="changes"
    )
    original_date = models.DateField(_("date prévue"))
    start = models.DateTimeField(_("nouveau début"), null=True, blank=True)
    end = models.DateTimeField(_("nouvelle fin"), null=True, blank=True)
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )

    class Meta:
        verbose_name = _("séance modifiée")
        verbose_name_plural = _("séances modifiées")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "original_date"], name="occurrence_change_unique"
            ),
            models.CheckConstraint(
                condition=Q(start__isnull=True, end__isnull=True)
                | Q(start__isnull=False, end__isnull=False, end__gte=models.F("start")),
                name="occurrence_change_times",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} ({self.original_date})"


class Occurrence(models.Model):
    """One date of an event, materialised (services.occurrences_rebuild) so that the agenda
    is a plain indexed query. `location` and `commune` are the event's or its place's (the
    database keeps them when a place moves, migration 0001)."""

    event = models.ForeignKey(
        Event, verbose_name=_("évènement"), on_delete=models.CASCADE, related_name="occurrences"
    )
    original_date = models.DateField(_("date prévue"))
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"))
    all_day = models.BooleanField(_("toute la journée"), default=False)
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices)
    location = models.PointField(_("position"), geography=True, srid=geo.SRID)
    commune = models.CharField(_("commune"), max_length=100, blank=True)

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("séance")
        verbose_name_plural = _("séances")
        ordering = ["start"]
        indexes = [
            models.Index(fields=["start", "id"], name="occurrence_start_idx"),
            models.Index(fields=["end"], name="occurrence_end_idx"),
            models.Index(fields=["event", "start"], name="occurrence_event_idx"),
            GistIndex(geo.as_geometry(), name="occurrence_geometry_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "original_date"], name="occurrence_unique_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} {self.start:%Y-%m-%d %H:%M}"
