"""Mails of the moderation, kept in the outbox with the write they tell about and sent by the
task queue (places/outbox): a down mail server loses none of them."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from places.accounts.models import Decision
from places.accounts.proposals import selectors
from places.models import Place
from places.outbox.services import mail_queue


def mail_coordinators(*, place: Place, decision: Decision) -> None:
    """Tells every coordinator that a proposal waits in the moderation queue."""
    recipients = selectors.coordinator_emails()
    if not recipients:
        return
    mail_queue(
        kind="proposal",
        to=recipients,
        subject=_("Lieu proposé à publier : « %(place)s »") % {"place": place.name},
        template="mail/proposal_submitted",
        context={
            "place": place,
            "decision": decision,
            "queue_url": reverse("accounts:moderation"),
            "duplicates": selectors.possible_duplicates(place=place),
        },
    )


SUBJECTS = {
    Decision.Kind.PUBLISHED: gettext_lazy("« %(place)s » est publié"),
    Decision.Kind.CHANGES_REQUESTED: gettext_lazy("« %(place)s » : modifications demandées"),
    Decision.Kind.REFUSED: gettext_lazy("« %(place)s » n’est pas publié"),
}


def mail_author(*, place: Place, decision: Decision) -> None:
    """Tells the author of a proposal (and its other hosts) what a coordinator decided."""
    authors = selectors.proposal_authors(place=place)
    if not authors:
        return
    mail_queue(
        kind="moderation",
        to=authors,
        subject=str(SUBJECTS[decision.kind]) % {"place": place.name},
        template="mail/proposal_decided",
        context={
            "place": place,
            "decision": decision,
            "edit_url": reverse("places:edit", kwargs={"slug": place.slug}),
            "dashboard_url": reverse("accounts:dashboard"),
        },
    )
