"""What visitors and hosts leave here: corrections suggested, freshness reminders sent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The fields of a listing a visitor may correct (texts; not its name, types, position).
SUGGESTED_FIELDS = [
    "summary",
    "description",
    "address",
    "postcode",
    "commune",
    "opening_hours",
    "phone",
    "website",
]


class SuggestionQuerySet(models.QuerySet):
    def pending(self) -> "SuggestionQuerySet":
        return self.filter(status=Suggestion.Status.PENDING)


class Suggestion(models.Model):
    """A correction of a listing by a visitor: the difference they made, field by field
    (`changes`: {field: {"before": ..., "after": ...}}), against the listing they saw.

    The author's address serves to answer them: it is wiped once the suggestion is decided."""

    class Status(models.TextChoices):
        PENDING = "pending", _("À examiner")
        ACCEPTED = "accepted", _("Acceptée")
        REFUSED = "refused", _("Refusée")

    place = models.ForeignKey(
        "places.Place",
        verbose_name=_("lieu"),
        on_delete=models.CASCADE,
        related_name="suggestions",
    )
    name = models.CharField(_("nom de l’auteur"), max_length=100, blank=True)
    email = models.EmailField(_("adresse de l’auteur"), blank=True)
    changes = models.JSONField(_("modifications"), default=dict, blank=True)
    comment = models.TextField(_("commentaire"), blank=True)
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("reçue le"), auto_now_add=True)
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("décidée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Fields applied when accepted, and those left because they had changed since.
    applied = models.JSONField(_("champs appliqués"), default=list, blank=True)
    skipped = models.JSONField(_("champs laissés"), default=list, blank=True)
    answer = models.TextField(_("réponse"), blank=True)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("suggestion de correction")
        verbose_name_plural = _("suggestions de correction")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "accepted", "refused"]),
                name="suggestion_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.place} — {self.created_at:%d/%m/%Y}"


class FreshnessReminder(models.Model):
    """A mail asking a host whether a listing is still right; its "yes" link works once."""

    place = models.ForeignKey(
        "places.Place",
        verbose_name=_("lieu"),
        on_delete=models.CASCADE,
        related_name="freshness_reminders",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hôte"),
        on_delete=models.CASCADE,
        related_name="freshness_reminders",
    )
    sent_at = models.DateTimeField(_("envoyé le"), auto_now_add=True)
    used_at = models.DateTimeField(_("confirmé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("rappel de mise à jour")
        verbose_name_plural = _("rappels de mise à jour")
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["place", "user", "-sent_at"], name="reminder_recent_idx")]

    def __str__(self) -> str:
        return f"{self.place} — {self.user}"
