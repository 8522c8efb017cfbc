"""Freshness: every FRESHNESS_MONTHS months, each host of a listing nobody checked is asked
"is it still right?" by a mail with two links: "oui, toujours à jour", a signed link that
records the check without signing in (once, before FRESHNESS_LINK_DAYS days), and "je dois
changer quelque chose", the edit page."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from places.accounts.models import Hosting
from places.contact import selectors
from places.contact.models import FreshnessReminder
from places.models import Place
from places.outbox.services import mail_queue

SALT = "places.contact.freshness"
TAMPERED = gettext_lazy("Ce lien n’est pas valide : vérifiez qu’il est complet.")
EXPIRED = gettext_lazy(
    "Ce lien a expiré. Connectez-vous à votre espace hôte pour vérifier la fiche."
)
USED = gettext_lazy("Ce lien a déjà servi : la vérification de la fiche est enregistrée.")


class InvalidLink(Exception):
    def __init__(self, message: str, *, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


def link_token(reminder: FreshnessReminder) -> str:
    return signing.dumps({"r": reminder.pk, "p": reminder.place_id}, salt=SALT)


def still_right_url(reminder: FreshnessReminder) -> str:
    path = reverse(
        "places:still-right",
        kwargs={"slug": reminder.place.slug, "token": link_token(reminder)},
    )
    return f"{settings.SITE_URL}{path}"


def reminder_from_token(*, token: str, place: Place, for_update: bool = False):
    """The reminder a link names, for this place and not used; else InvalidLink."""
    try:
        data = signing.loads(token, salt=SALT, max_age=timedelta(days=settings.FRESHNESS_LINK_DAYS))
    except signing.SignatureExpired:
        raise InvalidLink(EXPIRED, status=410) from None
    except signing.BadSignature:
        raise InvalidLink(TAMPERED) from None
    if not isinstance(data, dict) or data.get("p") != place.pk:
        raise InvalidLink(TAMPERED)  # another place's link
    reminders = FreshnessReminder.objects.select_related("place")
    if for_update:
        reminders = reminders.select_for_update(of=("self",))
    try:
        reminder = reminders.get(pk=data.get("r"), place=place)
    except (FreshnessReminder.DoesNotExist, ValueError, TypeError):
        raise InvalidLink(TAMPERED) from None
    if reminder.used_at is not None:
        raise InvalidLink(USED, status=410)
    return reminder


def place_confirm_fresh(*, token: str, place: Place) -> FreshnessReminder:
    """ "Oui, toujours à jour": the check recorded, the link used up."""
    with transaction.atomic():
        reminder = reminder_from_token(token=token, place=place, for_update=True)
        now = timezone.now()
        reminder.used_at = now
        reminder.save(update_fields=["used_at"])
        Place.objects.filter(pk=place.pk).update(checked_at=now)
    return reminder


def send_reminders(*, now=None) -> int:
    """One reminder to each active host of each listing not checked for FRESHNESS_MONTHS
    months, unless they had one in that time. Returns how many were queued."""
    now = now or timezone.now()
    stale = selectors.places_to_check(months=settings.FRESHNESS_MONTHS)
    reminded = FreshnessReminder.objects.filter(
        place=OuterRef("place"),
        user=OuterRef("user"),
        sent_at__gte=now - selectors.months_ago(settings.FRESHNESS_MONTHS),
    )
    hostings = (
        Hosting.objects.filter(place__in=stale.values("pk"), user__is_active=True)
        .exclude(Exists(reminded))
        .select_related("place", "user")
        .order_by("place__name", "user__email")
    )
    queued = 0
    for hosting in hostings:
        with transaction.atomic():
            reminder = FreshnessReminder.objects.create(place=hosting.place, user=hosting.user)
            place = hosting.place
            mail_queue(
                kind="freshness",
                to=hosting.user.email,
                subject=_("Votre fiche « %(place)s » est-elle toujours à jour ?")
                % {"place": place.name},
                template="mail/freshness",
                context={
                    "place": place,
                    "user": hosting.user,
                    "yes_url": still_right_url(reminder),
                    "edit_url": settings.SITE_URL
                    + reverse("places:edit", kwargs={"slug": place.slug}),
                    "days": settings.FRESHNESS_LINK_DAYS,
                },
            )
        queued += 1
    return queued
