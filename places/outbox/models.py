"""A mail written by the site, kept until the mail server has taken it."""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingMailQuerySet(models.QuerySet):
    def unsent(self) -> "OutgoingMailQuerySet":
        return self.filter(sent_at__isnull=True)

    def due(self, now) -> "OutgoingMailQuerySet":
        """Not sent, and its next try has come."""
        return self.unsent().filter(send_after__lte=now)


class OutgoingMail(models.Model):
    """One mail, written in the same transaction as what it tells about, then sent by a
    task (services.deliver) and retried with a growing delay while the server fails.

    Once sent, its addresses and texts are wiped: only its kind and dates stay, to count."""

    kind = models.CharField(_("sorte"), max_length=30)
    to = ArrayField(models.EmailField(), verbose_name=_("destinataires"), default=list)
    reply_to = ArrayField(models.EmailField(), verbose_name=_("répondre à"), default=list)
    subject = models.CharField(_("objet"), max_length=255, blank=True)
    body = models.TextField(_("texte"), blank=True)
    html = models.TextField(_("version HTML"), blank=True)
    created_at = models.DateTimeField(_("écrit le"), auto_now_add=True)
    send_after = models.DateTimeField(_("prochain essai"))
    attempts = models.PositiveIntegerField(_("essais"), default=0)
    last_error = models.CharField(_("dernière erreur"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)

    objects = OutgoingMailQuerySet.as_manager()

    class Meta:
        verbose_name = _("courriel")
        verbose_name_plural = _("courriels")
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["send_after"],
                condition=models.Q(sent_at__isnull=True),
                name="outgoing_mail_unsent_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"
