"""Mails of the moderation, sent by the task queue: a down mail server loses none of them."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from places import mail
from places.accounts.models import Decision
from places.accounts.proposals import selectors
from places.models import Place


@task()
def mail_coordinators(place_id: int) -> int:
    """Tells every coordinator that a proposal waits in the moderation queue."""
    place = Place.objects.get(pk=place_id)
    recipients = selectors.coordinator_emails()
    if not recipients:
        return 0
    submission = place.decisions.first()
    context = {
        "place": place,
        "decision": submission,
        "queue_url": reverse("accounts:moderation"),
        "duplicates": selectors.possible_duplicates(place=place),
    }
    mail.send_message(
        to=recipients,
        subject=_("Lieu proposé à publier : « %(place)s »") % {"place": place.name},
        template="mail/proposal_submitted",
        context=context,
    )
    return len(recipients)


@task()
def mail_author(decision_id: int) -> int:
    """Tells the author of a proposal what a coordinator decided, and why."""
    decision = Decision.objects.select_related("place").get(pk=decision_id)
    place = decision.place
    authors = selectors.proposal_authors(place=place)
    if not authors:
        return 0
    subjects = {
        Decision.Kind.PUBLISHED: _("« %(place)s » est publié"),
        Decision.Kind.CHANGES_REQUESTED: _("« %(place)s » : modifications demandées"),
        Decision.Kind.REFUSED: _("« %(place)s » n’est pas publié"),
    }
    mail.send_message(
        to=authors,
        subject=subjects[decision.kind] % {"place": place.name},
        template="mail/proposal_decided",
        context={
            "place": place,
            "decision": decision,
            "edit_url": reverse("places:edit", kwargs={"slug": place.slug}),
            "dashboard_url": reverse("accounts:dashboard"),
        },
    )
    return len(authors)
